import type { Alert } from '../../src-shared/domain/fleet-health';
import type { Notifier } from '../alerts/notifier';

/** The subset of Electron's Notification that Boxfleet uses, so the notifier runs in tests without Electron. */
export interface NotificationLike {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

export interface DesktopNotifierDeps {
  /** Electron's `Notification.isSupported()`. */
  isSupported(): boolean;
  /** `new Notification(options)`. */
  create(options: { title: string; body: string; silent: boolean }): NotificationLike;
  platform: NodeJS.Platform;
  /** Clicking a notification brings the window forward. */
  onClick(alert: Alert): void;
}

/**
 * Linux notification servers read the body as a small markup language (`<b>`, `<a href>`, entities), so a box name
 * with `<` in it could format or hide the text there. Escaped to stay the plain text Boxfleet wrote.
 */
export function notificationBody(text: string, platform: NodeJS.Platform): string {
  if (platform !== 'linux') return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The desktop face's notifier: one system notification per raised alert, built on Electron's Notification. */
export function createDesktopNotifier(deps: DesktopNotifierDeps): Notifier {
  // Electron drops a notification's click listener when the object is collected: keep each until it closes.
  const shown = new Set<NotificationLike>();
  return {
    notify({ title, body, alert }) {
      if (!deps.isSupported()) return;
      const notification = deps.create({
        title: `${title} · Boxfleet`,
        body: notificationBody(body, deps.platform),
        silent: false,
      });
      shown.add(notification);
      notification.on('click', () => deps.onClick(alert));
      notification.on('close', () => shown.delete(notification));
      notification.show();
    },
  };
}
