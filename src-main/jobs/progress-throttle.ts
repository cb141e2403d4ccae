/** The timers a throttle needs, injected so tests can run time forward by hand. */
export interface JobTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: JobTimers = {
  setTimeout: (callback, ms) => {
    const handle = globalThis.setTimeout(callback, ms);
    // A pending progress flush must not keep the CLI's process alive after its work is done.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * At most one send per `intervalMs` for one job's progress, and never a stale last word: an update that arrives
 * too soon is held, and the newest held update is sent when the interval is over. `now()` says (ms) when we are.
 * Urgent sends (the first 0%, a change of state) go out at once and restart the interval.
 */
export class ProgressThrottle {
  private lastSentAt: number | null = null;
  private timer: unknown = undefined;

  constructor(
    private readonly send: () => void,
    private readonly now: () => number,
    private readonly intervalMs: number,
    private readonly timers: JobTimers,
  ) {}

  /** Sends now, dropping any held update (the caller's state already includes it). */
  urgent(): void {
    this.stop();
    this.lastSentAt = this.now();
    this.send();
  }

  /** Sends now if the interval is over, or schedules one send of whatever is newest when it is. */
  update(): void {
    if (this.timer !== undefined) return;
    const elapsed = this.lastSentAt === null ? Infinity : this.now() - this.lastSentAt;
    if (elapsed >= this.intervalMs) {
      this.urgent();
      return;
    }
    // A wall clock that stepped back makes `elapsed` negative: never hold an update longer than one interval.
    const wait = Math.min(this.intervalMs, this.intervalMs - elapsed);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.urgent();
    }, wait);
  }

  /** Forgets a held update (the job ended, and its final state is sent by the caller). */
  stop(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
