import { Agent } from 'node:http';
import { PassThrough, type Duplex } from 'node:stream';
import type { Fail, Result } from '../../src-shared/contract/result';

/** Carries the mapped failure of opening the tunnel through http's error path. */
export class TunnelError extends Error {
  constructor(readonly failure: Fail) {
    super(failure.error.message);
  }
}

type SocketShim = Duplex &
  Partial<Record<'setKeepAlive' | 'setNoDelay' | 'setTimeout' | 'ref' | 'unref', (...args: unknown[]) => unknown>>;

/** An SSH channel lacks the few net.Socket methods http and its agent call (keep-alive, ref/unref, timeouts); on a tunnel they have nothing to do. */
function asSocketLike(stream: Duplex): Duplex {
  const shim = stream as SocketShim;
  for (const name of ['setKeepAlive', 'setNoDelay', 'setTimeout', 'ref', 'unref'] as const) {
    if (typeof shim[name] !== 'function') shim[name] = () => shim;
  }
  // SSH channels stay half-open after the far side's EOF; a kept-alive one would swallow the next request
  // unanswered (the daemon restarted and closed its end). Close it the way a net.Socket would.
  shim.once('end', () => shim.destroy());
  return shim;
}

/**
 * A keep-alive HTTP agent whose "connections" are forwarded SSH channels to the box's management daemon.
 * One channel at a time: the daemon has one worker anyway, and reusing the channel saves a channel-open round trip.
 */
export class TunnelAgent extends Agent {
  constructor(private readonly openTunnel: () => Promise<Result<Duplex>>) {
    super({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 });
  }

  override createConnection(_options: unknown, callback?: (error: Error | null, socket: Duplex) => void): undefined {
    void this.openTunnel().then((opened) => {
      if (opened.ok) callback?.(null, asSocketLike(opened.value));
      // http ignores the stream argument when there is an error; the placeholder only satisfies the callback's type.
      else callback?.(new TunnelError(opened), new PassThrough());
    });
    return undefined;
  }
}
