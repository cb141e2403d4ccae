import { randomUUID } from 'node:crypto';
import type { JobInfo, JobKind } from '../../src-shared/contract/jobs';
import { fail, ok, type AppError, type Result } from '../../src-shared/contract/result';
import type { EventBus } from '../events/event-bus';
import { ProgressThrottle, realTimers, type JobTimers } from './progress-throttle';

/** What a job's work gets: the signal that says stop, and a way to say how far it got. */
export interface JobContext {
  readonly signal: AbortSignal;
  /** `value` is 0..1; title and detail replace the previous ones when given. Ignored once the job has ended. */
  progress(update: ProgressUpdate): void;
}

export interface ProgressUpdate {
  value: number;
  title?: string;
  detail?: string;
  bytes?: { done: number; total?: number };
}

export interface JobSpec<T> {
  kind: JobKind;
  /** The box the work is about; absent for fleet-wide work. */
  boxId?: string;
  title: string;
  /** Jobs of the same kind with the same key join: starting one while it runs returns the running job. */
  key: string;
  run(ctx: JobContext): Promise<Result<T>>;
}

export interface StartedJob<T> {
  jobId: string;
  /** True when a job with the same kind and key was already running and this request joined it. */
  joined: boolean;
  /** Settles when the job ends: its result, its error, or `cancelled` as soon as it is cancelled. */
  result: Promise<Result<T>>;
}

export interface JobsDeps {
  bus: EventBus;
  now?: () => Date;
  /** How many ended jobs the list keeps (running ones are always listed). */
  keepRecent?: number;
  /** The least time between two progress events of one job; 0% and changes of state are never held back. */
  progressIntervalMs?: number;
  timers?: JobTimers;
  /** Where a failure to deliver an event, or work that threw, is reported. */
  log?: (message: string) => void;
}

interface Entry {
  info: JobInfo;
  readonly scope: string;
  readonly controller: AbortController;
  readonly throttle: ProgressThrottle;
  readonly result: Promise<Result<unknown>>;
  settle(result: Result<unknown>): void;
}

const CANCELLED: AppError = { code: 'cancelled', message: 'Cancelled.', retryable: false };

/**
 * The one mechanism for long work (refresh, status checks; later install, downloads, bulk changes). Every job is
 * announced at 0% at once, reports progress as `jobs.progress` events no more often than the window can use, ends
 * with a result or an error value, and can be cancelled. Cancelling ends the job at once: work that ignores its
 * signal is still reported as cancelled, and whatever it returns later is dropped.
 */
export class Jobs {
  private readonly entries = new Map<string, Entry>();
  /** `kind key` → the running job doing that work. */
  private readonly running = new Map<string, string>();
  private readonly now: () => Date;
  private readonly keepRecent: number;
  private readonly intervalMs: number;
  private readonly timers: JobTimers;
  private readonly log: (message: string) => void;

  constructor(private readonly deps: JobsDeps) {
    this.now = deps.now ?? (() => new Date());
    this.keepRecent = deps.keepRecent ?? 50;
    // Ten a second per job: a bar moves smoothly, and a 1,000-box refresh stays one stream, not a flood.
    this.intervalMs = deps.progressIntervalMs ?? 100;
    this.timers = deps.timers ?? realTimers;
    this.log = deps.log ?? (() => undefined);
  }

  start<T>(spec: JobSpec<T>): StartedJob<T> {
    const scope = `${spec.kind} ${spec.key}`;
    const runningId = this.running.get(scope);
    const joined = runningId === undefined ? undefined : this.entries.get(runningId);
    // The same kind and key is the same work, so the stored result has the type this caller asked for.
    if (joined) return { jobId: joined.info.jobId, joined: true, result: joined.result as Promise<Result<T>> };

    const jobId = randomUUID();
    let settle: (result: Result<unknown>) => void = () => undefined;
    const result = new Promise<Result<unknown>>((resolve) => (settle = resolve));
    const entry: Entry = {
      info: {
        jobId,
        kind: spec.kind,
        ...(spec.boxId === undefined ? {} : { boxId: spec.boxId }),
        title: spec.title,
        state: 'running',
        value: 0,
        startedAt: this.now().toISOString(),
      },
      scope,
      controller: new AbortController(),
      throttle: new ProgressThrottle(
        () => this.emit(jobId),
        () => this.now().getTime(),
        this.intervalMs,
        this.timers,
      ),
      result,
      settle,
    };
    this.entries.set(jobId, entry);
    this.running.set(scope, jobId);
    entry.throttle.urgent();

    const ctx: JobContext = {
      signal: entry.controller.signal,
      progress: (update) => this.progress(entry, update),
    };
    let work: Promise<Result<T>>;
    try {
      work = spec.run(ctx);
    } catch (error) {
      work = Promise.reject(error);
    }
    work.then(
      (outcome) => this.finish(entry, outcome),
      (error: unknown) => {
        this.log(
          `boxfleet: job ${spec.kind} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        this.finish(entry, fail('internal', `${spec.title} stopped on an unexpected error.`));
      },
    );
    return { jobId, joined: false, result: result as Promise<Result<T>> };
  }

  /** Stops a running job now; a job that already ended is returned as it is. */
  cancel(jobId: string): Result<JobInfo> {
    const entry = this.entries.get(jobId);
    if (!entry) return fail('not-found', 'There is no such job (it may have ended long ago).');
    if (entry.info.state === 'running') {
      this.end(entry, { state: 'cancelled', error: CANCELLED }, fail('cancelled', CANCELLED.message));
      entry.controller.abort(new Error('cancelled'));
    }
    return ok(entry.info);
  }

  /** Running and recent jobs, newest first. */
  list(): JobInfo[] {
    return [...this.entries.values()].reverse().map((entry) => entry.info);
  }

  get(jobId: string): JobInfo | undefined {
    return this.entries.get(jobId)?.info;
  }

  /** Cancels everything still running (the core is closing). */
  close(): void {
    for (const entry of [...this.entries.values()]) {
      if (entry.info.state === 'running') this.cancel(entry.info.jobId);
    }
  }

  private progress(entry: Entry, update: ProgressUpdate): void {
    if (entry.info.state !== 'running') return;
    const info: JobInfo = { ...entry.info };
    if (Number.isFinite(update.value)) info.value = Math.min(1, Math.max(0, update.value));
    if (update.title !== undefined) info.title = update.title;
    if (update.detail !== undefined) info.detail = update.detail;
    if (update.bytes !== undefined) info.bytes = { ...update.bytes };
    entry.info = info;
    entry.throttle.update();
  }

  private finish(entry: Entry, outcome: Result<unknown>): void {
    // Cancelled (or otherwise ended) already: a late result is dropped.
    if (entry.info.state !== 'running') return;
    if (outcome.ok) this.end(entry, { state: 'done', value: 1 }, outcome);
    else if (outcome.error.code === 'cancelled') this.end(entry, { state: 'cancelled', error: outcome.error }, outcome);
    else this.end(entry, { state: 'failed', error: outcome.error }, outcome);
  }

  private end(entry: Entry, change: Partial<JobInfo>, outcome: Result<unknown>): void {
    entry.info = { ...entry.info, ...change, endedAt: this.now().toISOString() };
    if (this.running.get(entry.scope) === entry.info.jobId) this.running.delete(entry.scope);
    entry.throttle.urgent();
    entry.settle(outcome);
    this.forgetOld();
  }

  /** Keeps the newest `keepRecent` ended jobs; the map is in start order, so the first ended ones are the oldest. */
  private forgetOld(): void {
    let ended = 0;
    for (const entry of this.entries.values()) if (entry.info.state !== 'running') ended++;
    for (const [jobId, entry] of this.entries) {
      if (ended <= this.keepRecent) break;
      if (entry.info.state === 'running') continue;
      this.entries.delete(jobId);
      ended--;
    }
  }

  private emit(jobId: string): void {
    const entry = this.entries.get(jobId);
    if (!entry) return;
    try {
      this.deps.bus.emit('jobs.progress', entry.info);
    } catch (error) {
      // A window that went away (or a payload the contract refuses) must not break the work itself.
      this.log(`boxfleet: could not report job ${jobId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
