import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fail, ok } from '../../../src-shared/contract/result';
import { DnsCheck, type DnsCheckDeps } from '../../../src-main/dns/dns-check-service';
import { EventBus } from '../../../src-main/events/event-bus';
import { Jobs } from '../../../src-main/jobs/jobs';

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bf-dns-check-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

function service(extra: Partial<DnsCheckDeps> = {}): DnsCheck {
  return new DnsCheck({
    jobs: new Jobs({ bus: new EventBus() }),
    box: (boxId) =>
      Promise.resolve(boxId === 'known-box' ? ok({ id: boxId, name: 'Known' }) : fail('not-found', 'no such box')),
    facts: () => Promise.resolve(fail('host-unreachable', 'not in a unit test')),
    dataDir,
    systemResolvers: () => [],
    ...extra,
  });
}

describe('DnsCheck settings and refusals', () => {
  test('resolvers are persisted in dns-check.json (mode 0600) and read back by a new instance', async () => {
    expect(await service().getSettings()).toEqual(ok({ resolvers: [] }));
    expect(await service().setSettings({ resolvers: [' 1.1.1.1 ', '[2606:4700::1111]:53'] })).toEqual(
      ok({ resolvers: ['1.1.1.1', '[2606:4700::1111]:53'] }),
    );
    expect(await service().getSettings()).toEqual(ok({ resolvers: ['1.1.1.1', '[2606:4700::1111]:53'] }));
    expect((await stat(join(dataDir, 'dns-check.json'))).mode & 0o777).toBe(0o600);
  });

  test('a malformed resolver is refused and nothing is written', async () => {
    expect(await service().setSettings({ resolvers: ['resolver.example'] })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    await expect(stat(join(dataDir, 'dns-check.json'))).rejects.toThrow();
  });

  test('start refuses an unknown box, a malformed resolver, and a computer without resolvers', async () => {
    expect(await service().start(['other-box'], ['1.1.1.1'])).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await service().start(['known-box'], ['1.1.1.1:99999'])).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await service().start(['known-box'])).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringMatching(/no DNS resolver/) },
    });
  });

  test('a box whose facts cannot be read is in the report with its error; unknown jobs are not-found', async () => {
    const check = service({ systemResolvers: () => ['127.0.0.1:1'] });
    expect(check.result('nope')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(check.last('known-box')).toEqual(ok(null));
    const started = await check.start(['known-box']);
    if (!started.ok) throw new Error(started.error.message);
    const report = await check.wait(started.value.jobId);
    expect(report).toMatchObject({
      ok: true,
      value: {
        jobId: started.value.jobId,
        resolvers: ['127.0.0.1:1'],
        boxes: [{ boxId: 'known-box', boxName: 'Known', error: { code: 'host-unreachable' }, zones: [] }],
      },
    });
    expect(check.result(started.value.jobId)).toEqual(report);
    expect(check.last('known-box')).toEqual(report);
  });

  test('starting the same check while it runs joins it; the report is there for both', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const check = service({
      systemResolvers: () => ['127.0.0.1:1'],
      facts: () => gate.then(() => fail('host-unreachable', 'gone')),
    });
    const first = await check.start(['known-box']);
    const second = await check.start(['known-box']);
    if (!first.ok || !second.ok) throw new Error('not started');
    expect(second.value.jobId).toBe(first.value.jobId);
    expect(check.result(first.value.jobId)).toMatchObject({ ok: false, error: { code: 'conflict', retryable: true } });
    const other = await check.start(['known-box'], ['127.0.0.1:2']);
    if (!other.ok) throw new Error('not started');
    expect(other.value.jobId).not.toBe(first.value.jobId);
    release();
    const report = await check.wait(first.value.jobId);
    expect(report).toMatchObject({ ok: true, value: { jobId: first.value.jobId } });
    expect(await check.wait(other.value.jobId)).toMatchObject({ ok: true, value: { resolvers: ['127.0.0.1:2'] } });
  });
});
