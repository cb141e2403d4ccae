import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoxfleetApi } from '../../src-shared/contract';
import type { InstallRecord, InstallStatus } from '../../src-shared/contract/install';
import type { JobInfo } from '../../src-shared/contract/jobs';
import { describeError, type ErrorReport } from '../errors/error-guidance';
import { omitKey } from './omit-key';
import { NOT_LOADED, remoteLoader, type Remote } from './server-state';

/** One install as this window follows it. */
export interface FollowedInstall {
  /** The install.run job whose events say when to read the status again; null until started or attached here. */
  readonly jobId: string | null;
  readonly status: Remote<InstallStatus>;
  /** When the shown status arrived (Date.now()), so the elapsed time can go on counting between reads. */
  readonly receivedAt: number;
  readonly attaching: boolean;
  readonly attachError: ErrorReport | null;
}

/** Re-running setup on a box of the fleet: in flight, or why it was refused. */
export interface UpgradeRequest {
  readonly busy: boolean;
  readonly error: ErrorReport | null;
}

export interface InstallRunsState {
  /** Installs this computer started (install.list), newest first. */
  readonly list: Remote<readonly InstallRecord[]>;
  readonly byId: Readonly<Record<string, FollowedInstall>>;
  readonly forgetErrors: Readonly<Record<string, ErrorReport>>;
  readonly upgrades: Readonly<Record<string, UpgradeRequest>>;
  loadList(): Promise<void>;
  /** Reads an install's status (the screen of one install, opened by a link or after a restart). */
  load(installId: string): Promise<void>;
  /** Follows an install whose job this window knows (just started, attached, or an upgrade). */
  follow(installId: string, jobId: string): void;
  /** Reconnects to an install that runs on (after a dropped connection or a restart) and follows its new job. */
  attach(installId: string): Promise<string | null>;
  forget(installId: string): Promise<void>;
  /** Re-runs setup (or upgrades to `version`) on a box; answers the install to follow. */
  upgrade(boxId: string, version?: string): Promise<string | null>;
  clearUpgradeError(boxId: string): void;
  /** A `jobs.progress` event: an event of a followed install's job means its status moved on. */
  noteJob(job: JobInfo): void;
}

export interface InstallRunsDeps {
  /** An install ended well: the box is in the fleet (or was re-run) and lists should be read again. */
  onSucceeded(record: InstallRecord): void;
  now?: () => number;
}

const EMPTY_FOLLOW: FollowedInstall = {
  jobId: null,
  status: NOT_LOADED,
  receivedAt: 0,
  attaching: false,
  attachError: null,
};

/** Running installs whose state this desktop could not confirm are `unknown`: both are worth reattaching to. */
export function canAttach(record: InstallRecord): boolean {
  return record.state === 'running' || record.state === 'unknown';
}

/**
 * Installs: the list to reattach from, and each followed install's status, read again on every `jobs.progress`
 * event of its job (a read in flight absorbs the events that arrive meanwhile, then reads once more).
 */
export function createInstallRunsStore(api: BoxfleetApi, deps: InstallRunsDeps): StoreApi<InstallRunsState> {
  const now = deps.now ?? (() => Date.now());
  /** Reads in flight, each looping while events asked for another read meanwhile; a caller awaits the last one. */
  const inFlight = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const reported = new Set<string>();

  return createStore<InstallRunsState>()((set, get) => {
    const entry = (installId: string): FollowedInstall => get().byId[installId] ?? EMPTY_FOLLOW;
    const patch = (installId: string, change: Partial<FollowedInstall>) =>
      set({ byId: { ...get().byId, [installId]: { ...entry(installId), ...change } } });

    const status = remoteLoader<string, InstallStatus>({
      fetch: (installId) => api.install.status({ installId }),
      slot: (installId) => ({
        read: () => entry(installId).status,
        write: (next) =>
          patch(installId, next.status === 'ready' ? { status: next, receivedAt: now() } : { status: next }),
      }),
    });
    const list = remoteLoader<'all', readonly InstallRecord[]>({
      fetch: () => api.install.list({}),
      slot: () => ({ read: () => get().list, write: (next) => set({ list: next }) }),
    });

    const read = (installId: string): Promise<void> => {
      const running = inFlight.get(installId);
      if (running) {
        again.add(installId);
        return running;
      }
      const reading = readUntilCurrent(installId).finally(() => inFlight.delete(installId));
      inFlight.set(installId, reading);
      return reading;
    };

    const readUntilCurrent = async (installId: string): Promise<void> => {
      do {
        again.delete(installId);
        await status.load(installId);
      } while (again.has(installId));
      const outcome = entry(installId).status.data;
      if (outcome?.outcome?.ok && !reported.has(installId)) {
        reported.add(installId);
        deps.onSucceeded(outcome.record);
      }
    };

    return {
      list: NOT_LOADED,
      byId: {},
      forgetErrors: {},
      upgrades: {},

      loadList: () => list.load('all'),

      load: (installId) => read(installId),

      follow(installId, jobId) {
        patch(installId, { jobId, attachError: null });
        void read(installId);
      },

      async attach(installId) {
        if (entry(installId).attaching) return null;
        patch(installId, { attaching: true, attachError: null });
        const result = await api.install.attach({ installId });
        if (!result.ok) {
          patch(installId, { attaching: false, attachError: describeError(result.error) });
          return null;
        }
        patch(installId, { attaching: false, jobId: result.value.jobId });
        void read(installId);
        return result.value.jobId;
      },

      async forget(installId) {
        const result = await api.install.forget({ installId });
        if (!result.ok) {
          set({ forgetErrors: { ...get().forgetErrors, [installId]: describeError(result.error) } });
          return;
        }
        status.forget(installId);
        set({ byId: omitKey(get().byId, installId), forgetErrors: omitKey(get().forgetErrors, installId) });
        await get().loadList();
      },

      async upgrade(boxId, version) {
        if (get().upgrades[boxId]?.busy) return null;
        set({ upgrades: { ...get().upgrades, [boxId]: { busy: true, error: null } } });
        const result = await api.install.upgrade(version ? { boxId, version } : { boxId });
        if (!result.ok) {
          set({ upgrades: { ...get().upgrades, [boxId]: { busy: false, error: describeError(result.error) } } });
          return null;
        }
        set({ upgrades: omitKey(get().upgrades, boxId) });
        get().follow(result.value.installId, result.value.jobId);
        return result.value.installId;
      },

      clearUpgradeError(boxId) {
        set({ upgrades: omitKey(get().upgrades, boxId) });
      },

      noteJob(job) {
        if (job.kind !== 'install.run') return;
        const followed = Object.entries(get().byId).find(([, value]) => value.jobId === job.jobId);
        if (followed) {
          const [installId] = followed;
          // The job ended: with an outcome that is the end; without one (the connection gone, main stopped
          // following) setup may run on, and Attach is offered again.
          if (job.state !== 'running') patch(installId, { jobId: null });
          void read(installId);
        }
        // An install that ended changes the list's states.
        if (job.state !== 'running' && get().list.status !== 'idle') void get().loadList();
      },
    };
  });
}
