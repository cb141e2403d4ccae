import { Agent } from 'node:http';
import { PassThrough, type Duplex } from 'node:stream';
import type { Fail, Result } from '../../src-shared/contract/result';

/** Carries the mapped failure of opening the tunnel through http's error path. */
export class TunnelError extends Error {
  constructor(readonly failure: Fail) {
    super(failure.error.message);
  }
}

export interface TunnelAgentOptions {
  /**
   * How long an opened spare channel may wait for a request before it is closed. Kept short on purpose: on a real
   * box gunicorn's single sync worker accepts the spare's connection and blocks reading it, so while a spare idles
   * the web panel and the box's own cron jobs wait for the worker. 0 turns spares off.
   */
  spareIdleMs?: number;
}

/**
 * Long enough for the calls of one user action to follow each other, short enough not to hold the box's worker:
 * the daemon's single sync worker accepts the spare's connection and blocks reading it until we use or close it.
 */
export const DEFAULT_SPARE_IDLE_MS = 750;

type SocketShim = Duplex &
  Partial<Record<'setKeepAlive' | 'setNoDelay' | 'setTimeout' | 'ref' | 'unref', (...args: unknown[]) => unknown>>;

/** An SSH channel lacks the few net.Socket methods http and its agent call (keep-alive, ref/unref, timeouts); on a tunnel they have nothing to do. */
function asSocketLike(stream: Duplex): Duplex {
  const shim = stream as SocketShim;
  for (const name of ['setKeepAlive', 'setNoDelay', 'setTimeout', 'ref', 'unref'] as const) {
    if (typeof shim[name] !== 'function') shim[name] = () => shim;
  }
  // An SSH channel only emits 'close' once both sides exchanged CHANNEL_CLOSE, a round trip after the HTTP answer
  // of a `Connection: close` server. 'agentRemove' (the agent's documented early exit) frees the agent's single slot
  // as soon as either side is done with the channel, so the next request does not queue behind that round trip.
  let removed = false;
  const leaveAgent = (): void => {
    if (removed) return;
    removed = true;
    shim.emit('agentRemove');
  };
  shim.once('close', () => (removed = true));
  shim.once('finish', leaveAgent);
  // SSH channels stay half-open after the far side's EOF; a kept-alive one would swallow the next request
  // unanswered (the daemon restarted and closed its end). Close it the way a net.Socket would.
  shim.once('end', () => {
    shim.destroy();
    leaveAgent();
  });
  return shim;
}

/** A channel opened ahead of the request that will use it. */
interface Spare {
  state: 'opening' | 'idle' | 'taken' | 'dropped';
  readonly opening: Promise<Result<Duplex>>;
  channel?: Duplex;
  timer?: NodeJS.Timeout;
  unwatch?: () => void;
}

/** Whether the server will keep the connection of this answer open for another request (RFC 9112 §9.3). */
export function keepsConnection(httpVersion: string, connectionHeader: string | undefined): boolean {
  const tokens = (connectionHeader ?? '')
    .toLowerCase()
    .split(',')
    .map((token) => token.trim());
  if (tokens.includes('close')) return false;
  return httpVersion !== '1.0' || tokens.includes('keep-alive');
}

/**
 * A keep-alive HTTP agent whose "connections" are forwarded SSH channels to the box's management daemon.
 * One channel in use at a time: the daemon has one worker anyway. A daemon that keeps connections alive gets its
 * channel reused. One that closes every connection (gunicorn's sync worker, the real daemon) would cost a
 * channel-open round trip per call, so once the agent has seen a `Connection: close` answer it opens the next
 * channel while the current request is on the wire and hands it to the next request.
 */
export class TunnelAgent extends Agent {
  private readonly spareIdleMs: number;
  private spare: Spare | undefined;
  /** Learned from the answers: true once the server said it closes its connections. */
  private serverCloses = false;
  private closed = false;

  constructor(
    private readonly openTunnel: () => Promise<Result<Duplex>>,
    options: TunnelAgentOptions = {},
  ) {
    super({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 });
    this.spareIdleMs = options.spareIdleMs ?? DEFAULT_SPARE_IDLE_MS;
  }

  override createConnection(_options: unknown, callback?: (error: Error | null, socket: Duplex) => void): undefined {
    this.closed = false;
    const channel = this.takeSpare() ?? this.openTunnel();
    void channel.then((opened) => {
      if (opened.ok) {
        callback?.(null, asSocketLike(opened.value));
        // After the callback, so the request's bytes go out before the next channel's open request.
        if (this.serverCloses) this.prepareSpare();
      }
      // http ignores the stream argument when there is an error; the placeholder only satisfies the callback's type.
      else callback?.(new TunnelError(opened), new PassThrough());
    });
    return undefined;
  }

  /** Called with every answer's framing, so the agent knows whether the next request needs a new channel. */
  noteAnswer(keptAlive: boolean): void {
    this.serverCloses = !keptAlive;
    if (this.serverCloses) this.prepareSpare();
    else if (this.spare) this.drop(this.spare);
  }

  override destroy(): void {
    this.closed = true;
    this.serverCloses = false;
    if (this.spare) this.drop(this.spare);
    super.destroy();
  }

  private takeSpare(): Promise<Result<Duplex>> | undefined {
    const spare = this.spare;
    if (!spare) return undefined;
    this.spare = undefined;
    const channel = spare.channel;
    const wasIdle = spare.state === 'idle';
    spare.state = 'taken';
    clearTimeout(spare.timer);
    spare.unwatch?.();
    return wasIdle && channel ? Promise.resolve({ ok: true, value: channel }) : spare.opening;
  }

  private prepareSpare(): void {
    if (this.closed || this.spare || this.spareIdleMs <= 0) return;
    const spare: Spare = { state: 'opening', opening: this.openTunnel() };
    this.spare = spare;
    void spare.opening.then((opened) => {
      if (spare.state === 'taken') return;
      if (!opened.ok) {
        // Not retried here: the next request opens its own channel and reports the failure properly.
        if (this.spare === spare) this.spare = undefined;
        return;
      }
      spare.channel = opened.value;
      if (spare.state === 'dropped') {
        opened.value.on('error', () => undefined).destroy();
        return;
      }
      spare.state = 'idle';
      this.watchIdle(spare, opened.value);
    });
  }

  /** A spare the far side ended, that broke, or that waited too long is closed; the next request opens afresh. */
  private watchIdle(spare: Spare, channel: Duplex): void {
    const stale = (): void => this.drop(spare);
    // Nothing may arrive before a request; data, EOF or an error all mean the channel is no longer usable.
    for (const event of ['data', 'end', 'close', 'error'] as const) channel.on(event, stale);
    spare.unwatch = () => {
      for (const event of ['data', 'end', 'close', 'error'] as const) channel.off(event, stale);
    };
    spare.timer = setTimeout(stale, this.spareIdleMs);
    spare.timer.unref();
  }

  private drop(spare: Spare): void {
    if (spare.state === 'taken' || spare.state === 'dropped') return;
    spare.state = 'dropped';
    if (this.spare === spare) this.spare = undefined;
    clearTimeout(spare.timer);
    spare.unwatch?.();
    // An ssh2 channel's destroy() sends EOF and CHANNEL_CLOSE; one still opening is destroyed when it arrives.
    // A late error from a channel nobody uses any more must not become an uncaught exception.
    spare.channel?.on('error', () => undefined).destroy();
  }
}
