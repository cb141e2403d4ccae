import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../src-shared/contract/define';
import type { CheckReport, dnsMethods } from '../../src-shared/contract/dns';
import type { JobInfo } from '../../src-shared/contract/jobs';
import { ok, type Result } from '../../src-shared/contract/result';
import { describeError, type ErrorReport } from '../errors/error-guidance';
import { omitKey } from './omit-key';
import { NOT_LOADED, remoteLoader, type Remote } from './server-state';

export type DnsCheckApi = Api<{ dns: Pick<typeof dnsMethods, 'check'> }>;

/** The run key of the fleet-wide check (box ids never hold a line break). */
export const FLEET_RUN = '\nfleet';

/** One outside check started from a screen: the job while it runs, then its report. */
export interface CheckRun {
  readonly jobId: string | null;
  readonly job: JobInfo | null;
  /** The start request is on its way. */
  readonly starting: boolean;
  /** Why it could not start, or why the job failed. */
  readonly error: ErrorReport | null;
  /** The report, read once the job is done. */
  readonly report: Remote<CheckReport>;
}

export const NO_CHECK_RUN: CheckRun = { jobId: null, job: null, starting: false, error: null, report: NOT_LOADED };

export interface DnsCheckState {
  /** The resolvers the check asks besides the box's own nameservers; empty = this computer's resolvers. */
  readonly settings: Remote<readonly string[]>;
  /** The newest finished check that covered each box (null when none has). */
  readonly last: Readonly<Record<string, Remote<CheckReport | null>>>;
  /** Checks started here, by box id or FLEET_RUN. */
  readonly runs: Readonly<Record<string, CheckRun>>;
  loadSettings(): Promise<void>;
  saveSettings(resolvers: readonly string[]): Promise<Result<readonly string[]>>;
  loadLast(boxId: string): Promise<void>;
  /** Starts a check of these boxes as a job; its progress shows here and in the Activity panel. */
  start(runKey: string, boxIds: readonly string[]): Promise<void>;
  /** A `jobs.progress` event. */
  noteJob(job: JobInfo): void;
  forget(boxId: string): void;
}

export function checkRunning(run: CheckRun): boolean {
  return run.starting || run.job?.state === 'running';
}

const ended = (job: JobInfo | null) => job !== null && job.state !== 'running';

/** The outside check per box and across the fleet: starting it, following its job, its report, and its resolvers. */
export function createDnsCheckStore(api: DnsCheckApi): StoreApi<DnsCheckState> {
  /** Check jobs seen in events, so one that ended before `start` answered is not missed. */
  const seenJobs = new Map<string, JobInfo>();
  return createStore<DnsCheckState>()((set, get) => {
    const settings = remoteLoader<null, readonly string[]>({
      fetch: async () => {
        const result = await api.dns.check.settings.get({});
        return result.ok ? ok(result.value.resolvers) : result;
      },
      slot: () => ({ read: () => get().settings, write: (next) => set({ settings: next }) }),
    });
    const last = remoteLoader<string, CheckReport | null>({
      fetch: (boxId) => api.dns.check.last({ boxId }),
      slot: (boxId) => ({
        read: () => get().last[boxId] ?? NOT_LOADED,
        write: (next) => set({ last: { ...get().last, [boxId]: next } }),
      }),
    });
    const update = (runKey: string, change: Partial<CheckRun>) =>
      set({ runs: { ...get().runs, [runKey]: { ...(get().runs[runKey] ?? NO_CHECK_RUN), ...change } } });
    const keyOfJob = (jobId: string) => Object.entries(get().runs).find(([, run]) => run.jobId === jobId)?.[0];

    /** A job ended: a failure says why; a finished check's report is read, and is each checked box's newest. */
    const finish = async (runKey: string, job: JobInfo) => {
      if (job.state !== 'done') {
        update(runKey, { error: job.error ? describeError(job.error) : null });
        return;
      }
      update(runKey, { report: { status: 'loading', data: null, error: null } });
      const result = await api.dns.check.result({ jobId: job.jobId });
      if (get().runs[runKey]?.jobId !== job.jobId) return;
      if (!result.ok) {
        update(runKey, { report: { status: 'failed', data: null, error: describeError(result.error) } });
        return;
      }
      update(runKey, { report: { status: 'ready', data: result.value, error: null } });
      const newest = { ...get().last };
      for (const box of result.value.boxes) newest[box.boxId] = { status: 'ready', data: result.value, error: null };
      set({ last: newest });
    };

    return {
      settings: NOT_LOADED,
      last: {},
      runs: {},
      loadSettings: () => settings.load(null),
      async saveSettings(resolvers) {
        const result = await api.dns.check.settings.set({ resolvers: [...resolvers] });
        if (!result.ok) return result;
        set({ settings: { status: 'ready', data: result.value.resolvers, error: null } });
        return ok(result.value.resolvers);
      },
      loadLast: (boxId) => last.load(boxId),
      async start(runKey, boxIds) {
        if (checkRunning(get().runs[runKey] ?? NO_CHECK_RUN)) return;
        update(runKey, { starting: true, error: null });
        const result = await api.dns.check.start({ boxIds: [...boxIds] });
        if (!result.ok) {
          update(runKey, { starting: false, error: describeError(result.error) });
          return;
        }
        const jobId = result.value.jobId;
        const job = seenJobs.get(jobId) ?? null;
        update(runKey, { starting: false, jobId, job, report: NOT_LOADED });
        if (job !== null && ended(job)) await finish(runKey, job);
      },
      noteJob(job) {
        if (job.kind !== 'dns.check') return;
        seenJobs.set(job.jobId, job);
        if (seenJobs.size > 20) seenJobs.delete(seenJobs.keys().next().value ?? job.jobId);
        const runKey = keyOfJob(job.jobId);
        if (runKey === undefined) {
          // A check started elsewhere (the CLI, another window): its box's newest report may have changed.
          if (job.state === 'done' && job.boxId !== undefined && get().last[job.boxId]) void last.load(job.boxId);
          return;
        }
        if (ended(get().runs[runKey]?.job ?? null)) return;
        update(runKey, { job });
        if (ended(job)) void finish(runKey, job);
      },
      forget(boxId) {
        last.forget(boxId);
        set({ last: omitKey(get().last, boxId), runs: omitKey(get().runs, boxId) });
      },
    };
  });
}
