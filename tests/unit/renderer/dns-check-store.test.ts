import type { CheckReport } from '../../../src-shared/contract/dns';
import { checkRunning, FLEET_RUN, NO_CHECK_RUN } from '../../../src-renderer/stores/dns-check-store';
import { fakeCore, settle } from './fake-core';
import { sampleBox } from './mail-fixtures';

function coreWithBoxes() {
  const core = fakeCore();
  for (const [id, name] of [
    ['box-1', 'mail-eu'],
    ['box-2', 'mail-us'],
  ] as const) {
    core.addElsewhere(sampleBox(id, name));
    core.dns.boxes.set(id, { flavour: 'upstream', zones: [`${id}.example.com`], records: [], secondary: [] });
  }
  return { core, check: core.stores.dnsCheck };
}

function report(boxIds: readonly string[]): CheckReport {
  return {
    jobId: 'filled-in-by-the-fake',
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt: '2025-01-01T00:01:00.000Z',
    resolvers: ['127.0.0.1:5353'],
    boxes: boxIds.map((boxId) => ({
      boxId,
      boxName: boxId,
      zones: [
        {
          zone: `${boxId}.example.com`,
          problems: 1,
          unknown: 0,
          findings: [
            {
              area: 'records',
              status: 'problem',
              kind: 'missing',
              name: `${boxId}.example.com.`,
              rtype: 'TXT',
              title: 'The TXT record is missing.',
              expected: ['"v=spf1 mx -all"'],
              actual: [],
              askedFrom: { role: 'box', name: 'ns1.box.example.com', address: '127.0.0.1', port: 5353 },
            },
          ],
        },
      ],
    })),
  };
}

describe('the outside check store', () => {
  it('runs a box’s check as a job: progress while it runs, then its report, which becomes the box’s newest', async () => {
    const { core, check } = coreWithBoxes();
    await check.getState().loadLast('box-1');
    expect(check.getState().last['box-1']).toMatchObject({ status: 'ready', data: null });

    await check.getState().start('box-1', ['box-1']);
    const [jobId] = core.dns.checkJobs();
    if (jobId === undefined) throw new Error('no job');
    expect(check.getState().runs['box-1']).toMatchObject({ jobId, job: { state: 'running' } });
    expect(checkRunning(check.getState().runs['box-1'] ?? NO_CHECK_RUN)).toBe(true);
    // The Activity panel sees the same job.
    expect(core.stores.jobs.getState().jobs.map((job) => job.jobId)).toContain(jobId);

    core.dns.progressCheck(jobId, 0.5, 'box-1.example.com');
    expect(check.getState().runs['box-1']?.job).toMatchObject({ value: 0.5, detail: 'box-1.example.com' });

    core.dns.finishCheck(jobId, report(['box-1']));
    await settle();
    const run = check.getState().runs['box-1'];
    expect(checkRunning(run ?? NO_CHECK_RUN)).toBe(false);
    expect(run?.report.data?.boxes[0]?.zones[0]?.findings[0]?.title).toBe('The TXT record is missing.');
    expect(check.getState().last['box-1']?.data?.jobId).toBe(jobId);
  });

  it('checks every box of the fleet in one job, and each box’s newest result follows', async () => {
    const { core, check } = coreWithBoxes();
    await check.getState().start(FLEET_RUN, ['box-1', 'box-2']);
    const [jobId] = core.dns.checkJobs();
    if (jobId === undefined) throw new Error('no job');
    expect(core.calls.find((call) => call.method === 'dns.check.start')?.request).toEqual({
      boxIds: ['box-1', 'box-2'],
    });
    core.dns.finishCheck(jobId, report(['box-1', 'box-2']));
    await settle();
    expect(check.getState().runs[FLEET_RUN]?.report.data?.boxes.map((box) => box.boxId)).toEqual(['box-1', 'box-2']);
    expect(check.getState().last['box-2']?.data?.jobId).toBe(jobId);
  });

  it('says why a check failed or could not start, and may be started again', async () => {
    const { core, check } = coreWithBoxes();
    await check.getState().start('box-1', ['box-1']);
    const [jobId] = core.dns.checkJobs();
    if (jobId === undefined) throw new Error('no job');
    core.dns.finishCheck(jobId, { failed: 'The box could not be reached.' });
    await settle();
    expect(check.getState().runs['box-1']?.error).toMatchObject({
      message: 'The box could not be reached.',
      canRetry: true,
    });
    expect(checkRunning(check.getState().runs['box-1'] ?? NO_CHECK_RUN)).toBe(false);

    await check.getState().start('gone', ['gone']);
    expect(check.getState().runs['gone']).toMatchObject({ starting: false, jobId: null, error: { canRetry: false } });
  });

  it('reads and saves the resolvers the check asks', async () => {
    const { core, check } = coreWithBoxes();
    await check.getState().loadSettings();
    expect(check.getState().settings).toMatchObject({ status: 'ready', data: [] });
    const saved = await check.getState().saveSettings(['1.1.1.1', '[2606:4700::1111]:53']);
    expect(saved).toEqual({ ok: true, value: ['1.1.1.1', '[2606:4700::1111]:53'] });
    expect(core.dns.resolvers()).toEqual(['1.1.1.1', '[2606:4700::1111]:53']);
    expect(check.getState().settings.data).toEqual(['1.1.1.1', '[2606:4700::1111]:53']);
  });
});
