import type { Alert } from '../../../src-shared/domain/fleet-health';
import { ALERT_KIND_LABELS } from '../../../src-shared/domain/fleet-health';
import { isSnoozed } from '../../stores/alerts-view';
import { SnoozeMenu } from './snooze-menu';

/** A time as the user's locale writes it, machine-readable for assistive tech. */
export function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{new Date(iso).toLocaleString()}</time>;
}

interface Props {
  readonly alerts: readonly Alert[];
  readonly boxName: (boxId: string) => string;
  readonly now: number;
  readonly onSnooze?: (alert: Alert, forMs: number | null) => void;
  readonly caption: string;
}

/**
 * One table of alerts. Active alerts carry a Snooze menu; cleared ones say when they cleared. The message is
 * Boxfleet's own sentence and is shown as text.
 */
export function AlertRows({ alerts, boxName, now, onSnooze, caption }: Props) {
  const active = onSnooze !== undefined;
  return (
    <table className="alerts-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Box</th>
          <th scope="col">Alert</th>
          <th scope="col">Raised</th>
          <th scope="col">{active ? 'Notifications' : 'Cleared'}</th>
          {active ? (
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => {
          const snoozed = isSnoozed(alert, now);
          return (
            <tr key={alert.id} data-alert-kind={alert.kind}>
              <td className="alerts-box">{boxName(alert.boxId)}</td>
              <td>
                <span className={`alert-kind alert-kind-${active ? 'active' : 'cleared'}`}>
                  {ALERT_KIND_LABELS[alert.kind]}
                </span>
                <span className="alert-message">{alert.message}</span>
              </td>
              <td>
                <When iso={alert.raisedAt} />
              </td>
              <td>
                {!active && alert.clearedAt !== null ? <When iso={alert.clearedAt} /> : null}
                {active && snoozed && alert.snoozedUntil !== null ? (
                  <span className="alert-snoozed">
                    Snoozed until <When iso={alert.snoozedUntil} />
                  </span>
                ) : null}
                {active && !snoozed ? <span className="muted">On</span> : null}
              </td>
              {onSnooze ? (
                <td className="alerts-actions">
                  <SnoozeMenu
                    alert={alert}
                    boxName={boxName(alert.boxId)}
                    snoozed={snoozed}
                    onSnooze={(forMs) => onSnooze(alert, forMs)}
                  />
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
