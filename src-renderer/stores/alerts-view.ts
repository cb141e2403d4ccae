import type { Alert, AlertChange } from '../../src-shared/domain/fleet-health';

const HOUR = 3_600_000;

/** The Snooze menu's choices; `null` lifts the snooze. */
export const SNOOZE_CHOICES: ReadonlyArray<{ readonly label: string; readonly ms: number | null }> = [
  { label: 'For 1 hour', ms: HOUR },
  { label: 'For 1 day', ms: 24 * HOUR },
  { label: 'For 1 week', ms: 7 * 24 * HOUR },
  { label: 'Lift the snooze', ms: null },
];

/** Active alerts first (newest raised first), then the history (newest cleared first), as main lists them. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  const time = (iso: string | null) => (iso === null ? 0 : Date.parse(iso));
  const active = alerts.filter((a) => a.clearedAt === null).sort((a, b) => time(b.raisedAt) - time(a.raisedAt));
  const cleared = alerts.filter((a) => a.clearedAt !== null).sort((a, b) => time(b.clearedAt) - time(a.clearedAt));
  return [...active, ...cleared];
}

/** The list after one `alerts.changed` event: the alert replaced or added, the event's own fields left out. */
export function applyAlertChange(alerts: readonly Alert[], change: AlertChange): Alert[] {
  const { change: _change, notify: _notify, ...alert } = change;
  return sortAlerts([...alerts.filter((a) => a.id !== alert.id), alert]);
}

export function isSnoozed(alert: Alert, now: number): boolean {
  return alert.clearedAt === null && alert.snoozedUntil !== null && Date.parse(alert.snoozedUntil) > now;
}
