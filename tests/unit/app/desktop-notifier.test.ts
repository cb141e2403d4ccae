import { createDesktopNotifier, notificationBody } from '../../../src-main/app/desktop-notifier';
import type { Alert } from '../../../src-shared/domain/fleet-health';

const ALERT: Alert = {
  id: 'a1',
  boxId: 'box-one',
  kind: 'down',
  message: 'mail <b>one</b> & co is not answering over SSH.',
  raisedAt: '2026-03-01T12:00:00.000Z',
  clearedAt: null,
  snoozedUntil: null,
};

/** Stands in for Electron's Notification, recording what a user would see and letting the test click it. */
function notifications(supported = true) {
  const shown: Array<{ title: string; body: string; click: () => void }> = [];
  const clicked: Alert[] = [];
  const notifier = createDesktopNotifier({
    isSupported: () => supported,
    platform: 'linux',
    onClick: (alert) => clicked.push(alert),
    create: (options) => {
      let click: () => void = () => undefined;
      return {
        on(event, listener) {
          if (event === 'click') click = listener;
        },
        show() {
          shown.push({ title: options.title, body: options.body, click: () => click() });
        },
      };
    },
  });
  return { notifier, shown, clicked };
}

describe('desktop notifications', () => {
  it('keep a box name with markup as plain text on Linux, where the body is read as markup', () => {
    expect(notificationBody('a <b>b</b> & c', 'linux')).toBe('a &lt;b&gt;b&lt;/b&gt; &amp; c');
    expect(notificationBody('a <b>b</b> & c', 'darwin')).toBe('a <b>b</b> & c');
    expect(notificationBody('a <b>b</b> & c', 'win32')).toBe('a <b>b</b> & c');
  });

  it('show the alert and bring the window forward when clicked', () => {
    const { notifier, shown, clicked } = notifications();
    notifier.notify({ title: 'Box not reachable', body: ALERT.message, alert: ALERT });
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      {
        title: 'Box not reachable · Boxfleet',
        body: 'mail &lt;b&gt;one&lt;/b&gt; &amp; co is not answering over SSH.',
      },
    ]);
    shown[0]?.click();
    expect(clicked).toEqual([ALERT]);
  });

  it('show nothing where the system has no notifications', () => {
    const { notifier, shown } = notifications(false);
    notifier.notify({ title: 'Box not reachable', body: ALERT.message, alert: ALERT });
    expect(shown).toEqual([]);
  });
});
