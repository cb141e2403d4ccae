import type { JobInfo } from '../../../src-shared/contract/jobs';
import { KEEP_RECENT_JOBS, runningCount } from '../../../src-renderer/stores/jobs-store';
import { percentOf, progressText } from '../../../src-renderer/components/activity-view';
import { fakeCore, settle } from './fake-core';

function job(jobId: string, patch: Partial<JobInfo> = {}): JobInfo {
  return {
    jobId,
    kind: 'fleet.refresh',
    title: `Refresh ${jobId}`,
    state: 'running',
    value: 0,
    startedAt: '2025-01-01T00:00:00.000Z',
    ...patch,
  };
}

describe('jobs store', () => {
  test('reads the list at start, then follows jobs.progress events', async () => {
    const core = fakeCore();
    core.reportJob(job('old', { state: 'done', value: 1, startedAt: '2025-01-01T00:00:00.000Z' }));
    const jobs = core.stores.jobs;
    await jobs.getState().load();
    expect(jobs.getState()).toMatchObject({ status: 'ready', jobs: [{ jobId: 'old', state: 'done' }] });

    core.reportJob(job('new', { startedAt: '2025-01-01T00:01:00.000Z' }));
    core.reportJob(job('new', { startedAt: '2025-01-01T00:01:00.000Z', value: 0.4, detail: '2 of 5 boxes' }));
    expect(jobs.getState().jobs.map((j) => [j.jobId, j.value])).toEqual([
      ['new', 0.4],
      ['old', 1],
    ]);
    expect(runningCount(jobs.getState().jobs)).toBe(1);
    expect(jobs.getState().announcement).toBe('');
    core.reportJob(job('new', { startedAt: '2025-01-01T00:01:00.000Z', state: 'done', value: 1 }));
    expect(jobs.getState().announcement).toBe('Refresh new: done.');
  });

  test('an event that arrives while the list is on its way wins over the older list', async () => {
    const core = fakeCore();
    core.reportJob(job('a'));
    core.holdAnswers('jobs.list');
    const loading = core.stores.jobs.getState().load();
    await settle();
    // The list answer was taken while `a` ran; `a` ends before the answer arrives.
    const ended = job('a', { state: 'done', value: 1, endedAt: '2025-01-01T00:00:02.000Z' });
    core.stores.jobs.getState().apply(ended);
    core.release();
    await loading;
    expect(core.stores.jobs.getState().jobs).toEqual([ended]);
  });

  test('an ended job never goes back to running', () => {
    const core = fakeCore();
    const store = core.stores.jobs.getState();
    store.apply(
      job('a', { state: 'cancelled', error: { code: 'cancelled', message: 'Cancelled.', retryable: false } }),
    );
    store.apply(job('a', { value: 0.5 }));
    expect(core.stores.jobs.getState().jobs[0]?.state).toBe('cancelled');
  });

  test('Cancel asks main and shows the job cancelled', async () => {
    const core = fakeCore();
    core.reportJob(job('a', { value: 0.3 }));
    await core.stores.jobs.getState().load();
    await core.stores.jobs.getState().cancel('a');
    expect(core.calls.filter((c) => c.method === 'jobs.cancel')).toEqual([
      { method: 'jobs.cancel', request: { jobId: 'a' } },
    ]);
    expect(core.stores.jobs.getState()).toMatchObject({
      cancelling: [],
      jobs: [{ jobId: 'a', state: 'cancelled', value: 0.3 }],
    });
  });

  test('a refused Cancel is reported on that job', async () => {
    const core = fakeCore();
    await core.stores.jobs.getState().cancel('gone');
    expect(core.stores.jobs.getState().cancelErrors['gone']?.title).toBeTruthy();
    expect(core.stores.jobs.getState().cancelling).toEqual([]);
  });

  test('keeps running jobs and the newest ended ones', () => {
    const core = fakeCore();
    const store = core.stores.jobs.getState();
    store.apply(job('long', { startedAt: '2025-01-01T00:00:00.000Z' }));
    for (let i = 0; i < KEEP_RECENT_JOBS + 10; i++) {
      const startedAt = new Date(Date.parse('2025-01-01T01:00:00.000Z') + i * 1000).toISOString();
      store.apply(job(`j${i}`, { state: 'done', value: 1, startedAt }));
    }
    const listed = core.stores.jobs.getState().jobs;
    expect(listed).toHaveLength(KEEP_RECENT_JOBS + 1);
    expect(listed[0]?.jobId).toBe(`j${KEEP_RECENT_JOBS + 9}`);
    expect(listed[listed.length - 1]?.jobId).toBe('long');
  });

  test('the bar says its percent and the step in words', () => {
    expect(percentOf(job('a', { value: 0.426 }))).toBe(43);
    expect(progressText(job('a', { value: 0.426, detail: 'Checking DNS' }))).toBe('43%, Checking DNS');
    expect(progressText(job('a', { state: 'failed', value: 0.5 }))).toBe('50%, failed');
  });
});
