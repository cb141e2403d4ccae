import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoxfleetApi } from '../../src-shared/contract';
import type { JobInfo } from '../../src-shared/contract/jobs';
import { describeError, type ErrorReport } from '../errors/error-guidance';
import type { LoadStatus } from './fleet-store';
import { omitKey } from './omit-key';

/** As many ended jobs as main keeps; running ones are always shown. */
export const KEEP_RECENT_JOBS = 50;

export interface JobsState {
  readonly status: LoadStatus;
  /** Running and recent jobs, newest first. */
  readonly jobs: readonly JobInfo[];
  readonly error: ErrorReport | null;
  /** Whether the Activity panel is open. */
  readonly open: boolean;
  /** Jobs whose Cancel was pressed and not yet answered, so the button is not pressed twice. */
  readonly cancelling: readonly string[];
  /** Why the last Cancel was refused, by job. */
  readonly cancelErrors: Readonly<Record<string, ErrorReport>>;
  /** The newest job that ended while this window watched it, said once to screen readers ("Refresh: failed"). */
  readonly announcement: string;
  load(): Promise<void>;
  /** One `jobs.progress` event: a new job, a step forward, or its end. */
  apply(info: JobInfo): void;
  cancel(jobId: string): Promise<void>;
  setOpen(open: boolean): void;
}

export function runningCount(jobs: readonly JobInfo[]): number {
  return jobs.filter((job) => job.state === 'running').length;
}

/** Newest first, by start time (ids are random); ended jobs past the limit are dropped, oldest first. */
function ordered(byId: ReadonlyMap<string, JobInfo>): JobInfo[] {
  const all = [...byId.values()].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  let ended = 0;
  return all.filter((job) => job.state === 'running' || ++ended <= KEEP_RECENT_JOBS);
}

/** Once a job ended its state is final: an older `running` copy (a slow list answer) must not bring it back. */
function newer(known: JobInfo | undefined, incoming: JobInfo): JobInfo {
  if (known && known.state !== 'running' && incoming.state === 'running') return known;
  return incoming;
}

/**
 * Running and recent jobs as main reports them: the list once at start (and after the core comes back), then
 * `jobs.progress` events. Events that arrive while the list is on its way win over it.
 */
export function createJobsStore(api: BoxfleetApi): StoreApi<JobsState> {
  let generation = 0;
  /** Events seen since the newest list request went out. */
  let sinceLoad = new Map<string, JobInfo>();
  return createStore<JobsState>()((set, get) => ({
    status: 'idle',
    jobs: [],
    error: null,
    open: false,
    cancelling: [],
    cancelErrors: {},
    announcement: '',
    async load() {
      const mine = ++generation;
      sinceLoad = new Map();
      set({ status: 'loading' });
      const result = await api.jobs.list();
      if (mine !== generation) return;
      if (!result.ok) {
        set({ status: 'failed', error: describeError(result.error) });
        return;
      }
      const byId = new Map(result.value.map((job) => [job.jobId, job]));
      for (const [jobId, job] of sinceLoad) byId.set(jobId, newer(byId.get(jobId), job));
      set({ status: 'ready', error: null, jobs: ordered(byId) });
    },
    apply(info) {
      sinceLoad.set(info.jobId, newer(sinceLoad.get(info.jobId), info));
      const byId = new Map(get().jobs.map((job) => [job.jobId, job]));
      const known = byId.get(info.jobId);
      byId.set(info.jobId, newer(known, info));
      const ended = known?.state === 'running' && info.state !== 'running';
      set(ended ? { jobs: ordered(byId), announcement: `${info.title}: ${info.state}.` } : { jobs: ordered(byId) });
    },
    async cancel(jobId) {
      if (get().cancelling.includes(jobId)) return;
      set({ cancelling: [...get().cancelling, jobId], cancelErrors: omitKey(get().cancelErrors, jobId) });
      const result = await api.jobs.cancel({ jobId });
      const cancelling = get().cancelling.filter((id) => id !== jobId);
      if (result.ok) {
        set({ cancelling });
        get().apply(result.value);
      } else {
        set({ cancelling, cancelErrors: { ...get().cancelErrors, [jobId]: describeError(result.error) } });
      }
    },
    setOpen(open) {
      set({ open });
    },
  }));
}
