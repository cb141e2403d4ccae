import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SCHEDULE, FIRST_SWEEP_MS, FleetScheduler, openScheduleFile } from '../../../src-main/health/schedule';
import { FakeTimers } from './fake-timers';

describe('FleetScheduler', () => {
  let dir: string;
  let timers: FakeTimers;
  let refreshes: number;
  let sweeps: number[];
  let idle: number[];

  function scheduler(): FleetScheduler {
    return new FleetScheduler({
      file: openScheduleFile(dir, () => undefined),
      timers,
      refresh: () => refreshes++,
      runDueChecks: (hours) => sweeps.push(hours),
      onChange: (s) => idle.push(s.idleCloseSeconds),
    });
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bf-schedule-'));
    timers = new FakeTimers();
    refreshes = 0;
    sweeps = [];
    idle = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has the documented defaults and refreshes every 15 minutes', async () => {
    const s = scheduler();
    await s.start();
    expect(s.get()).toEqual({
      refreshMinutes: 15,
      checksHours: 24,
      pauseWhenHidden: false,
      idleCloseSeconds: 300,
      concurrency: 64,
    });
    timers.advance(15 * 60_000 - 1);
    expect(refreshes).toBe(0);
    timers.advance(1);
    expect(refreshes).toBe(1);
    timers.advance(30 * 60_000);
    expect(refreshes).toBe(3);
    s.close();
    expect(timers.count).toBe(0);
  });

  it('sweeps for due status checks with the configured age', async () => {
    const s = scheduler();
    await s.start();
    timers.advance(FIRST_SWEEP_MS);
    expect(sweeps).toEqual([24]);
    s.close();
  });

  it('holds refreshes while hidden when asked, and catches up when the window shows', async () => {
    const s = scheduler();
    await s.start();
    await s.set({ pauseWhenHidden: true, refreshMinutes: 5 });
    s.setVisible(false);
    timers.advance(20 * 60_000);
    expect(refreshes).toBe(0);
    s.setVisible(true);
    expect(refreshes).toBe(1);
    timers.advance(5 * 60_000);
    expect(refreshes).toBe(2);
    s.close();
  });

  it('keeps refreshing while hidden unless asked not to', async () => {
    const s = scheduler();
    await s.start();
    s.setVisible(false);
    timers.advance(15 * 60_000);
    expect(refreshes).toBe(1);
    s.close();
  });

  it('persists changes, turns refreshes off with 0, and reports the idle time', async () => {
    const s = scheduler();
    await s.start();
    const set = await s.set({ refreshMinutes: 0, idleCloseSeconds: 60 });
    expect(set.ok && set.value.refreshMinutes).toBe(0);
    timers.advance(24 * 60 * 60_000);
    expect(refreshes).toBe(0);
    expect(idle).toEqual([300, 60]);
    s.close();
    const stored = JSON.parse(await readFile(join(dir, 'fleet-schedule.json'), 'utf8'));
    expect(stored).toEqual({ version: 1, data: { ...DEFAULT_SCHEDULE, refreshMinutes: 0, idleCloseSeconds: 60 } });
    const again = scheduler();
    expect((await again.load()).refreshMinutes).toBe(0);
  });

  it('never starts timers unless started (the CLI only reads the schedule)', async () => {
    const s = scheduler();
    await s.load();
    await s.set({ refreshMinutes: 1 });
    expect(timers.count).toBe(0);
  });
});
