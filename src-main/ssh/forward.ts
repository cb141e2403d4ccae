import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { SshEndpoint } from './types';

/** Opens a direct-tcpip channel; a refusal on the far side is reported as the far side being unreachable. */
export function forwardOnClient(client: Client, host: string, port: number): Promise<Result<Duplex>> {
  return new Promise((resolve) => {
    try {
      client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => {
        if (error)
          resolve(
            fail('host-unreachable', `The box could not open a connection to ${host}:${port}: ${error.message}`, {
              detail: { host, port, cause: error.message, stage: 'channel' },
            }),
          );
        else resolve(ok(channel));
      });
    } catch (error) {
      resolve(
        fail(
          'host-unreachable',
          `The SSH connection is gone: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
  });
}

/** The TCP hop from a jump host to the box, which the box's own SSH session then runs over. */
export async function hopThrough(jump: Client, via: SshEndpoint, host: string, port: number): Promise<Result<Duplex>> {
  const hop = await forwardOnClient(jump, host, port);
  if (hop.ok) return hop;
  return fail('host-unreachable', `The jump host ${via.host}:${via.port} could not reach ${host}:${port}.`, {
    detail: { host, port, jumpHost: via.host, cause: hop.error.detail?.['cause'] },
  });
}
