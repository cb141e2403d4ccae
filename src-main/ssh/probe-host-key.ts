import type { Duplex } from 'node:stream';
import { Client } from 'ssh2';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import { keyTypeOfBlob, sha256Fingerprint } from '../hostkeys/fingerprint';
import type { HostKeyChecker, HostKeyCheck } from '../hostkeys/host-keys';
import { connectEndpoint, hostKeyAlgorithmOrder, type ConnectTuning } from './connect';
import { mapSshError } from './ssh-errors';
import { hopThrough } from './forward';
import type { SshEndpoint } from './types';

export interface ProbeTarget {
  readonly host: string;
  readonly port: number;
  /** The jump host must already be trusted: it is logged in to, the box behind it is only probed. */
  readonly jump?: SshEndpoint;
}

export interface HostKeyProbe {
  readonly keyType: string;
  readonly fingerprint: string;
  /** What the host-key store says about this key right now. */
  readonly status: HostKeyCheck['status'];
}

/**
 * Reads the host key the box presents and disconnects during key exchange, before authentication starts,
 * so nothing about the user is sent to a host that is not trusted yet.
 */
export async function probeHostKey(
  target: ProbeTarget,
  hostKeys: HostKeyChecker,
  tuning: ConnectTuning,
): Promise<Result<HostKeyProbe>> {
  let jump: Client | undefined;
  let sock: Duplex | undefined;
  if (target.jump) {
    const connected = await connectEndpoint(target.jump, hostKeys, tuning, 'jump');
    if (!connected.ok) return connected;
    jump = connected.value.client;
    const hop = await hopThrough(jump, target.jump, target.host, target.port);
    if (!hop.ok) {
      jump.end();
      return hop;
    }
    sock = hop.value;
  }
  const known = await hostKeys.knownKeyTypes(target.host, target.port);
  if (!known.ok) {
    jump?.end();
    return known;
  }
  let captured: { keyType: string; fingerprint: string } | undefined;
  let malformed = false;
  const client = new Client();
  const result = await new Promise<Result<{ keyType: string; fingerprint: string }>>((resolve) => {
    let settled = false;
    const settle = (r: Result<{ keyType: string; fingerprint: string }>): void => {
      if (settled) return;
      settled = true;
      resolve(r);
      client.end();
    };
    client.on('error', (error) => {
      if (captured) settle(ok(captured));
      else if (malformed)
        settle(
          fail('host-key-mismatch', `${target.host}:${target.port} sent a host key Boxfleet cannot read.`, {
            retryable: false,
          }),
        );
      else settle(mapSshError(error, { host: target.host, port: target.port, stage: 'connect' }));
    });
    client.on('close', () =>
      settle(
        captured
          ? ok(captured)
          : fail(
              'host-unreachable',
              `${target.host}:${target.port} closed the connection before showing its host key.`,
            ),
      ),
    );
    client.on('ready', () => settle(fail('internal', 'The probe unexpectedly authenticated.', { retryable: false })));
    try {
      client.connect({
        host: target.host,
        port: target.port,
        username: 'boxfleet-host-key-probe',
        readyTimeout: tuning.readyTimeoutMs,
        algorithms: { serverHostKey: hostKeyAlgorithmOrder(known.value) },
        ...(sock ? { sock } : {}),
        hostVerifier: (key: Buffer): boolean => {
          const keyType = keyTypeOfBlob(key);
          if (keyType === null) malformed = true;
          else captured = { keyType, fingerprint: sha256Fingerprint(key) };
          return false;
        },
      });
    } catch (error) {
      settle(mapSshError(error, { host: target.host, port: target.port, stage: 'connect' }));
    }
  });
  jump?.end();
  if (!result.ok) return result;
  const verdict = await hostKeys.check(target.host, target.port, result.value.keyType, result.value.fingerprint);
  if (!verdict.ok) return verdict;
  return ok({ ...result.value, status: verdict.value.status });
}
