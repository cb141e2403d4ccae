import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoxfleetApi } from '../../src-shared/contract';
import type { Alert, AlertChange, AlertKind } from '../../src-shared/domain/fleet-health';
import { describeError, type ErrorReport } from '../errors/error-guidance';
import { ALERT_KIND_LABELS } from '../../src-shared/domain/fleet-health';
import { applyAlertChange } from './alerts-view';
import type { PageNotifications, PagePermission } from './page-notifications';
import { NOT_LOADED, remoteLoader, type Remote } from './server-state';

export interface AlertsState {
  readonly list: Remote<readonly Alert[]>;
  /** Alerts whose condition still holds (the sidebar's badge). */
  readonly activeCount: number;
  /** A snooze main refused, shown beside the list. */
  readonly snoozeError: ErrorReport | null;
  /** Whether this page may show notifications itself (browser mode only; the desktop app's come from main). */
  readonly pageNotifications: PagePermission;
  load(): Promise<void>;
  /** `forMs` null lifts the snooze. */
  snooze(boxId: string, kind: AlertKind, forMs: number | null): Promise<void>;
  /** Main said an alert changed (`alerts.changed`). */
  changed(change: AlertChange): void;
  /** From the "Turn on desktop notifications" button: asks the browser, which only allows it from a click. */
  enablePageNotifications(): Promise<void>;
}

const activeCount = (alerts: readonly Alert[]) => alerts.filter((a) => a.clearedAt === null).length;

/**
 * The alert list. Loaded once, then kept current by `alerts.changed` events; in browser mode it also shows the
 * notifications main asks for (`notify`), since main cannot reach the user's desktop from there.
 */
export function createAlertsStore(
  api: BoxfleetApi,
  deps: {
    notifications: PageNotifications;
    /** Only browser mode shows notifications from the page: in the desktop app main shows them. */
    pageShowsNotifications: () => boolean;
    now?: () => number;
  },
): StoreApi<AlertsState> {
  const now = deps.now ?? (() => Date.now());
  const store: StoreApi<AlertsState> = createStore<AlertsState>()((set, get) => ({
    list: NOT_LOADED,
    activeCount: 0,
    snoozeError: null,
    pageNotifications: deps.notifications.permission(),
    load: (): Promise<void> => loader.load(null),
    async snooze(boxId, kind, forMs) {
      const until = forMs === null ? null : new Date(now() + forMs).toISOString();
      const result = await api.alerts.snooze({ boxId, kind, until });
      if (result.ok) show(result.value, { snoozeError: null });
      else set({ snoozeError: describeError(result.error) });
    },
    changed(change) {
      if (change.notify && deps.pageShowsNotifications() && get().pageNotifications === 'granted') {
        deps.notifications.show(`${ALERT_KIND_LABELS[change.kind]} · Boxfleet`, change.message, change.id);
      }
      const { list } = get();
      // Before the first load there is nothing to merge into; the load brings the alert with it.
      if (list.data !== null) show(applyAlertChange(list.data, change));
    },
    async enablePageNotifications() {
      set({ pageNotifications: await deps.notifications.request() });
    },
  }));
  function show(alerts: readonly Alert[], extra: Partial<AlertsState> = {}): void {
    store.setState({ ...extra, list: { ...store.getState().list, data: alerts }, activeCount: activeCount(alerts) });
  }
  const loader: { load(key: null): Promise<void> } = remoteLoader<null, readonly Alert[]>({
    fetch: () => api.alerts.list(),
    slot: () => ({
      read: (): Remote<readonly Alert[]> => store.getState().list,
      write: (list) => store.setState({ list, activeCount: activeCount(list.data ?? []) }),
    }),
  });
  return store;
}
