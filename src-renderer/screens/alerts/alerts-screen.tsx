import { useEffect, useMemo, useState } from 'react';
import { ErrorBanner } from '../../components/error-banner';
import { useAlerts, useApp, useFleet } from '../../stores/stores-context';
import { AlertRows } from './alert-rows';

/** In browser mode the page shows notifications itself, after the user allowed it with a click (never on load). */
function PageNotificationsOffer() {
  const mode = useApp((state) => state.info?.mode);
  const permission = useAlerts((state) => state.pageNotifications);
  const enable = useAlerts((state) => state.enablePageNotifications);
  if (mode !== 'browser') return null;
  if (permission === 'granted' || permission === 'unsupported') return null;
  if (permission === 'denied') {
    return (
      <p className="note">
        This browser blocks Boxfleet’s notifications. Allow them in the site settings to be told when an alert is
        raised.
      </p>
    );
  }
  return (
    <button type="button" className="button" onClick={() => void enable()}>
      Turn on desktop notifications
    </button>
  );
}

/** The time, moved on each minute, so a snooze that ran out stops showing without a reload. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Every box's alerts: the ones that still hold, then the history. */
export function AlertsScreen() {
  const list = useAlerts((state) => state.list);
  const load = useAlerts((state) => state.load);
  const snooze = useAlerts((state) => state.snooze);
  const snoozeError = useAlerts((state) => state.snoozeError);
  const boxes = useFleet((state) => state.boxes);
  const now = useMinuteClock();
  useEffect(() => {
    void load();
  }, [load]);
  const names = useMemo(() => new Map(boxes.map((box) => [box.id, box.name])), [boxes]);
  const boxName = (boxId: string) => names.get(boxId) ?? boxId;
  const alerts = list.data ?? [];
  const active = alerts.filter((a) => a.clearedAt === null);
  const cleared = alerts.filter((a) => a.clearedAt !== null);
  return (
    <section className="alerts-screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <div>
          <h1 id="screen-title">Alerts</h1>
          <p className="screen-subtitle">
            {active.length === 0 ? 'Nothing needs your attention.' : `${active.length} active`}
          </p>
        </div>
        <div className="screen-actions">
          <PageNotificationsOffer />
        </div>
      </header>
      {list.status === 'failed' && list.error ? (
        <ErrorBanner context="Could not read the alerts" report={list.error} onRetry={() => void load()} />
      ) : null}
      {snoozeError ? <ErrorBanner context="Could not snooze the alert" report={snoozeError} /> : null}
      {list.data === null && list.status !== 'failed' ? <p className="note">Reading the alerts…</p> : null}
      {list.data !== null && alerts.length === 0 ? (
        <section className="empty-state" aria-labelledby="alerts-empty-title">
          <h2 id="alerts-empty-title">No alerts</h2>
          <p>
            Boxfleet raises an alert when a box stops answering, its host key changes, a certificate expires within 14
            days, the last backup is older than 48 hours, a status check fails, a disk passes 90% or a box needs a
            reboot — after two refreshes in a row show it, so one dropped connection stays quiet.
          </p>
        </section>
      ) : null}
      {active.length > 0 ? (
        <section aria-labelledby="alerts-active-title" className="alerts-section">
          <h2 id="alerts-active-title">Active</h2>
          <AlertRows
            caption="Active alerts"
            alerts={active}
            boxName={boxName}
            now={now}
            onSnooze={(alert, forMs) => void snooze(alert.boxId, alert.kind, forMs)}
          />
        </section>
      ) : null}
      {cleared.length > 0 ? (
        <section aria-labelledby="alerts-history-title" className="alerts-section">
          <h2 id="alerts-history-title">Cleared</h2>
          <AlertRows caption="Cleared alerts" alerts={cleared} boxName={boxName} now={now} />
        </section>
      ) : null}
    </section>
  );
}
