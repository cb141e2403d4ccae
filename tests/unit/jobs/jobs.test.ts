import { fail, ok, type Result } from '../../../src-shared/contract/result';
import type { JobInfo } from '../../../src-shared/contract/jobs';
import { EventBus } from '../../../src-main/events/event-bus';
import { Jobs, type JobContext } from '../../../src-main/jobs/jobs';
import { manualClock } from './manual-clock';

/** Work the test finishes by hand, so nothing depends on timing. */
function controlledWork<T>() {
  let ctx: JobContext | undefined;
  let finish: (result: Result<T>) => void = () => undefined;
  let crash: (error: Error) => void = () => undefined;
  const run = (given: JobContext) => {
    ctx = given;
    return new Promise<Result<T>>((resolve, reject) => {
      finish = resolve;
      crash = reject;
    });
  };
  return {
    run,
    get ctx(): JobContext {
      if (!ctx) throw new Error('the job has not started');
      return ctx;
    },
    finish: (result: Result<T>) => finish(result),
    crash: (error: Error) => crash(error),
  };
}

function setup(options: { keepRecent?: number } = {}) {
  const bus = new EventBus();
  const clock = manualClock();
  const sent: JobInfo[] = [];
  const sentAt: number[] = [];
  bus.on((name, payload) => {
    if (name !== 'jobs.progress') return;
    sent.push(payload as JobInfo);
    sentAt.push(clock.now().getTime());
  });
  const logged: string[] = [];
  const jobs = new Jobs({ bus, now: clock.now, timers: clock.timers, log: (m) => logged.push(m), ...options });
  return { jobs, clock, sent, sentAt, logged };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Jobs', () => {
  test('announces a job at 0% at once, before its work reports anything', () => {
    const { jobs, sent } = setup();
    const work = controlledWork<string>();
    const { jobId, joined } = jobs.start({
      kind: 'checks.run',
      boxId: 'box-one',
      title: 'Status checks',
      key: 'box-one',
      run: work.run,
    });
    expect(joined).toBe(false);
    expect(sent).toEqual([
      expect.objectContaining({
        jobId,
        kind: 'checks.run',
        boxId: 'box-one',
        title: 'Status checks',
        state: 'running',
        value: 0,
      }),
    ]);
    expect(jobs.list()).toEqual([sent[0]]);
  });

  test('ends with the result, at 100%, and says so in an event', async () => {
    const { jobs, sent, clock } = setup();
    const work = controlledWork<number>();
    const started = jobs.start({ kind: 'fleet.refresh', title: 'Refresh', key: 'all', run: work.run });
    clock.advance(1500);
    work.finish(ok(42));
    await expect(started.result).resolves.toEqual(ok(42));
    const last = sent[sent.length - 1];
    expect(last).toMatchObject({ state: 'done', value: 1, endedAt: '2026-01-01T00:00:01.500Z' });
    expect(last?.boxId).toBeUndefined();
  });

  test('a failure is a value: the job fails with its error code, and work that throws fails as internal', async () => {
    const { jobs, sent, logged } = setup();
    const refused = controlledWork<never>();
    const a = jobs.start({ kind: 'box.refresh', boxId: 'box-one', title: 'Refresh', key: 'box-one', run: refused.run });
    refused.finish(fail('host-unreachable', 'No answer from box-one.'));
    await expect(a.result).resolves.toMatchObject({ ok: false, error: { code: 'host-unreachable' } });
    expect(jobs.get(a.jobId)).toMatchObject({ state: 'failed', error: { code: 'host-unreachable', retryable: true } });

    const b = jobs.start({
      kind: 'box.refresh',
      boxId: 'box-two',
      title: 'Refresh',
      key: 'box-two',
      run: () => {
        throw new Error('bug');
      },
    });
    await expect(b.result).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(sent[sent.length - 1]).toMatchObject({ jobId: b.jobId, state: 'failed', error: { code: 'internal' } });
    expect(logged.join('\n')).toContain('bug');
  });

  test('a second start of the same work joins the running job; after it ends, the same key starts anew', async () => {
    const { jobs, sent } = setup();
    const work = controlledWork<string>();
    const first = jobs.start({ kind: 'fleet.refresh', title: 'Refresh', key: 'all', run: work.run });
    const other = controlledWork<string>();
    const second = jobs.start({ kind: 'fleet.refresh', title: 'Refresh', key: 'all', run: other.run });
    expect(second).toMatchObject({ jobId: first.jobId, joined: true });
    expect(jobs.list()).toHaveLength(1);
    // Another kind with the same key is different work.
    const checks = jobs.start({ kind: 'checks.run', title: 'Checks', key: 'all', run: controlledWork<string>().run });
    expect(checks.joined).toBe(false);
    work.finish(ok('fresh'));
    await expect(second.result).resolves.toEqual(ok('fresh'));
    await expect(first.result).resolves.toEqual(ok('fresh'));
    const third = jobs.start({ kind: 'fleet.refresh', title: 'Refresh', key: 'all', run: other.run });
    expect(third.joined).toBe(false);
    expect(third.jobId).not.toBe(first.jobId);
    expect(sent.filter((info) => info.state === 'running' && info.value === 0)).toHaveLength(3);
  });

  test('cancel ends the job at once as cancelled and aborts its signal', async () => {
    const { jobs, sent } = setup();
    const work = controlledWork<string>();
    const started = jobs.start({ kind: 'fleet.refresh', title: 'Refresh', key: 'all', run: work.run });
    work.ctx.progress({ value: 0.3 });
    const cancelled = jobs.cancel(started.jobId);
    expect(cancelled).toMatchObject({
      ok: true,
      value: { state: 'cancelled', value: 0.3, error: { code: 'cancelled' } },
    });
    expect(work.ctx.signal.aborted).toBe(true);
    await expect(started.result).resolves.toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(sent[sent.length - 1]).toMatchObject({ state: 'cancelled' });
    // Cancelling again leaves it as it is; an unknown id is not-found.
    expect(jobs.cancel(started.jobId)).toMatchObject({ ok: true, value: { state: 'cancelled' } });
    expect(jobs.cancel('no-such-job')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  test('work that ignores the signal is still reported cancelled; its late progress and result are dropped', async () => {
    const { jobs, sent, clock } = setup();
    const work = controlledWork<string>();
    const started = jobs.start({
      kind: 'checks.run',
      boxId: 'box-one',
      title: 'Checks',
      key: 'box-one',
      run: work.run,
    });
    jobs.cancel(started.jobId);
    const eventsAtCancel = sent.length;
    work.ctx.progress({ value: 0.9, detail: 'still going' });
    clock.advance(1000);
    work.finish(ok('late'));
    await settle();
    await expect(started.result).resolves.toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(jobs.get(started.jobId)).toMatchObject({ state: 'cancelled', value: 0 });
    expect(jobs.get(started.jobId)?.detail).toBeUndefined();
    expect(sent).toHaveLength(eventsAtCancel);
  });

  test('work that answers `cancelled` itself ends cancelled, not failed', async () => {
    const { jobs } = setup();
    const work = controlledWork<string>();
    const started = jobs.start({ kind: 'checks.run', title: 'Checks', key: 'x', run: work.run });
    work.finish(fail('cancelled', 'Stopped.'));
    await started.result;
    expect(jobs.get(started.jobId)).toMatchObject({ state: 'cancelled' });
  });

  test('progress is sent at most once per interval, the newest held update is sent when it is over', () => {
    const { jobs, sent, sentAt, clock } = setup();
    const work = controlledWork<string>();
    jobs.start({ kind: 'fleet.refresh', title: 'Refresh', key: 'all', run: work.run });
    // A thousand boxes answering within one second.
    for (let i = 1; i <= 1000; i++) {
      work.ctx.progress({ value: i / 1000, detail: `${i} of 1000 boxes` });
      clock.advance(1);
    }
    clock.advance(100);
    // 0%, then one per 100 ms over one second (and the held last one): about ten, never a thousand.
    expect(sent.length).toBeGreaterThanOrEqual(10);
    expect(sent.length).toBeLessThanOrEqual(12);
    expect(sent[sent.length - 1]).toMatchObject({ value: 1, detail: '1000 of 1000 boxes', state: 'running' });
    const gaps = sentAt.slice(1).map((at, i) => at - (sentAt[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
  });

  test('a clock that steps back (NTP, a suspended laptop) holds an update for one interval at most', () => {
    const { jobs, sent, clock } = setup();
    const work = controlledWork<string>();
    jobs.start({ kind: 'fleet.refresh', title: 'Refresh', key: 'all', run: work.run });
    clock.setTime(Date.parse('2025-12-31T23:00:00.000Z'));
    work.ctx.progress({ value: 0.5 });
    clock.advance(100);
    expect(sent.map((info) => info.value)).toEqual([0, 0.5]);
  });

  test('the final state goes out at once, even right after a progress event, and drops a held update', async () => {
    const { jobs, sent, clock } = setup();
    const work = controlledWork<string>();
    const started = jobs.start({ kind: 'fleet.refresh', title: 'Refresh', key: 'all', run: work.run });
    work.ctx.progress({ value: 0.5 });
    expect(sent).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(1);
    work.finish(ok('done'));
    await started.result;
    expect(sent.map((info) => info.state)).toEqual(['running', 'done']);
    expect(clock.pendingTimers()).toBe(0);
  });

  test('title, detail and bytes are carried; values are kept within 0..1', () => {
    const { jobs, clock } = setup();
    const work = controlledWork<string>();
    const { jobId } = jobs.start({ kind: 'fleet.refresh', title: 'Refresh', key: 'all', run: work.run });
    work.ctx.progress({ value: 2, title: 'Downloading', detail: 'backup.tgz', bytes: { done: 10, total: 100 } });
    clock.advance(200);
    expect(jobs.get(jobId)).toMatchObject({
      value: 1,
      title: 'Downloading',
      detail: 'backup.tgz',
      bytes: { done: 10, total: 100 },
    });
    work.ctx.progress({ value: Number.NaN });
    work.ctx.progress({ value: -1 });
    expect(jobs.get(jobId)?.value).toBe(0);
  });

  test('keeps a bounded list of ended jobs, newest first; running ones always stay', async () => {
    const { jobs, clock } = setup({ keepRecent: 3 });
    const long = jobs.start({ kind: 'fleet.refresh', title: 'Long', key: 'long', run: controlledWork<string>().run });
    for (let i = 0; i < 10; i++) {
      clock.advance(10);
      const quick = jobs.start({ kind: 'box.refresh', title: `Quick ${i}`, key: `k${i}`, run: async () => ok(i) });
      await quick.result;
    }
    const listed = jobs.list();
    expect(listed.map((info) => info.title)).toEqual(['Quick 9', 'Quick 8', 'Quick 7', 'Long']);
    expect(listed[3]?.jobId).toBe(long.jobId);
  });

  test('close cancels what is still running', () => {
    const { jobs } = setup();
    const work = controlledWork<string>();
    const { jobId } = jobs.start({ kind: 'fleet.refresh', title: 'Refresh', key: 'all', run: work.run });
    jobs.close();
    expect(jobs.get(jobId)?.state).toBe('cancelled');
    expect(work.ctx.signal.aborted).toBe(true);
  });
});
