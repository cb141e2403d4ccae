/**
 * The outside check against real nsd on loopback: a parent zone, the box's zones as the emulator renders them, and
 * a resolver. A clean world gives no problem and no unknown; seeded drift gives exactly that drift.
 */
import dgram from 'node:dgram';
import { checkReportSchema, type CheckFinding, type CheckReport } from '../../src-shared/contract/dns';
import { ok } from '../../src-shared/contract/result';
import type { AskedQuestion } from '../../src-main/dns/check/dns-client';
import type { OutsideFacts } from '../../src-main/dns/outside-facts';
import type { JobInfo } from '../../src-shared/contract/jobs';
import { DnsCheck } from '../../src-main/dns/dns-check-service';
import { EventBus } from '../../src-main/events/event-bus';
import { Jobs } from '../../src-main/jobs/jobs';
import { BOX_ADDRESS, startDnsWorld, type DnsWorld } from '../harness/dns-world';
import { makeTempDir } from '../harness/temp';

jest.setTimeout(60_000);

interface Run {
  report: CheckReport;
  /** The job's progress details, as the window would see them. */
  progress: string[];
  asked: readonly AskedQuestion[];
  findings: CheckFinding[];
}

async function runCheck(world: DnsWorld, timeoutMs = 1500, facts: OutsideFacts = world.facts): Promise<Run> {
  const dataDir = await makeTempDir('dns-check-data', 0o700);
  let asked: readonly AskedQuestion[] = [];
  const bus = new EventBus();
  const progress: string[] = [];
  bus.on((name, payload) => {
    const detail = name === 'jobs.progress' ? (payload as JobInfo).detail : undefined;
    if (detail !== undefined && progress.at(-1) !== detail) progress.push(detail);
  });
  const check = new DnsCheck({
    jobs: new Jobs({ bus, progressIntervalMs: 0 }),
    box: (boxId) => Promise.resolve(ok({ id: boxId, name: 'box-one' })),
    facts: () => Promise.resolve(ok(facts)),
    dataDir,
    port: world.port,
    timeoutMs,
    onQuestions: (questions) => (asked = questions),
  });
  const started = await check.start(['box-one'], [world.resolver]);
  if (!started.ok) throw new Error(started.error.message);
  const result = await check.wait(started.value.jobId);
  if (!result.ok) throw new Error(result.error.message);
  const report = checkReportSchema.parse(result.value);
  expect(report.jobId).toBe(started.value.jobId);
  expect(check.last('box-one')).toEqual(ok(report));
  return { report, progress, asked, findings: report.boxes.flatMap((b) => b.zones.flatMap((z) => z.findings)) };
}

const key = (f: CheckFinding): string => `${f.area} ${f.kind ?? ''} ${f.name} ${f.rtype}`;
const distinct = (findings: CheckFinding[]): string[] => [...new Set(findings.map(key))].sort();

describe('outside check against nsd: a clean world', () => {
  let world: DnsWorld;
  let run: Run;
  beforeAll(async () => {
    world = await startDnsWorld({
      extraZones: 1,
      ipv6: true,
      customDns: [
        { qname: 'foo.example.test', rtype: 'TXT', value: 'hello world' },
        { qname: '_mta-sts.example.test', rtype: 'TXT', value: 'v=STSv1; id=20261208' },
      ],
    });
    run = await runCheck(world);
  });
  afterAll(() => world?.stop());

  test('finds no problem and nothing unknown, and looked at every area', () => {
    expect(run.findings.filter((f) => f.status !== 'ok').map((f) => f.title)).toEqual([]);
    const areas = new Set(run.findings.map((f) => f.area));
    for (const area of ['records', 'delegation', 'dnssec', 'reverse', 'mx', 'spf', 'dkim', 'dmarc', 'mta-sts', 'tlsa'])
      expect(areas).toContain(area);
    expect(run.report.boxes[0]?.zones.map((z) => z.zone)).toEqual(['example.test', 'd1.test']);
    expect(run.report.resolvers).toEqual([world.resolver]);
  });

  test('the job reports its progress zone by zone', () => {
    // Zones are checked side by side: which one ends first (and so is "1 of 2") is not fixed.
    const zones = run.progress.filter((d) => / zones\)$/.test(d)).map((d) => d.replace(/ \(\d of 2 zones\)$/, ''));
    expect(zones.sort()).toEqual(['box-one: d1.test', 'box-one: example.test']);
    expect(run.progress.at(-1)).toMatch(/\(2 of 2 zones\)$/);
  });

  test('asked the box on both addresses, the parent and the resolver, and said so in every finding', () => {
    const records = run.findings.filter((f) => f.area === 'records');
    expect(new Set(records.map((f) => `${f.askedFrom.role} ${f.askedFrom.address}`))).toEqual(
      new Set([`box ${BOX_ADDRESS}`, 'box ::1', `resolver 127.0.0.12`]),
    );
    const parent = run.findings.filter((f) => f.area === 'delegation' || f.area === 'dnssec');
    expect(new Set(parent.map((f) => f.askedFrom.role))).toEqual(new Set(['parent']));
    expect(run.findings.every((f) => f.askedFrom.port === world.port)).toBe(true);
    const reverse = run.findings.filter((f) => f.area === 'reverse');
    expect(reverse.map((f) => f.name).sort()).toEqual([`1.${'0.'.repeat(31)}ip6.arpa`, '11.0.0.127.in-addr.arpa']);
  });
  test('one job checks every zone of every box named', async () => {
    const jobs = new Jobs({ bus: new EventBus() });
    const check = new DnsCheck({
      jobs,
      box: (boxId) => Promise.resolve(ok({ id: boxId, name: boxId.toUpperCase() })),
      facts: () => Promise.resolve(ok(world.facts)),
      dataDir: await makeTempDir('dns-check-data', 0o700),
      port: world.port,
      timeoutMs: 1500,
    });
    const started = await check.start(['box-one', 'box-two'], [world.resolver]);
    if (!started.ok) throw new Error(started.error.message);
    expect(jobs.get(started.value.jobId)).toMatchObject({
      kind: 'dns.check',
      title: 'Check DNS of 2 boxes from outside',
    });
    const report = await check.wait(started.value.jobId);
    if (!report.ok) throw new Error(report.error.message);
    expect(
      report.value.boxes.map((b) => [b.boxName, b.zones.map((z) => z.zone), b.zones.map((z) => z.problems)]),
    ).toEqual([
      ['BOX-ONE', ['example.test', 'd1.test'], [0, 0]],
      ['BOX-TWO', ['example.test', 'd1.test'], [0, 0]],
    ]);
    expect(check.last('box-two')).toEqual(report);
  });

  test("the parent's DS is recognised from the DNSKEY the box serves, even when the box's DS file is unreadable", async () => {
    const facts: OutsideFacts = { ...world.facts, delegation: world.facts.delegation.map((d) => ({ ...d, ds: [] })) };
    const again = await runCheck(world, 1500, facts);
    const dnssec = again.findings.filter((f) => f.area === 'dnssec');
    expect(dnssec.length).toBe(2);
    expect(dnssec.every((f) => f.status === 'ok' && f.actual.length === 6)).toBe(true);
  });
});

describe('outside check against nsd: seeded drift', () => {
  let world: DnsWorld;
  let run: Run;
  beforeAll(async () => {
    world = await startDnsWorld(
      { extraZones: 1, customDns: [{ qname: 'foo.example.test', rtype: 'TXT', value: 'hello world' }] },
      {
        boxZone: (zone, text) =>
          zone !== 'example.test'
            ? text
            : text
                .replace(/^foo\tIN\tTXT\t.*\n/m, '')
                .replace(/^www\tIN\tA\t127\.0\.0\.11$/m, 'www\tIN\tA\t127.0.0.99') +
              'example.test.\tIN\tMX\t20 mx.elsewhere.test.\n',
        wrongDs: ['example.test'],
        missingPtr: [BOX_ADDRESS],
      },
    );
    run = await runCheck(world);
  });
  afterAll(() => world?.stop());

  test('reports exactly the drift and nothing else', () => {
    const problems = run.findings.filter((f) => f.status === 'problem');
    expect(distinct(problems)).toEqual(
      [
        'records missing foo.example.test TXT',
        'records different www.example.test A',
        'records extra example.test MX',
        'dnssec mismatch example.test DS',
        'reverse missing 11.0.0.127.in-addr.arpa PTR',
      ].sort(),
    );
    expect(run.findings.filter((f) => f.status === 'unknown')).toEqual([]);
    // The box serves the drift itself, so its own nameserver reports each record drift.
    for (const f of problems.filter((p) => p.area === 'records'))
      expect(['box', 'resolver']).toContain(f.askedFrom.role);
    const changed = problems.find((f) => f.name === 'www.example.test' && f.askedFrom.role === 'box');
    expect(changed).toMatchObject({ expected: ['127.0.0.11'], actual: ['127.0.0.99'] });
    const extra = problems.find((f) => f.rtype === 'MX' && f.askedFrom.role === 'box');
    expect(extra?.actual).toContain('20 mx.elsewhere.test');
    const zones = run.report.boxes[0]?.zones ?? [];
    expect(zones.find((z) => z.zone === 'd1.test')?.problems).toBe(0);
  });
});

describe('outside check against nsd: reverse DNS behind an RFC 2317 CNAME', () => {
  let world: DnsWorld;
  beforeAll(async () => {
    world = await startDnsWorld({ classlessReverse: true });
  });
  afterAll(() => world?.stop());

  test('the PTR at the end of the chain counts, and is forward-confirmed', async () => {
    const run = await runCheck(world);
    expect(run.findings.filter((f) => f.status !== 'ok').map((f) => f.title)).toEqual([]);
    expect(run.findings.filter((f) => f.area === 'reverse')).toMatchObject([
      { status: 'ok', name: '11.0.0.127.in-addr.arpa', actual: ['box.example.test'] },
    ]);
  });
});

describe('outside check against nsd: a delegation that does not point at the box', () => {
  let world: DnsWorld;
  let run: Run;
  beforeAll(async () => {
    world = await startDnsWorld(
      { extraZones: 1 },
      { parentNs: { 'd1.test': ['ns1.parking.test', 'ns2.parking.test'] }, glueAddress: '127.0.0.99' },
    );
    run = await runCheck(world);
  });
  afterAll(() => world?.stop());

  test("the parent's NS set and its glue are compared with the box's nameservers and address", () => {
    const problems = run.findings.filter((f) => f.status === 'problem');
    expect(distinct(problems)).toEqual(['delegation different d1.test NS', 'delegation different example.test A']);
    expect(problems.find((f) => f.rtype === 'NS')).toMatchObject({
      expected: ['ns1.box.example.test', 'ns2.box.example.test'],
      actual: ['ns1.parking.test', 'ns2.parking.test'],
      askedFrom: { role: 'parent', name: 'ns.test', address: '127.0.0.10' },
    });
    expect(problems.find((f) => f.rtype === 'A')?.actual).toEqual([
      'ns1.box.example.test A 127.0.0.99',
      'ns2.box.example.test A 127.0.0.99',
    ]);
  });
});

describe('outside check against nsd: policy records the box serves as intended but malformed', () => {
  let world: DnsWorld;
  let run: Run;
  beforeAll(async () => {
    world = await startDnsWorld({
      customDns: [
        // Set by the admin in place of the box's own: served exactly as the box intends, and still wrong.
        { qname: 'example.test', rtype: 'TXT', value: 'v=spf1 mx ip4:nope -all' },
        { qname: '_dmarc.example.test', rtype: 'TXT', value: 'v=DMARC1; p=maybe' },
        { qname: '_mta-sts.example.test', rtype: 'TXT', value: 'v=STSv1;' },
      ],
    });
    run = await runCheck(world);
  });
  afterAll(() => world?.stop());

  test('each is reported malformed, through the resolver, and nothing else', () => {
    const problems = run.findings.filter((f) => f.status === 'problem');
    expect(distinct(problems)).toEqual([
      'dmarc malformed _dmarc.example.test TXT',
      'mta-sts malformed _mta-sts.example.test TXT',
      'spf malformed example.test TXT',
    ]);
    expect(problems.every((f) => f.askedFrom.role === 'resolver')).toBe(true);
    expect(problems.find((f) => f.area === 'spf')?.title).toMatch(/ip4:nope/);
    expect(run.findings.filter((f) => f.status === 'unknown')).toEqual([]);
  });
});

describe('outside check against nsd: silence and truncation', () => {
  let world: DnsWorld;
  let run: Run;
  let silent: dgram.Socket;
  const big = 'x'.repeat(1500) + 'y'.repeat(700);
  beforeAll(async () => {
    world = await startDnsWorld({
      extraZones: 2,
      secondaries: [{ host: 'ns.silent.test', address: '127.0.0.13' }],
      customDns: [{ qname: 'big.example.test', rtype: 'TXT', value: big }],
    });
    // A nameserver that receives every question and never answers.
    silent = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(world.port, '127.0.0.13', resolve));
    run = await runCheck(world, 800);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
    await world?.stop();
  });

  test('a nameserver that never answers is unknown, never a problem', () => {
    const fromSilent = run.findings.filter((f) => f.askedFrom.address === '127.0.0.13');
    expect(fromSilent.length).toBeGreaterThan(0);
    expect(fromSilent.every((f) => f.status === 'unknown')).toBe(true);
    for (const f of fromSilent) expect(f.title).toMatch(/no answer within 800 ms|earlier questions of this check/);
    expect(run.findings.filter((f) => f.status === 'problem').map((f) => f.title)).toEqual([]);
    expect(run.findings.filter((f) => f.status === 'unknown').every((f) => f.askedFrom.address === '127.0.0.13')).toBe(
      true,
    );
  });

  test('a dead server costs one timeout: once it let the first questions go unanswered, the rest are not asked', () => {
    const toSilent = run.asked.filter((q) => q.server.address === '127.0.0.13');
    const onWire = toSilent.filter((q) => q.outcome === 'unknown').length;
    const notAsked = toSilent.filter((q) => q.outcome === 'not-asked').length;
    expect(onWire + notAsked).toBe(toSilent.length);
    // At most one server's share of places on the wire went to it: they all timed out together.
    expect(onWire).toBeLessThanOrEqual(24);
    expect(notAsked).toBeGreaterThan(0);
  });

  test('a truncated UDP answer is asked again over TCP, and compared', () => {
    const bigQuestions = run.asked.filter(
      (q) => q.question.name === 'big.example.test' && q.server.address !== '127.0.0.13',
    );
    expect(bigQuestions.length).toBeGreaterThan(0);
    expect(bigQuestions.every((q) => q.outcome === 'tcp')).toBe(true);
    const others = run.asked.filter((q) => q.question.name === 'www.example.test' && q.server.role === 'box');
    expect(others.every((q) => q.outcome === 'udp')).toBe(true);
  });

  test('cancelling the job stops the questions at once and reports cancelled', async () => {
    const jobs = new Jobs({ bus: new EventBus() });
    const check = new DnsCheck({
      jobs,
      box: (boxId) => Promise.resolve(ok({ id: boxId, name: 'box-one' })),
      facts: () => Promise.resolve(ok(world.facts)),
      dataDir: await makeTempDir('dns-check-data', 0o700),
      port: world.port,
      // Long enough that only the cancel can end the questions to the silent server.
      timeoutMs: 60_000,
    });
    const started = await check.start(['box-one'], [world.resolver]);
    if (!started.ok) throw new Error(started.error.message);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(jobs.cancel(started.value.jobId)).toMatchObject({ ok: true, value: { state: 'cancelled' } });
    const result = await check.wait(started.value.jobId);
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });
});
