import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BoxHealth } from '../../../src-shared/domain/fleet-health';
import type { StatusItem } from '../../../src-shared/domain/miab';
import { HISTORY_POINTS } from '../../../src-main/health/health-history';
import { ControlledCollector, until, startServiceBed, upHealth, type ServiceBed } from './service-bed';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `box-${String(i + 1).padStart(2, '0')}`);

describe('FleetHealthService refresh', () => {
  let bed: ServiceBed;
  let collector: ControlledCollector;

  async function start(n: number, concurrency = 4, connected: ReadonlySet<string> = new Set()): Promise<void> {
    collector = new ControlledCollector(() => new Date('2026-11-01T08:00:00Z'));
    bed = await startServiceBed(ids(n), collector.collect, concurrency, connected);
  }

  afterEach(async () => {
    await bed.stop();
  });

  it('works at most `concurrency` boxes at once and reports each as it answers', async () => {
    await start(10, 3);
    const started = await bed.service.refresh();
    if (!started.ok) throw new Error(started.error.message);
    await until(() => collector.pending().length === 3, 'three boxes being looked at');
    expect(collector.pending()).toEqual(['box-01', 'box-02', 'box-03']);
    // Answered out of order: the row of box-03 arrives first, and its slot goes to the next box.
    collector.answer('box-03');
    await until(() => collector.pending().includes('box-04'), 'box-04 started');
    expect(bed.events.map((e) => e.boxId)).toEqual(['box-03']);
    expect(collector.pending()).toEqual(['box-01', 'box-02', 'box-04']);
    while (bed.events.length < 10) {
      for (const id of collector.pending()) collector.answer(id);
      const seen = bed.events.length;
      await until(() => bed.events.length > seen, 'another row');
    }
    const result = await started.value.result;
    expect(result.ok && result.value.length).toBe(10);
    expect(collector.maxInFlight).toBe(3);
    expect(bed.jobs.get(started.value.jobId)).toMatchObject({ state: 'done', value: 1 });
  });

  it('bounds only boxes that need a connection: boxes whose connection is open are looked at all at once', async () => {
    await start(6, 2, new Set(['box-02', 'box-04', 'box-05', 'box-06']));
    const started = await bed.service.refresh();
    if (!started.ok) throw new Error(started.error.message);
    // Two connection slots for the two cold boxes; the four warm ones do not wait for a slot.
    await until(() => collector.pending().length === 6, 'every box being looked at');
    expect(collector.pending().sort()).toEqual(ids(6));
    for (const id of collector.pending()) collector.answer(id);
    const result = await started.value.result;
    expect(result.ok && result.value.length).toBe(6);
  });

  it('connects to at most `concurrency` cold boxes at once even when warm ones run beside them', async () => {
    await start(5, 1, new Set(['box-01']));
    const started = await bed.service.refresh();
    if (!started.ok) throw new Error(started.error.message);
    await until(() => collector.pending().length === 2, 'the warm box and one cold box');
    expect(collector.pending().sort()).toEqual(['box-01', 'box-02']);
    collector.answer('box-01');
    collector.answer('box-02');
    await until(() => collector.pending().includes('box-03'), 'the next cold box');
    expect(collector.pending()).toEqual(['box-03']);
    while (bed.events.length < 5) {
      for (const id of collector.pending()) collector.answer(id);
      const seen = bed.events.length;
      await until(() => bed.events.length > seen, 'another row');
    }
    expect(bed.jobs.get(started.value.jobId)).toMatchObject({ state: 'done', value: 1 });
  });

  it('does not let a box that hangs delay the others; it is reported down after the per-box timeout', async () => {
    await start(5, 2);
    const started = await bed.service.refresh();
    if (!started.ok) throw new Error(started.error.message);
    // box-01 never answers; every other box answers at once and its row arrives while box-01 still hangs.
    while (bed.events.length < 4) {
      await until(() => collector.pending().some((id) => id !== 'box-01'), 'another box started');
      for (const id of collector.pending().filter((id) => id !== 'box-01')) collector.answer(id);
      const seen = bed.events.length;
      await until(() => bed.events.length > seen, 'another row');
    }
    expect(bed.events.map((e) => e.boxId).sort()).toEqual(['box-02', 'box-03', 'box-04', 'box-05']);
    expect(collector.pending()).toEqual(['box-01']);
    expect(bed.jobs.get(started.value.jobId)).toMatchObject({ state: 'running', value: 0.8 });

    bed.timers.advance(60_000);
    const result = await started.value.result;
    expect(result.ok).toBe(true);
    const hung = bed.events.find((e) => e.boxId === 'box-01') as BoxHealth;
    expect(hung).toMatchObject({ reachability: 'down', error: { code: 'timeout' } });
    expect(collector.signals.get('box-01')?.aborted).toBe(true);
  });

  it('stops on cancel: running boxes are aborted, no more rows, boxes not started are never contacted', async () => {
    await start(6, 2);
    const started = await bed.service.refresh();
    if (!started.ok) throw new Error(started.error.message);
    await until(() => collector.pending().length === 2, 'two boxes started');
    collector.answer('box-01');
    await until(() => collector.pending().includes('box-03'), 'box-03 started');
    expect(bed.jobs.cancel(started.value.jobId).ok).toBe(true);
    const result = await started.value.result;
    expect(!result.ok && result.error.code).toBe('cancelled');
    expect(collector.signals.get('box-02')?.aborted).toBe(true);
    expect(collector.signals.get('box-03')?.aborted).toBe(true);
    // A late answer from an aborted box is dropped.
    collector.answer('box-02');
    await bed.store.flush();
    expect(bed.events.map((e) => e.boxId)).toEqual(['box-01']);
    expect(collector.started).toEqual(['box-01', 'box-02', 'box-03']);
  });

  it('joins a second refresh of the same boxes instead of looking twice', async () => {
    await start(3);
    const first = await bed.service.refresh();
    const again = await bed.service.refresh(['box-03', 'box-01', 'box-02']);
    const other = await bed.service.refresh(['box-01']);
    if (!first.ok || !again.ok || !other.ok) throw new Error('refresh refused');
    expect(again.value).toMatchObject({ jobId: first.value.jobId, joined: true });
    expect(other.value.joined).toBe(false);
    await until(() => collector.pending().length === 3, 'three boxes started');
    expect(collector.started.filter((id) => id === 'box-02')).toHaveLength(1);
  });

  it('refuses a box that is not in the fleet', async () => {
    await start(1);
    const started = await bed.service.refresh(['no-such-box']);
    expect(!started.ok && started.error.code).toBe('not-found');
  });

  it('keeps the newest observation and a history in the data directory (mode 0600), also after a restart', async () => {
    await start(2);
    const seen: string[] = [];
    bed.service.onObservation((h) => seen.push(h.boxId));
    for (const usedBytes of [40, 55]) {
      const started = await bed.service.refresh();
      if (!started.ok) throw new Error(started.error.message);
      await until(() => collector.pending().length === 2, 'both boxes started');
      collector.answer('box-01', upHealth('box-01', bed.timers.now(), usedBytes, 7));
      collector.answer('box-02');
      await started.value.result;
      bed.timers.advance(15 * 60_000);
    }
    expect(seen).toHaveLength(4);
    await bed.store.flush();
    const file = join(bed.dir, 'fleet-health.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    bed.reopen();
    const [latest] = await bed.service.health(['box-01']);
    expect(latest?.probe?.queue).toBe(7);
    const history = await bed.service.history('box-01');
    expect(history.map((p) => [p.at, p.disk, p.queue, p.reachable])).toEqual([
      ['2026-11-01T08:00:00.000Z', 0.4, 7, true],
      ['2026-11-01T08:15:00.000Z', 0.55, 7, true],
    ]);
  });

  it('bounds the history per box: recent points kept, older ones thinned', async () => {
    await start(1);
    for (let i = 0; i < 1000; i++) {
      await bed.store.record(upHealth('box-01', new Date(Date.UTC(2026, 0, 1) + i * 60_000), 10, i));
    }
    const history = await bed.service.history('box-01');
    expect(history.length).toBeLessThanOrEqual(HISTORY_POINTS);
    expect(history.at(-1)?.queue).toBe(999);
    expect(history.slice(-HISTORY_POINTS / 2).map((p) => p.queue)).toEqual(
      Array.from({ length: HISTORY_POINTS / 2 }, (_, i) => 1000 - HISTORY_POINTS / 2 + i),
    );
    const times = history.map((p) => Date.parse(p.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBeLessThan(Date.UTC(2026, 0, 1) + (1000 - HISTORY_POINTS) * 60_000);
  });

  it('forgets a box that was removed from the fleet, its status checks included', async () => {
    await start(2);
    bed.statusChecks.items = [{ type: 'ok', text: 'Fine.', extra: [] }];
    await bed.store.record(upHealth('box-01', bed.timers.now()));
    await bed.store.record(upHealth('box-02', bed.timers.now()));
    const checks = await bed.service.runChecks('box-02');
    if (!checks.ok) throw new Error(checks.error.message);
    await checks.value.result;
    expect(await readdir(join(bed.dir, 'status-checks'))).toEqual(['box-02.json']);
    bed.boxes.splice(1, 1);
    bed.bus.emit('boxes.changed', { reason: 'removed' });
    await bed.service.forgetRemovedBoxes();
    expect((await bed.service.health()).map((h) => h.boxId)).toEqual(['box-01']);
    expect(await bed.service.history('box-02')).toEqual([]);
    expect(await readdir(join(bed.dir, 'status-checks'))).toEqual([]);
  });
});

describe('FleetHealthService status checks', () => {
  let bed: ServiceBed;
  const item = (type: StatusItem['type'], text: string): StatusItem => ({ type, text, extra: [] });

  beforeEach(async () => {
    const collector = new ControlledCollector(() => new Date('2026-11-01T08:00:00Z'));
    bed = await startServiceBed(['box-01'], collector.collect);
  });
  afterEach(async () => {
    await bed.stop();
  });

  it('caches the latest and previous run, diffs them, and fills the box row with the newest rollup', async () => {
    await bed.store.record(upHealth('box-01', bed.timers.now()));
    const observed: BoxHealth[] = [];
    bed.service.onObservation((h) => observed.push(h));

    bed.statusChecks.items = [item('heading', 'System'), item('ok', 'Disk fine.'), item('ok', 'Backups on.')];
    const first = await bed.service.runChecks('box-01');
    if (!first.ok) throw new Error(first.error.message);
    const again = await bed.service.runChecks('box-01');
    expect(again.ok && again.value.joined).toBe(true);
    await first.value.result;

    bed.timers.advance(24 * 3_600_000);
    bed.statusChecks.items = [item('heading', 'System'), item('error', 'Disk nearly full.'), item('ok', 'Backups on.')];
    const second = await bed.service.runChecks('box-01');
    if (!second.ok) throw new Error(second.error.message);
    await second.value.result;

    const shown = await bed.service.showChecks('box-01');
    if (!shown.ok) throw new Error(shown.error.message);
    expect(shown.value.previous?.at).toBe('2026-11-01T08:00:00.000Z');
    expect(shown.value.latest?.at).toBe('2026-11-02T08:00:00.000Z');
    expect(shown.value.changes).toEqual([
      {
        heading: 'System',
        kind: 'changed',
        before: item('ok', 'Disk fine.'),
        after: item('error', 'Disk nearly full.'),
      },
    ]);
    expect(bed.events.at(-1)?.checks).toEqual({ ok: 1, warning: 0, error: 1, at: '2026-11-02T08:00:00.000Z' });
    // A checks run re-sends the row; it is not a new observation for the alert engine.
    expect(observed).toEqual([]);
  });
});

describe('HealthStore size', () => {
  it('stays bounded with 1,000 boxes at full history', async () => {
    const collector = new ControlledCollector(() => new Date('2026-11-01T08:00:00Z'));
    const bed = await startServiceBed([], collector.collect);
    try {
      const start = Date.UTC(2026, 0, 1);
      for (let b = 0; b < 1000; b++) {
        const boxId = `box-${String(b).padStart(4, '0')}`;
        for (let i = 0; i < HISTORY_POINTS; i++) {
          await bed.store.record(upHealth(boxId, new Date(start + i * 900_000), 40 + (i % 50), 1234 + i), {
            history: true,
          });
        }
      }
      await bed.store.flush();
      const bytes = (await stat(join(bed.dir, 'fleet-health.json'))).size;
      // The numbers the documentation states: about 20 MB for 1,000 boxes with full histories.
      expect(bytes).toBeLessThan(24_000_000);
      expect(bytes).toBeGreaterThan(1_000_000);
      process.stdout.write(`fleet-health.json with 1,000 boxes × ${HISTORY_POINTS} points: ${bytes} bytes\n`);
    } finally {
      await bed.stop();
    }
  }, 120_000);
});
