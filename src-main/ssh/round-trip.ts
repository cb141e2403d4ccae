import type { Client } from 'ssh2';
import { fail, ok, type Result } from '../../src-shared/contract/result';

export interface RoundTripOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * One network round trip on an open connection, in milliseconds, with nothing started on the box: a global request
 * the server answers from its connection loop (cancel a remote forwarding that was never asked for, which OpenSSH
 * refuses at once, without a session, a fork or a shell). Either answer, refusal or not, is the reply we time. An
 * `exec true` instead would time a process start on the box too, and cost the box a fork on every look.
 */
export function roundTripOnClient(client: Client, options: RoundTripOptions = {}): Promise<Result<number>> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Result<number>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => finish(fail('cancelled', 'The round trip was cancelled.'));
    const timer = setTimeout(
      () => finish(fail('timeout', `The box did not answer within ${Math.round(timeoutMs / 1000)} s.`)),
      timeoutMs,
    );
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const started = performance.now();
    try {
      client.unforwardIn('127.0.0.1', 0, () => finish(ok(performance.now() - started)));
    } catch (error) {
      // ssh2 throws synchronously when the socket is no longer writable.
      finish(
        fail('host-unreachable', `The connection is gone: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  });
}
