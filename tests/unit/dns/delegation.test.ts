import {
  dsPath,
  nameserversAndGlue,
  parseDsFile,
  parseKeyFile,
  parseKeyValues,
  rankDs,
  splitSections,
} from '../../../src-main/dns/delegation';
import { checkSecondaryEntries, toCustomRecord } from '../../../src-main/dns/custom-view';

// As ldns-key2ds -n writes them for two KSKs (RSASHA256 and ECDSAP256SHA256), digest types 1, 2 and 4.
const DS_FILE = [
  'example.com.\t3600\tIN\tDS\t11111 8 1 ' + 'a'.repeat(40),
  'example.com.\t3600\tIN\tDS\t11111 8 2 ' + 'b'.repeat(64),
  'example.com.\t3600\tIN\tDS\t11111 8 4 ' + 'c'.repeat(96),
  'example.com.\t3600\tIN\tDS\t22222 13 1 ' + 'd'.repeat(40),
  'example.com.\t3600\tIN\tDS\t22222 13 2 ' + 'e'.repeat(64),
  'example.com.\t3600\tIN\tDS\t22222 13 4 ' + 'f'.repeat(96),
  '',
].join('\n');

describe('DS records as the box wrote them', () => {
  it('are read from <zone>.txt.ds, next to the zone file dns_update signs', () => {
    expect(dsPath('example.com')).toBe('/etc/nsd/zones/example.com.txt.ds');
  });

  it("are ranked as the box's status page offers them; SHA-1 is never offered", () => {
    const ranked = rankDs(parseDsFile(DS_FILE));
    expect(ranked.map((r) => [r.algorithm, r.digestType, r.rank])).toEqual([
      [13, 2, 0],
      [8, 2, 1],
      [13, 4, 2],
      [8, 4, 3],
      [8, 1, null],
      [13, 1, null],
    ]);
    expect(ranked[0]).toMatchObject({
      keyTag: 22222,
      algorithmName: 'ECDSAP256SHA256',
      digestTypeName: 'SHA-256',
      digest: 'E'.repeat(64),
      record: 'example.com.\t3600\tIN\tDS\t22222 13 2 ' + 'e'.repeat(64),
    });
  });

  it('leave out lines that are not DS records', () => {
    expect(parseDsFile('garbage\nexample.com.\t3600\tIN\tDS\t1 13 2 zz\n')).toEqual([]);
  });
});

describe('key files', () => {
  it('give the KSK name and its public key', () => {
    expect(parseKeyValues('KSK=K_domain_.+013+22222\nZSK=K_domain_.+013+33333\n')).toEqual({
      KSK: 'K_domain_.+013+22222',
      ZSK: 'K_domain_.+013+33333',
    });
    expect(parseKeyFile('_domain_.\tIN\tDNSKEY\t257 3 13 AbC+/x== ;{id = 22222 (ksk), size = 256b}\n')).toBe(
      'AbC+/x==',
    );
    expect(parseKeyFile('nothing here')).toBeNull();
  });

  it('come back from one command in sections', () => {
    const sections = splitSections('@@section conf\nA=1\n@@section ds example.com\n@@absent\n');
    expect(sections.get('conf')).toBe('A=1');
    expect(sections.get('ds example.com')).toBe('@@absent\n');
  });
});

describe('nameservers and glue', () => {
  const box = { hostname: 'box.example.com', ipv4: '203.0.113.10', ipv6: '2001:db8::10' };
  const zones = ['example.com', 'other.org'];

  it('give glue only for the zone that holds the box name', () => {
    expect(nameserversAndGlue('example.com', zones, box, ['ns.secondary.net'])).toEqual({
      nameservers: ['ns1.box.example.com', 'ns2.box.example.com', 'ns.secondary.net'],
      glue: [
        { host: 'ns1.box.example.com', ipv4: '203.0.113.10', ipv6: '2001:db8::10' },
        { host: 'ns2.box.example.com', ipv4: '203.0.113.10', ipv6: '2001:db8::10' },
      ],
    });
    expect(nameserversAndGlue('other.org', zones, box, []).glue).toEqual([]);
  });
});

describe('custom records and secondary entries', () => {
  it('map sort-order to created/byName, and absent zone and ttl to null', () => {
    expect(
      toCustomRecord(
        { qname: 'x.example.org', rtype: 'A', value: '1.2.3.4', 'sort-order': { created: 3, qname: 1 } },
        0,
      ),
    ).toEqual({ qname: 'x.example.org', rtype: 'A', value: '1.2.3.4', ttl: null, zone: null, created: 3, byName: 1 });
  });

  it("split entries as the box does and refuse an xfr: value that is no address or subnet, in the box's words", () => {
    expect(checkSecondaryEntries(['ns1.example.net, xfr:10.0.0.0/8', ' xfr:2001:db8::/32 '])).toEqual({
      ok: true,
      value: ['ns1.example.net', 'xfr:10.0.0.0/8', 'xfr:2001:db8::/32'],
    });
    expect(checkSecondaryEntries(['xfr:10.0.0.1/8'])).toEqual({
      ok: false,
      message: "'10.0.0.1/8' is not an IPv4 or IPv6 address or subnet.",
    });
    expect(checkSecondaryEntries(['xfr:nope'])).toEqual({
      ok: false,
      message: "'nope' is not an IPv4 or IPv6 address or subnet.",
    });
    expect(checkSecondaryEntries([])).toEqual({ ok: true, value: [] });
  });
});
