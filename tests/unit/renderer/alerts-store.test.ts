import type { BoxHealth } from '../../../src-shared/domain/fleet-health';
import type { PageNotifications, PagePermission } from '../../../src-renderer/stores/page-notifications';
import { healthy, unreachable } from '../alerts/alert-fixtures';
import { fakeCore, GOOD_KEY, settle } from './fake-core';

/** A fake core with one saved box, its alerts store loaded. */
async function withBox(options: { pageNotifications?: PageNotifications; mode?: 'desktop' | 'browser' } = {}) {
  const core = fakeCore({ hostKeyStatus: 'trusted', ...options });
  await core.stores.app.getState().load();
  const wizard = core.stores.addServer;
  wizard.getState().open();
  wizard.getState().setField('host', 'box1.example.com');
  wizard.getState().setField('keyPath', GOOD_KEY);
  await wizard.getState().submitDetails();
  wizard.getState().setName('mail-one');
  const box = await wizard.getState().save();
  if (!box) throw new Error('the fake core did not save the box');
  const observe = async (make: (at: Date, boxId: string) => BoxHealth) => {
    await core.alerts.engine.observe(make(core.alerts.clock.now, box.id));
    core.alerts.clock.now = new Date(core.alerts.clock.now.getTime() + 3_600_000);
    await settle();
  };
  return { core, box, alerts: core.stores.alerts, observe };
}

describe('alerts store', () => {
  it('loads an empty list, then follows alerts.changed as main raises and clears', async () => {
    const { alerts, observe } = await withBox();
    await alerts.getState().load();
    expect(alerts.getState().list).toMatchObject({ status: 'ready', data: [] });
    await observe(unreachable);
    expect(alerts.getState().activeCount).toBe(0);
    await observe(unreachable);
    expect(alerts.getState().activeCount).toBe(1);
    expect(alerts.getState().list.data?.map((a) => [a.kind, a.message])).toEqual([
      ['down', 'mail-one is not answering over SSH.'],
    ]);
    await observe(healthy);
    expect(alerts.getState().activeCount).toBe(0);
    expect(alerts.getState().list.data?.map((a) => [a.kind, a.clearedAt !== null])).toEqual([['down', true]]);
  });

  it('snoozes through main and shows the snooze in the list', async () => {
    const { alerts, observe, core } = await withBox();
    await alerts.getState().load();
    await observe(unreachable);
    await observe(unreachable);
    const before = Date.now();
    await alerts.getState().snooze(core.boxes[0]?.id ?? '', 'down', 3_600_000);
    const until = alerts.getState().list.data?.[0]?.snoozedUntil;
    expect(until).not.toBeNull();
    expect(Date.parse(until ?? '')).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(alerts.getState().activeCount).toBe(1);
    await alerts.getState().snooze(core.boxes[0]?.id ?? '', 'down', null);
    expect(alerts.getState().list.data?.[0]?.snoozedUntil).toBeNull();
  });

  it('shows a refused snooze', async () => {
    const { alerts } = await withBox();
    await alerts.getState().snooze('box-gone', 'down', 3_600_000);
    expect(alerts.getState().snoozeError?.message).toBe('There is no such box in the fleet.');
  });
});

describe('alerts store: browser notifications', () => {
  function page(initial: PagePermission) {
    const shown: Array<{ title: string; body: string; tag: string }> = [];
    const asked: PagePermission[] = [];
    let permission = initial;
    const api: PageNotifications = {
      permission: () => permission,
      request: async () => {
        asked.push(permission);
        permission = 'granted';
        return permission;
      },
      show: (title, body, tag) => shown.push({ title, body, tag }),
    };
    return { shown, asked, api };
  }

  it('asks only when the user turns them on, then shows each raised alert, not its clearing', async () => {
    const browser = page('default');
    const { alerts, observe } = await withBox({ pageNotifications: browser.api });
    await alerts.getState().load();
    await observe(unreachable);
    await observe(unreachable);
    expect(browser.asked).toEqual([]);
    expect(browser.shown).toEqual([]);
    await observe(healthy);

    await alerts.getState().enablePageNotifications();
    expect(browser.asked).toEqual(['default']);
    expect(alerts.getState().pageNotifications).toBe('granted');
    await observe(unreachable);
    await observe(unreachable);
    await observe(unreachable);
    await observe(healthy);
    const raised = alerts.getState().list.data?.find((a) => a.clearedAt !== null && a.raisedAt !== null);
    expect(browser.shown).toEqual([
      { title: 'Box not reachable · Boxfleet', body: 'mail-one is not answering over SSH.', tag: raised?.id },
    ]);
  });

  it('shows none from the page in the desktop app, where main shows them', async () => {
    const browser = page('granted');
    const { alerts, observe } = await withBox({ pageNotifications: browser.api, mode: 'desktop' });
    await alerts.getState().load();
    await observe(unreachable);
    await observe(unreachable);
    expect(alerts.getState().activeCount).toBe(1);
    expect(browser.shown).toEqual([]);
  });
});
