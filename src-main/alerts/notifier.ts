import type { Alert } from '../../src-shared/domain/fleet-health';

/** One desktop notification: Boxfleet's title and sentence (plain text), and the alert it is about. */
export interface AlertNotification {
  readonly title: string;
  readonly body: string;
  readonly alert: Alert;
}

/**
 * Shows desktop notifications. The desktop face passes one built on Electron's Notification (src-main/app); browser
 * mode and the CLI keep the silent one, since the page shows its own through the Notifications API.
 */
export interface Notifier {
  notify(notification: AlertNotification): void;
}

export const SILENT_NOTIFIER: Notifier = { notify: () => undefined };
