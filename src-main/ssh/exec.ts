import type { Client, ClientChannel } from 'ssh2';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { ExecOptions, ExecResult } from './types';

export const DEFAULT_EXEC_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

/** Runs one command on an open connection and collects its output within the given limits. */
export function execOnClient(client: Client, command: string, options: ExecOptions = {}): Promise<Result<ExecResult>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  return new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve(fail('cancelled', 'The command was cancelled before it started.'));
      return;
    }
    let channel: ClientChannel | undefined;
    let settled = false;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    const finish = (result: Result<ExecResult>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (!result.ok && channel) channel.close();
      resolve(result);
    };
    const onAbort = (): void => finish(fail('cancelled', 'The command was cancelled.'));
    const timer = setTimeout(
      () =>
        finish(
          fail('timeout', `The command did not finish within ${Math.round(timeoutMs / 1000)} s.`, {
            detail: { timeoutMs },
          }),
        ),
      timeoutMs,
    );
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish(
          fail('internal', `The command printed more than ${maxBytes} bytes, so it was stopped.`, {
            retryable: false,
            detail: { maxOutputBytes: maxBytes },
          }),
        );
        return;
      }
      into.push(chunk);
    };

    try {
      client.exec(command, (error, stream) => {
        if (error) {
          finish(
            fail('host-unreachable', `Could not start a command on the box: ${error.message}`, {
              detail: { cause: error.message },
            }),
          );
          return;
        }
        channel = stream;
        if (settled) {
          stream.close();
          return;
        }
        let code: number | null = null;
        let signal: string | null = null;
        stream.on('data', collect(stdout));
        stream.stderr.on('data', collect(stderr));
        stream.on('exit', (exitCode: number | null, exitSignal?: string) => {
          code = typeof exitCode === 'number' ? exitCode : null;
          signal = exitSignal ?? null;
        });
        stream.on('close', () =>
          finish(
            ok({
              code,
              signal,
              stdout: Buffer.concat(stdout).toString('utf8'),
              stderr: Buffer.concat(stderr).toString('utf8'),
            }),
          ),
        );
        stream.end(options.stdin);
      });
    } catch (error) {
      finish(
        fail(
          'host-unreachable',
          `Could not start a command on the box: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
  });
}
