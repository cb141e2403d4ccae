import { fail, ok, type ContractHandlers, type Result } from '../../../src-shared/contract';
import type { CheckReport, CustomRecordType, ZoneDelegation } from '../../../src-shared/contract/dns';
import type { JobInfo } from '../../../src-shared/contract/jobs';

type Handlers = ContractHandlers<null>['dns'];

interface StoredRecord {
  qname: string;
  rtype: string;
  value: string;
  ttl: number | null;
}

/** One box as the DNS fake holds it: its flavour, zones, custom records and secondary nameserver entries. */
export interface FakeDnsBox {
  flavour: 'upstream' | 'power';
  zones: string[];
  records: StoredRecord[];
  secondary: string[];
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Main's side of the `dns` group for renderer tests: custom records per box in memory, refused with the box's own
 * texts (reference §4.4.7) for the cases the screens show, and the outside check as a job the test ends when it wants
 * with the report it chooses. A box not in `boxes` is refused as main refuses an unknown box.
 */
export function fakeDns(options: {
  reach: (boxId: string) => Result<unknown> | null;
  reportJob: (job: JobInfo) => void;
}) {
  const boxes = new Map<string, FakeDnsBox>();
  const reports = new Map<string, CheckReport>();
  const checks = new Map<string, { boxIds: string[]; job: JobInfo }>();
  let resolvers: string[] = [];
  let nextJob = 1;

  const refuse = (message: string) => fail('box-api-error', message, { retryable: false });
  const boxOf = (boxId: string): Result<FakeDnsBox> => {
    const failure = options.reach(boxId);
    if (failure && !failure.ok) return failure;
    const box = boxes.get(boxId);
    return box ? ok(box) : fail('not-found', 'No such box.');
  };
  const zoneOf = (box: FakeDnsBox, qname: string) =>
    box.zones.find((zone) => qname === zone || qname.endsWith(`.${zone}`)) ?? null;
  const report = (box: FakeDnsBox, qname: string) => ({ report: `updated DNS: ${zoneOf(box, qname) ?? ''}\n` });

  /** The box's own checks, in its words (§4.4.7); the value as the box stores it. */
  const checkValue = (box: FakeDnsBox, qname: string, rtype: CustomRecordType, value: string): Result<string> => {
    if (zoneOf(box, qname) === null)
      return refuse(`${qname} is not a domain name or a subdomain of a domain name managed by this box.`);
    if (value === '') return refuse('No value for the record provided.');
    if (rtype === 'A' && value.includes(':')) return refuse("That's an IPv6 address.");
    if (rtype === 'AAAA' && IPV4.test(value)) return refuse("That's an IPv4 address.");
    if ((rtype === 'A' || rtype === 'AAAA') && value !== 'local' && !IPV4.test(value) && !value.includes(':'))
      return refuse(`'${value}' does not appear to be an IPv4 or IPv6 address`);
    if (rtype === 'NS' && box.zones.includes(qname)) return refuse('NS records can only be set for subdomains.');
    if ((rtype === 'CNAME' || rtype === 'NS') && !value.endsWith('.')) return ok(`${value}.`);
    return ok(value);
  };

  const change =
    (mode: 'add' | 'set'): Handlers['custom']['add'] =>
    async ({ boxId, qname, rtype, value, ttl }) => {
      const found = boxOf(boxId);
      if (!found.ok) return found;
      const box = found.value;
      const checked = checkValue(box, qname, rtype, value);
      if (!checked.ok) return checked;
      const record = { qname, rtype, value: checked.value, ttl: box.flavour === 'power' ? (ttl ?? null) : null };
      const same = (r: StoredRecord) => r.qname === qname && r.rtype === rtype;
      if (mode === 'add') {
        if (box.records.some((r) => same(r) && r.value === record.value)) return ok({ report: 'OK' });
        box.records.push(record);
      } else {
        box.records = [...box.records.filter((r) => !same(r)), record];
      }
      return ok(report(box, qname));
    };

  const dns: Handlers = {
    capabilities: async ({ boxId }) => {
      const found = boxOf(boxId);
      if (!found.ok) return found;
      const power = found.value.flavour === 'power';
      return ok({
        flavour: found.value.flavour,
        version: power ? 'v60.5' : 'v75',
        ttl: power,
        ttlAbsentReason: power ? null : 'Mail-in-a-Box (upstream) keeps every custom record at the zone’s TTL.',
        zones: found.value.zones,
        primaryHostname: `box.${found.value.zones[0] ?? 'example.com'}`,
      });
    },
    custom: {
      list: async ({ boxId }) => {
        const found = boxOf(boxId);
        if (!found.ok) return found;
        const records = found.value.records;
        const byName = [...records].sort((a, b) => a.qname.localeCompare(b.qname) || a.rtype.localeCompare(b.rtype));
        return ok(
          records.map((record, created) => ({
            ...record,
            zone: zoneOf(found.value, record.qname),
            created,
            byName: byName.indexOf(record),
          })),
        );
      },
      add: change('add'),
      set: change('set'),
      remove: async ({ boxId, qname, rtype, value }) => {
        const found = boxOf(boxId);
        if (!found.ok) return found;
        const box = found.value;
        const before = box.records.length;
        box.records = box.records.filter(
          (r) => !(r.qname === qname && r.rtype === rtype && (value === undefined || r.value === value)),
        );
        return ok(box.records.length === before ? { report: 'OK' } : report(box, qname));
      },
    },
    secondary: {
      get: async ({ boxId }) => {
        const found = boxOf(boxId);
        return found.ok ? ok({ entries: found.value.secondary }) : found;
      },
      set: async ({ boxId, entries }) => {
        const found = boxOf(boxId);
        if (!found.ok) return found;
        const unresolvable = entries.find((entry) => !entry.startsWith('xfr:') && entry.endsWith('.invalid'));
        if (unresolvable) return refuse(`Could not resolve the IP address of ${unresolvable}.`);
        found.value.secondary = [...entries];
        return ok({ report: 'updated DNS: DNS configuration\n' });
      },
    },
    dump: async ({ boxId }) => {
      const found = boxOf(boxId);
      if (!found.ok) return found;
      const box = found.value;
      return ok(
        box.zones.map((zone) => ({
          zone,
          records: [
            {
              qname: zone,
              rtype: 'MX',
              value: `10 box.${zone}.`,
              explanation: `Required. Specifies the hostname (and priority) of the machine that handles @${zone} mail.`,
            },
            ...box.records
              .filter((r) => zoneOf(box, r.qname) === zone)
              .map((r) => ({ qname: r.qname, rtype: r.rtype, value: r.value, explanation: '(Set by user.)' })),
          ],
        })),
      );
    },
    zonefile: async ({ boxId, zone }) => {
      const found = boxOf(boxId);
      if (!found.ok) return found;
      if (!found.value.zones.includes(zone)) return refuse(`${zone} is not a domain name that corresponds to a zone.`);
      return ok({ text: `$ORIGIN ${zone}.\n$TTL 86400\n`, filename: `${zone}.txt` });
    },
    delegation: async ({ boxId }) => {
      const found = boxOf(boxId);
      if (!found.ok) return found;
      return ok(found.value.zones.map((zone, index) => delegationOf(zone, index === 0)));
    },
    check: {
      start: async ({ boxIds }) => {
        for (const boxId of boxIds) {
          const found = boxOf(boxId);
          if (!found.ok) return found;
        }
        const jobId = `dns-check-${nextJob++}`;
        const job: JobInfo = {
          jobId,
          kind: 'dns.check',
          ...(boxIds.length === 1 ? { boxId: boxIds[0] } : {}),
          title: 'Checking DNS from outside',
          state: 'running',
          value: 0,
          startedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, nextJob)).toISOString(),
        };
        checks.set(jobId, { boxIds, job });
        options.reportJob(job);
        return ok({ jobId });
      },
      result: async ({ jobId }) => {
        const found = reports.get(jobId);
        return found ? ok(found) : fail('not-found', 'There is no such check.');
      },
      last: async ({ boxId }) => {
        const found = boxOf(boxId);
        if (!found.ok) return found;
        const newest = [...reports.values()].reverse().find((r) => r.boxes.some((b) => b.boxId === boxId));
        return ok(newest ?? null);
      },
      settings: {
        get: async () => ok({ resolvers }),
        set: async (request) => {
          resolvers = [...request.resolvers];
          return ok({ resolvers });
        },
      },
    },
  };

  return {
    handlers: dns,
    boxes,
    resolvers: () => resolvers,
    checkJobs: () => [...checks.keys()],
    /** Moves a check job on: part way (an event), or to its end with this report (or failed, with the error). */
    progressCheck(jobId: string, value: number, detail?: string): void {
      const entry = checks.get(jobId);
      if (!entry) throw new Error(`no check ${jobId}`);
      entry.job = { ...entry.job, value, ...(detail ? { detail } : {}) };
      options.reportJob(entry.job);
    },
    finishCheck(jobId: string, outcome: CheckReport | { failed: string }): void {
      const entry = checks.get(jobId);
      if (!entry) throw new Error(`no check ${jobId}`);
      const endedAt = '2025-01-01T00:01:00.000Z';
      if ('failed' in outcome) {
        entry.job = {
          ...entry.job,
          state: 'failed',
          endedAt,
          error: { code: 'internal', message: outcome.failed, retryable: true },
        };
      } else {
        reports.set(jobId, { ...outcome, jobId });
        entry.job = { ...entry.job, state: 'done', value: 1, endedAt };
      }
      options.reportJob(entry.job);
    },
  };
}

function delegationOf(zone: string, holdsNameservers: boolean): ZoneDelegation {
  const ds = (digestType: number, digestTypeName: string, digest: string, rank: number | null) => ({
    keyTag: 12345,
    algorithm: 13,
    algorithmName: 'ECDSAP256SHA256',
    digestType,
    digestTypeName,
    digest,
    record: `${zone}.\t3600\tIN\tDS\t12345 13 ${digestType} ${digest}`,
    rank,
  });
  return {
    zone,
    ds: [
      ds(4, 'SHA-384', 'AB'.repeat(24), 0),
      ds(2, 'SHA-256', 'CD'.repeat(16), 1),
      ds(1, 'SHA-1', 'EF'.repeat(10), null),
    ],
    publicKey: 'mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==',
    nameservers: [`ns1.box.${zone}`, `ns2.box.${zone}`],
    glue: holdsNameservers
      ? [
          { host: `ns1.box.${zone}`, ipv4: '203.0.113.10', ipv6: null },
          { host: `ns2.box.${zone}`, ipv4: '203.0.113.10', ipv6: null },
        ]
      : [],
    problem: null,
  };
}
