import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FleetScheduler, openScheduleFile } from '../../../src-main/health/schedule';
import type { PageVisibility } from '../../../src-renderer/stores/fleet-visibility';
import { FakeTimers } from '../health/fake-timers';
import { fakeCore, settle } from './fake-core';

/** A page the test hides and shows, firing `visibilitychange` as a browser does. */
function fakePage(hidden: boolean) {
  const listeners = new Set<() => void>();
  const page: PageVisibility & { set(hidden: boolean): void } = {
    hidden,
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
    set(next) {
      (page as { hidden: boolean }).hidden = next;
      listeners.forEach((listener) => listener());
    },
  };
  return page;
}

describe("the window's visibility reaches main's schedule", () => {
  let dir: string;
  let timers: FakeTimers;
  let refreshes: number;
  let scheduler: FleetScheduler;
  const QUARTER_HOUR = 15 * 60_000;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bf-visibility-'));
    timers = new FakeTimers();
    refreshes = 0;
    scheduler = new FleetScheduler({
      file: openScheduleFile(dir, () => undefined),
      timers,
      refresh: () => refreshes++,
      runDueChecks: () => undefined,
    });
    await scheduler.start();
    await scheduler.set({ pauseWhenHidden: true });
  });
  afterEach(async () => {
    scheduler.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds background refreshes while the page is hidden and catches up when it shows', async () => {
    const page = fakePage(false);
    fakeCore({ page, onVisibility: (visible) => scheduler.setVisible(visible) });
    await settle();
    page.set(true);
    await settle();
    timers.advance(QUARTER_HOUR);
    expect(refreshes).toBe(0);
    page.set(false);
    await settle();
    // The tick missed while hidden runs as soon as the window shows.
    expect(refreshes).toBe(1);
  });

  it('says so at start-up when the page opens hidden (a background tab)', async () => {
    fakeCore({ page: fakePage(true), onVisibility: (visible) => scheduler.setVisible(visible) });
    await settle();
    timers.advance(QUARTER_HOUR);
    expect(refreshes).toBe(0);
  });
});
