import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BoxHealth } from '../../../src-shared/domain/fleet-health';
import { engineAt, healthy, unreachable } from './alert-fixtures';

const down = (at: Date) => unreachable(at);

describe('alert engine: two observations raise, one clears', () => {
  it('raises nothing on one failed observation and raises on the second', async () => {
    const t = await engineAt();
    await t.observe(healthy);
    await t.observe(down);
    expect(await t.active()).toEqual([]);
    expect(t.notifications).toEqual([]);
    expect(t.changes).toEqual([]);
    await t.observe(down);
    const [alert, ...more] = await t.active();
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ boxId: 'box-one', kind: 'down', message: 'mail-one is not answering over SSH.' });
    expect(t.notifications.map((n) => [n.title, n.body])).toEqual([
      ['Box not reachable', 'mail-one is not answering over SSH.'],
    ]);
    expect(t.changes.map((c) => [c.kind, c.change, c.notify])).toEqual([['down', 'raised', true]]);
  });

  it('a good observation between two failed ones breaks the streak', async () => {
    const t = await engineAt();
    await t.observe(down);
    await t.observe(healthy);
    await t.observe(down);
    expect(await t.active()).toEqual([]);
  });

  it('clears on the first observation without the condition, silently, and keeps it as history', async () => {
    const t = await engineAt();
    await t.observe(down);
    await t.observe(down);
    await t.observe(healthy);
    expect(await t.active()).toEqual([]);
    const listed = await t.engine.list();
    expect(listed.ok && listed.value.map((a) => [a.kind, a.clearedAt !== null])).toEqual([['down', true]]);
    expect(t.notifications).toHaveLength(1);
    expect(t.changes.map((c) => [c.change, c.notify])).toEqual([
      ['raised', true],
      ['cleared', false],
    ]);
  });

  it('keeps an active alert quiet on further observations of the same condition', async () => {
    const t = await engineAt();
    for (let i = 0; i < 5; i++) await t.observe(down);
    expect(await t.active()).toHaveLength(1);
    expect(t.notifications).toHaveLength(1);
    expect(t.changes).toHaveLength(1);
  });

  it('a changed host key is its own kind, not "down"', async () => {
    const t = await engineAt();
    await t.observe((at) => unreachable(at, 'box-one', 'host-key-changed'));
    await t.observe((at) => unreachable(at, 'box-one', 'host-key-changed'));
    expect((await t.active()).map((a) => a.kind)).toEqual(['host-key-changed']);
  });

  it('keeps boxes apart', async () => {
    const t = await engineAt();
    await t.observe((at) => unreachable(at, 'box-one'));
    await t.observe((at) => unreachable(at, 'box-two'));
    expect(await t.active()).toEqual([]);
  });
});

describe('alert engine: unknown fields neither raise nor clear', () => {
  const full = (at: Date): BoxHealth => {
    const h = healthy(at);
    return { ...h, probe: h.probe && { ...h.probe, rebootRequired: true } };
  };

  it('an unknown between two observations of a condition does not break the streak', async () => {
    const t = await engineAt();
    await t.observe(full);
    await t.observe(down);
    await t.observe(full);
    expect((await t.active()).map((a) => a.kind)).toEqual(['reboot-required']);
  });

  it('a box that stops answering keeps its other alerts, and recovers them only from known fields', async () => {
    const t = await engineAt();
    await t.observe(full);
    await t.observe(full);
    await t.observe(down);
    await t.observe(down);
    expect((await t.active()).map((a) => a.kind).sort()).toEqual(['down', 'reboot-required']);
    await t.observe(healthy);
    expect(await t.active()).toEqual([]);
  });

  it('unknown fields alone never raise', async () => {
    const t = await engineAt();
    const blank = (at: Date): BoxHealth => ({ ...unreachable(at), reachability: 'up', error: null });
    await t.observe(blank);
    await t.observe(blank);
    await t.observe(blank);
    expect(await t.active()).toEqual([]);
  });
});

describe('alert engine: snooze', () => {
  it('holds the notification back but not the list, and notifies when the snooze has ended', async () => {
    const t = await engineAt();
    const until = new Date(t.clock.now.getTime() + 3 * 3_600_000).toISOString();
    const snoozed = await t.engine.snooze('box-one', 'down', until);
    expect(snoozed.ok).toBe(true);
    await t.observe(down);
    await t.observe(down);
    const [alert] = await t.active();
    expect(alert).toMatchObject({ kind: 'down', snoozedUntil: until });
    expect(t.notifications).toEqual([]);
    expect(t.changes.map((c) => [c.change, c.notify])).toEqual([['raised', false]]);
    // The clock is now one hour before the snooze ends: still held.
    await t.observe(down);
    expect(t.notifications).toEqual([]);
    await t.observe(down);
    expect(t.notifications.map((n) => n.alert.kind)).toEqual(['down']);
    expect(t.changes.map((c) => c.change)).toEqual(['raised', 'reminded']);
    expect((await t.active())[0]?.snoozedUntil).toBeNull();
  });

  it('snoozing an active alert tells the faces; lifting it shows no snooze', async () => {
    const t = await engineAt();
    await t.observe(down);
    await t.observe(down);
    const until = new Date(t.clock.now.getTime() + 86_400_000).toISOString();
    const after = await t.engine.snooze('box-one', 'down', until);
    expect(after.ok && after.value[0]?.snoozedUntil).toBe(until);
    expect(t.changes.map((c) => [c.change, c.snoozedUntil])).toEqual([
      ['raised', null],
      ['snoozed', until],
    ]);
    const lifted = await t.engine.snooze('box-one', 'down', null);
    expect(lifted.ok && lifted.value[0]?.snoozedUntil).toBeNull();
  });

  it('is per box and kind', async () => {
    const t = await engineAt();
    await t.engine.snooze('box-one', 'disk-full', new Date(t.clock.now.getTime() + 86_400_000).toISOString());
    await t.observe(down);
    await t.observe(down);
    expect(t.notifications.map((n) => n.alert.kind)).toEqual(['down']);
  });

  it('refuses a box that is not in the fleet', async () => {
    const t = await engineAt();
    const result = await t.engine.snooze('box-gone', 'down', null);
    expect(!result.ok && result.error.code).toBe('not-found');
  });
});

describe('alert engine: persistence', () => {
  it('keeps alerts, snoozes and a condition seen once across a restart, in a 0600 file', async () => {
    const first = await engineAt();
    await first.observe(down);
    await first.observe(down);
    const until = new Date(first.clock.now.getTime() + 86_400_000).toISOString();
    await first.engine.snooze('box-one', 'reboot-required', until);
    const rebooting = (at: Date): BoxHealth => {
      const h = healthy(at);
      return { ...h, probe: h.probe && { ...h.probe, rebootRequired: true } };
    };
    await first.observe(rebooting);
    await first.engine.flush();
    expect((await stat(join(first.dir, 'alerts.json'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(join(first.dir, 'alerts.json'), 'utf8')).version).toBe(1);

    const second = await engineAt(first.dir);
    second.clock.now = first.clock.now;
    const listed = await second.engine.list();
    expect(listed.ok && listed.value.map((a) => [a.kind, a.clearedAt !== null])).toEqual([['down', true]]);
    // The reboot condition was seen once before the restart: the second sighting raises it, snoozed.
    await second.observe(rebooting);
    expect((await second.active()).map((a) => [a.kind, a.snoozedUntil])).toEqual([['reboot-required', until]]);
    expect(second.notifications).toEqual([]);
  });

  it('forgets the alerts of a box that left the fleet', async () => {
    const t = await engineAt();
    await t.observe((at) => unreachable(at, 'box-one'));
    await t.observe((at) => unreachable(at, 'box-two'));
    await t.observe((at) => unreachable(at, 'box-one'));
    await t.observe((at) => unreachable(at, 'box-two'));
    expect((await t.active()).map((a) => a.boxId).sort()).toEqual(['box-one', 'box-two']);
    await t.engine.prune(async () => new Set(['box-one']));
    expect((await t.active()).map((a) => a.boxId)).toEqual(['box-one']);
    await t.engine.flush();
    const again = await engineAt(t.dir);
    expect((await again.active()).map((a) => a.boxId)).toEqual(['box-one']);
  });

  it('keeps a bounded history of cleared alerts', async () => {
    const t = await engineAt();
    for (let i = 0; i < 510; i++) {
      await t.observe(down);
      await t.observe(down);
      await t.observe(healthy);
    }
    const listed = await t.engine.list();
    expect(listed.ok && listed.value.length).toBe(500);
  });
});
