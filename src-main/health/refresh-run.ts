import { setMaxListeners } from 'node:events';
import { fail, type AppError } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import type { BoxHealth } from '../../src-shared/domain/fleet-health';
import { mapBounded } from '../jobs/map-bounded';

/** Timer functions, injected so tests drive time instead of sleeping. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = globalThis.setTimeout(callback, ms);
    // A pending timer must not keep the CLI alive after its work is done.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Looks at one box; never throws (J2's collectBoxHealth), and stops early when the signal aborts. */
export type Collect = (box: Box, signal: AbortSignal) => Promise<BoxHealth>;

export interface RefreshRun {
  boxes: readonly Box[];
  collect: Collect;
  /** How many boxes that need a new connection are worked at once (handshakes cost both sides CPU). */
  concurrency: number;
  /**
   * Whether a box's connection is already open. Those boxes are looked at without waiting for a connection slot: a
   * look on an open connection is two channels, cheap for the client, so a warm refresh of 1,000 boxes takes a few
   * round trips instead of 1,000 ÷ concurrency of them. Absent: every box counts as cold.
   */
  isConnected?: (boxId: string) => boolean;
  /** The most one box may take; then it is reported as timed out and its work is aborted. */
  perBoxTimeoutMs: number;
  signal: AbortSignal;
  timers: Timers;
  now: () => Date;
  /** Each box's observation, as soon as it arrives (in the order boxes answer, not the order given). */
  onResult(health: BoxHealth, done: number, total: number): Promise<void>;
}

/** An observation in which every fact is still unknown: what a look starts from, and what a failed one reports. */
export function blankObservation(boxId: string, observedAt: Date, reachability: BoxHealth['reachability']): BoxHealth {
  return {
    boxId,
    observedAt: observedAt.toISOString(),
    reachability,
    error: null,
    rttMs: null,
    flavour: null,
    version: null,
    latestVersion: null,
    probe: null,
    backup: null,
    tls: null,
    counts: null,
    checks: null,
  };
}

/** An observation that learned nothing but why: every fact unknown. */
export function failedObservation(
  boxId: string,
  now: Date,
  reachability: BoxHealth['reachability'],
  error: AppError,
): BoxHealth {
  return { ...blankObservation(boxId, now, reachability), error };
}

/** The observation of a box that did not answer in time: down, with the reason. */
export function timedOut(box: Box, now: Date, seconds: number): BoxHealth {
  const error = fail('timeout', `${box.name} did not answer within ${seconds} seconds.`).error;
  return failedObservation(box.id, now, 'down', error);
}

/** One box under its own deadline: whatever comes first of its answer and the timeout; the loser is aborted. */
function collectWithin(run: RefreshRun, box: Box): Promise<BoxHealth | undefined> {
  const controller = new AbortController();
  const stop = (): void => controller.abort(run.signal.reason);
  run.signal.addEventListener('abort', stop, { once: true });
  let timer: unknown;
  const answer = new Promise<BoxHealth | undefined>((resolve) => {
    timer = run.timers.setTimeout(() => {
      // Resolved before aborting: the abort listener below would otherwise settle it as cancelled.
      resolve(timedOut(box, run.now(), Math.round(run.perBoxTimeoutMs / 1000)));
      controller.abort(new Error('timeout'));
    }, run.perBoxTimeoutMs);
    // Cancelled: the refresh ends at once; whatever this box's work returns later is dropped.
    controller.signal.addEventListener('abort', () => resolve(undefined), { once: true });
    run.collect(box, controller.signal).then(resolve, () => resolve(undefined));
  });
  return answer.finally(() => {
    run.timers.clearTimeout(timer);
    run.signal.removeEventListener('abort', stop);
  });
}

/**
 * Looks at boxes on open connections at once: a bound that only keeps a pathological fleet from queueing unbounded
 * work in one tick, far above any fleet's size.
 */
export const WARM_LOOKS_AT_ONCE = 4096;

/**
 * Looks at every box: those that need a connection at most `concurrency` at a time, those whose connection is open
 * all at once (up to WARM_LOOKS_AT_ONCE). Each box reports as soon as it answers, so a slow or dead box holds back
 * nobody but itself (and for no longer than the per-box timeout). Returns the observations gathered, or undefined
 * when cancelled.
 */
export async function refreshBoxes(run: RefreshRun): Promise<BoxHealth[] | undefined> {
  const results: BoxHealth[] = [];
  const total = run.boxes.length;
  const warm = run.boxes.filter((box) => run.isConnected?.(box.id) === true);
  const cold = run.boxes.filter((box) => run.isConnected?.(box.id) !== true);
  const look = async (box: Box): Promise<void> => {
    // Cancelled: boxes not started yet are never contacted.
    if (run.signal.aborted) return;
    const health = await collectWithin(run, box);
    if (!health || run.signal.aborted) return;
    results.push(health);
    await run.onResult(health, results.length, total);
  };
  const coldLimit = Math.max(1, run.concurrency);
  // Every box in flight listens on the refresh's signal; past Node's default of 10 that is by design, not a leak.
  setMaxListeners(Math.min(coldLimit, cold.length) + Math.min(WARM_LOOKS_AT_ONCE, warm.length) + 10, run.signal);
  await Promise.all([mapBounded(cold, coldLimit, look), mapBounded(warm, WARM_LOOKS_AT_ONCE, look)]);
  return run.signal.aborted ? undefined : results;
}
