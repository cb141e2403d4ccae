import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../src-shared/contract/define';
import type { checksMethods } from '../../src-shared/contract/fleet';
import type { JobInfo } from '../../src-shared/contract/jobs';
import type { ChecksChange, ChecksRun } from '../../src-shared/domain/fleet-health';
import { describeError, type ErrorReport } from '../errors/error-guidance';
import { omitKey } from './omit-key';
import { NOT_LOADED, remoteLoader, type Remote } from './server-state';

export type ChecksApi = Api<{ checks: typeof checksMethods }>;

/** The cached newest run of a box's status checks, the one before, and what changed between them. */
export interface ChecksShown {
  readonly latest: ChecksRun | null;
  readonly previous: ChecksRun | null;
  readonly changes: readonly ChecksChange[];
}

/** A run of the checks on one box, started here or elsewhere (the schedule, the CLI). */
export interface ChecksRunState {
  readonly job: JobInfo | null;
  readonly starting: boolean;
  readonly error: ErrorReport | null;
}

export type ChecksFilterMode = 'all' | 'problems';

export interface ChecksFilter {
  readonly mode: ChecksFilterMode;
  readonly query: string;
}

export const NO_RUN: ChecksRunState = { job: null, starting: false, error: null };
export const NO_FILTER: ChecksFilter = { mode: 'all', query: '' };

export interface ChecksState {
  readonly byBox: Readonly<Record<string, Remote<ChecksShown>>>;
  readonly runs: Readonly<Record<string, ChecksRunState>>;
  readonly filter: Readonly<Record<string, ChecksFilter>>;
  load(boxId: string): Promise<void>;
  runNow(boxId: string): Promise<void>;
  /** A `jobs.progress` event. */
  noteJob(job: JobInfo): void;
  setFilter(boxId: string, change: Partial<ChecksFilter>): void;
  forget(boxId: string): void;
}

export function isRunning(run: ChecksRunState): boolean {
  return run.starting || run.job?.state === 'running';
}

/** Status checks per box: the cached runs, and running them now with progress. */
export function createChecksStore(api: ChecksApi): StoreApi<ChecksState> {
  return createStore<ChecksState>()((set, get) => {
    const shown = remoteLoader<string, ChecksShown>({
      fetch: (boxId) => api.checks.show({ boxId }),
      slot: (boxId) => ({
        read: () => get().byBox[boxId] ?? NOT_LOADED,
        write: (next) => set({ byBox: { ...get().byBox, [boxId]: next } }),
      }),
    });
    const setRun = (boxId: string, run: ChecksRunState) => set({ runs: { ...get().runs, [boxId]: run } });
    return {
      byBox: {},
      runs: {},
      filter: {},
      load: (boxId) => shown.load(boxId),
      async runNow(boxId) {
        setRun(boxId, { ...(get().runs[boxId] ?? NO_RUN), starting: true, error: null });
        const result = await api.checks.run({ boxId });
        const run = get().runs[boxId] ?? NO_RUN;
        setRun(
          boxId,
          result.ok ? { ...run, starting: false } : { ...run, starting: false, error: describeError(result.error) },
        );
      },
      noteJob(job) {
        if (job.kind !== 'checks.run' || job.boxId === undefined) return;
        const boxId = job.boxId;
        const run = get().runs[boxId] ?? NO_RUN;
        if (
          run.job !== null &&
          run.job.jobId !== job.jobId &&
          Date.parse(job.startedAt) < Date.parse(run.job.startedAt)
        )
          return;
        const error = job.state === 'failed' && job.error ? describeError(job.error) : null;
        setRun(boxId, { ...run, job, error });
        if (job.state === 'done') void get().load(boxId);
      },
      setFilter(boxId, change) {
        set({ filter: { ...get().filter, [boxId]: { ...(get().filter[boxId] ?? NO_FILTER), ...change } } });
      },
      forget(boxId) {
        shown.forget(boxId);
        set({
          byBox: omitKey(get().byBox, boxId),
          runs: omitKey(get().runs, boxId),
          filter: omitKey(get().filter, boxId),
        });
      },
    };
  });
}
