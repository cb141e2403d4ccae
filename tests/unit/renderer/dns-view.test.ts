import type { BoxCheck, CheckFinding, DsRecord } from '../../../src-shared/contract/dns';
import {
  askedFromText,
  orderFindings,
  orderZones,
  parseResolvers,
  summaryText,
} from '../../../src-renderer/stores/dns-check-view';
import {
  checkRecordDraft,
  checkSecondaryEntries,
  offeredDs,
  recordAsBind,
  reportHeadline,
  splitEntries,
  zoneAsBind,
} from '../../../src-renderer/stores/dns-view';

const upstream = { zones: ['example.com', 'xn--bcher-kva.de'], ttl: false };
const power = { ...upstream, ttl: true };
const draft = (rtype: 'A' | 'CNAME' | 'TXT' | 'MX' | 'NS', qname: string, value: string, ttl = '') => ({
  qname,
  rtype,
  value,
  ttl,
});

describe('the custom record form’s check', () => {
  it('says what the box would say, on the field at fault', () => {
    expect(checkRecordDraft(draft('A', 'www.example.net', '192.0.2.1'), upstream)).toEqual({
      ok: false,
      field: 'qname',
      message: 'www.example.net is not a domain name or a subdomain of a domain name managed by this box.',
    });
    expect(checkRecordDraft(draft('A', 'www.example.com', '2001:db8::1'), upstream)).toEqual({
      ok: false,
      field: 'value',
      message: "That's an IPv6 address.",
    });
    expect(checkRecordDraft(draft('NS', 'example.com', 'ns1.example.net'), upstream)).toMatchObject({
      ok: false,
      message: 'NS records can only be set for subdomains.',
    });
    expect(checkRecordDraft(draft('MX', 'example.com', 'mail.example.com'), upstream)).toMatchObject({
      ok: false,
      field: 'value',
      message: expect.stringMatching(/^An MX value is "PRIORITY HOST"/),
    });
  });

  it('sends an international name as punycode and tells what a CNAME is stored as', () => {
    const checked = checkRecordDraft(draft('CNAME', 'www.bücher.de', 'web.example.net'), upstream);
    expect(checked).toEqual({
      ok: true,
      request: { qname: 'www.xn--bcher-kva.de', rtype: 'CNAME', value: 'web.example.net' },
      storedAs: 'web.example.net.',
    });
  });

  it('counts a TTL only where the box keeps one, and then within Power’s bounds', () => {
    expect(checkRecordDraft(draft('TXT', 'example.com', 'x', '10'), upstream)).toMatchObject({
      ok: true,
      request: { value: 'x' },
    });
    expect(checkRecordDraft(draft('TXT', 'example.com', 'x', '10'), power)).toMatchObject({ ok: false, field: 'ttl' });
    expect(checkRecordDraft(draft('TXT', 'example.com', 'x', 'soon'), power)).toMatchObject({
      ok: false,
      field: 'ttl',
    });
    expect(checkRecordDraft(draft('TXT', 'example.com', 'x', '3600'), power)).toMatchObject({
      ok: true,
      request: { ttl: 3600 },
    });
  });
});

describe('External DNS text', () => {
  it('writes a record and a whole zone in BIND syntax, a long TXT split into quoted strings of 255', () => {
    const long = 'a'.repeat(300);
    expect(recordAsBind({ qname: 'example.com', rtype: 'MX', value: '10 box.example.com.' })).toBe(
      'example.com.\tIN\tMX\t10 box.example.com.',
    );
    expect(recordAsBind({ qname: 'example.com', rtype: 'TXT', value: long })).toBe(
      `example.com.\tIN\tTXT\t"${'a'.repeat(255)}" "${'a'.repeat(45)}"`,
    );
    expect(recordAsBind({ qname: 'x.example.com', rtype: 'TXT', value: 'say "hi" \\o/' })).toBe(
      'x.example.com.\tIN\tTXT\t"say \\"hi\\" \\\\o/"',
    );
    const zone = zoneAsBind({
      zone: 'example.com',
      records: [{ qname: 'example.com', rtype: 'A', value: '192.0.2.1', explanation: 'Required.' }],
    });
    expect(zone.split('\n')).toEqual([
      '; example.com: the records the box wants the world to see',
      'example.com.\tIN\tA\t192.0.2.1',
    ]);
  });

  it('offers the DS records best first and leaves out the ones the box does not offer', () => {
    const ds = (digestType: number, rank: number | null): DsRecord => ({
      keyTag: 1,
      algorithm: 13,
      algorithmName: 'ECDSAP256SHA256',
      digestType,
      digestTypeName: `d${digestType}`,
      digest: 'AA',
      record: '',
      rank,
    });
    expect(offeredDs([ds(1, null), ds(2, 1), ds(4, 0)]).map((d) => d.digestType)).toEqual([4, 2]);
  });

  it('splits and checks secondary nameserver entries as the box does', () => {
    expect(splitEntries('ns1.example.net,\n xfr:10.0.0.0/8  ')).toEqual(['ns1.example.net', 'xfr:10.0.0.0/8']);
    expect(checkSecondaryEntries(['ns1.example.net', 'xfr:2001:db8::/32', 'xfr:192.0.2.5'])).toBeNull();
    expect(checkSecondaryEntries(['xfr:10.0.0.0/33'])).toBe("'10.0.0.0/33' is not an IPv4 or IPv6 address or subnet.");
    expect(checkSecondaryEntries(['not a host'])).toMatch(/is not a host name/);
  });

  it('heads a change report with its first line, and says so when nothing changed', () => {
    expect(reportHeadline('updated DNS: example.com\n')).toBe('updated DNS: example.com');
    expect(reportHeadline('OK')).toBe('nothing needed to change.');
  });
});

const finding = (status: CheckFinding['status'], title: string): CheckFinding => ({
  area: 'records',
  status,
  name: 'example.com.',
  rtype: 'TXT',
  title,
  expected: [],
  actual: [],
  askedFrom: { role: 'box', name: 'ns1.box.example.com', address: '203.0.113.10', port: 53 },
});

describe('outside check results', () => {
  it('puts problems first, then questions without an answer, then what is right', () => {
    const ordered = orderFindings([finding('ok', 'a'), finding('unknown', 'b'), finding('problem', 'c')]);
    expect(ordered.map((f) => f.title)).toEqual(['c', 'b', 'a']);
    const box: BoxCheck = {
      boxId: 'box-1',
      boxName: 'mail-eu',
      zones: [
        { zone: 'fine.com', findings: [finding('ok', 'a')], problems: 0, unknown: 0 },
        { zone: 'slow.com', findings: [finding('unknown', 'b')], problems: 0, unknown: 1 },
        { zone: 'bad.com', findings: [finding('problem', 'c')], problems: 1, unknown: 0 },
      ],
    };
    expect(orderZones(box).map((z) => z.zone)).toEqual(['bad.com', 'slow.com', 'fine.com']);
    expect(summaryText(box)).toBe('1 problem, 1 without an answer, 1 right.');
  });

  it('says where every answer came from', () => {
    expect(askedFromText(finding('ok', 'x').askedFrom)).toBe(
      'asked the box’s nameserver ns1.box.example.com (203.0.113.10)',
    );
    expect(askedFromText({ role: 'resolver', name: '127.0.0.1', address: '127.0.0.1', port: 5353 })).toBe(
      'asked resolver 127.0.0.1, port 5353',
    );
    expect(askedFromText({ role: 'resolver', name: '127.0.0.1:5353', address: '127.0.0.1', port: 5353 })).toBe(
      'asked resolver 127.0.0.1, port 5353',
    );
  });

  it('reads resolvers as typed and names the first that is not an address', () => {
    expect(parseResolvers('1.1.1.1\n[2606:4700::1111]:53, 9.9.9.9:5353')).toEqual({
      resolvers: ['1.1.1.1', '[2606:4700::1111]:53', '9.9.9.9:5353'],
      bad: null,
    });
    expect(parseResolvers('1.1.1.1 dns.google').bad).toBe('dns.google');
  });
});
