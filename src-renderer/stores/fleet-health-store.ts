import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../src-shared/contract/define';
import type { fleetMethods } from '../../src-shared/contract/fleet';
import type { JobInfo } from '../../src-shared/contract/jobs';
import type { BoxHealth, HealthPoint } from '../../src-shared/domain/fleet-health';
import { describeError, type ErrorReport } from '../errors/error-guidance';
import { omitKey } from './omit-key';
import { NOT_LOADED, remoteLoader, type Remote } from './server-state';

/** The part of the contract this store uses (typed on its own so the store does not depend on the rest). */
export type FleetHealthApi = Api<{ fleet: typeof fleetMethods }>;

export type HealthByBox = Readonly<Record<string, BoxHealth>>;

/** The newest fleet refresh as the Refresh button shows it: ours, the schedule's or the CLI's. */
export interface RefreshState {
  /** The refresh job, once main told us about it. */
  readonly job: JobInfo | null;
  /** Asking main to start one. */
  readonly starting: boolean;
  readonly error: ErrorReport | null;
}

export interface FleetHealthState {
  /** The newest observation per box; a box never looked at is absent ("not checked yet"). */
  readonly health: Remote<HealthByBox>;
  readonly refresh: RefreshState;
  /** Each box's bounded history, for the dashboard's charts. */
  readonly history: Readonly<Record<string, Remote<readonly HealthPoint[]>>>;
  load(): Promise<void>;
  /** Starts a refresh of every box (or the ones named); rows update as `fleet.health` events arrive. */
  startRefresh(boxIds?: readonly string[]): Promise<void>;
  /** A `fleet.health` event. */
  observe(health: BoxHealth): void;
  /** A `jobs.progress` event. */
  noteJob(job: JobInfo): void;
  loadHistory(boxId: string): Promise<void>;
  forget(boxId: string): void;
}

/** Keeps whichever of two observations of a box is newer, so a slow load cannot undo an event. */
function newer(a: BoxHealth | undefined, b: BoxHealth): BoxHealth {
  return a !== undefined && Date.parse(a.observedAt) > Date.parse(b.observedAt) ? a : b;
}

export function isRefreshing(refresh: RefreshState): boolean {
  return refresh.starting || refresh.job?.state === 'running';
}

/** Every box's health: loaded from main's cache, then kept current by events. */
export function createFleetHealthStore(api: FleetHealthApi): StoreApi<FleetHealthState> {
  return createStore<FleetHealthState>()((set, get) => {
    const health = remoteLoader<'all', HealthByBox>({
      fetch: async () => {
        const result = await api.fleet.health({});
        if (!result.ok) return result;
        // Events that arrived while the list was on its way are at least as new as the list.
        const known = get().health.data ?? {};
        const merged: Record<string, BoxHealth> = {};
        for (const row of result.value) merged[row.boxId] = newer(known[row.boxId], row);
        return { ok: true, value: merged };
      },
      slot: () => ({ read: () => get().health, write: (next) => set({ health: next }) }),
    });
    const history = remoteLoader<string, readonly HealthPoint[]>({
      fetch: (boxId) => api.fleet.history({ boxId }),
      slot: (boxId) => ({
        read: () => get().history[boxId] ?? NOT_LOADED,
        write: (next) => set({ history: { ...get().history, [boxId]: next } }),
      }),
    });
    return {
      health: NOT_LOADED,
      refresh: { job: null, starting: false, error: null },
      history: {},
      load: () => health.load('all'),
      async startRefresh(boxIds) {
        set({ refresh: { ...get().refresh, starting: true, error: null } });
        const result = await api.fleet.refresh(boxIds === undefined ? {} : { boxIds: [...boxIds] });
        const refresh = get().refresh;
        if (!result.ok) set({ refresh: { ...refresh, starting: false, error: describeError(result.error) } });
        // The job's own events may have come first; otherwise the 0% event follows at once.
        else set({ refresh: { ...refresh, starting: false } });
      },
      observe(observation) {
        const known = get().health;
        const data = known.data ?? {};
        set({
          health: { ...known, data: { ...data, [observation.boxId]: newer(data[observation.boxId], observation) } },
        });
        // The chart grows with every observation when the dashboard shows this box.
        if (get().history[observation.boxId] !== undefined) void get().loadHistory(observation.boxId);
      },
      noteJob(job) {
        if (job.kind !== 'fleet.refresh') return;
        const current = get().refresh.job;
        // A newer refresh replaces the one shown; an older one's late events are ignored.
        if (
          current !== null &&
          current.jobId !== job.jobId &&
          Date.parse(job.startedAt) < Date.parse(current.startedAt)
        )
          return;
        const error = job.state === 'failed' && job.error ? describeError(job.error) : null;
        set({ refresh: { ...get().refresh, job, error } });
        // Events may have been missed (a reconnect in browser mode): the cache has every row.
        if (job.state !== 'running') void get().load();
      },
      loadHistory: (boxId) => history.load(boxId),
      forget(boxId) {
        history.forget(boxId);
        const known = get().health;
        set({
          history: omitKey(get().history, boxId),
          health: known.data === null ? known : { ...known, data: omitKey(known.data, boxId) },
        });
      },
    };
  });
}
