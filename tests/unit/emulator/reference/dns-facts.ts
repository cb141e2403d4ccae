/**
 * §4.4 of the reference (zones, updates, secondary nameservers, custom records, dump, zone files) and Power's
 * custom-DNS differences (§6.3.4, §6.2).
 */
import { addUser } from '../../../emulator/state';
import type { BoxState, CustomDnsRecord } from '../../../emulator/types';
import { JSON_TYPE, PLAIN, bad, html500, jsonOk, ok, unauthorized } from './fact';
import type { Fact, Req } from './fact';

const UP = ['upstream'] as const;
const POWER = ['power'] as const;

function seedRecords(...records: CustomDnsRecord[]): (s: BoxState) => void {
  return (s) => {
    s.customDns.push(...records);
  };
}
const SHAPE_SEED = seedRecords(
  { qname: 'example.com', rtype: 'TXT', value: 'v=spf1 include:x.com -all' },
  { qname: 'foo.example.com', rtype: 'CNAME', value: 'bar.example.net.' },
  { qname: 'bar.example.com', rtype: 'A', value: '1.2.3.4' },
);
function shape(power: boolean): unknown[] {
  const ttl = power ? { ttl: null } : {};
  return [
    {
      qname: 'example.com',
      rtype: 'TXT',
      'sort-order': { created: 0, qname: 0 },
      ...ttl,
      value: 'v=spf1 include:x.com -all',
      zone: 'example.com',
    },
    {
      qname: 'foo.example.com',
      rtype: 'CNAME',
      'sort-order': { created: 1, qname: 2 },
      ...ttl,
      value: 'bar.example.net.',
      zone: 'example.com',
    },
    {
      qname: 'bar.example.com',
      rtype: 'A',
      'sort-order': { created: 2, qname: 1 },
      ...ttl,
      value: '1.2.3.4',
      zone: 'example.com',
    },
  ];
}

/** Upstream: raw body. */
const up = (method: string, path: string, body: string): Req => ({ method, path, body });
const upError = (what: string, path: string, body: string, message: string): Fact => ({
  ref: '§4.4.7',
  what,
  from: 'verified',
  flavours: UP,
  req: up('POST', path, body),
  want: bad(message),
});
/** Power: form fields. */
const pw = (method: string, path: string, form: Record<string, string>): Req => ({ method, path, form });
const one = (qname: string, rtype: string, value: string, extra: Record<string, unknown> = {}): unknown => ({
  qname,
  rtype,
  'sort-order': { created: 0, qname: 0 },
  ...extra,
  value,
  zone: 'example.com',
});

export const dnsFacts: Fact[] = [
  {
    ref: '§4.4.1',
    what: 'zones: punycode, domain order (verified example)',
    from: 'verified',
    seed: (s) => void addUser(s, { email: 'u3@xn--bcher-kva.de', password: 'password three' }),
    req: { path: '/dns/zones' },
    want: jsonOk(['example.com', 'xn--bcher-kva.de']),
  },
  {
    ref: '§4.4.2',
    what: 'dns update with nothing changed: empty text',
    from: 'code',
    req: { method: 'POST', path: '/dns/update', form: {} },
    want: ok(''),
  },
  {
    ref: '§4.4.2',
    what: 'dns update with force=1 rewrites every zone',
    from: 'code',
    req: { method: 'POST', path: '/dns/update', form: { force: '1' } },
    want: ok('updated DNS: example.com\n'),
  },
  {
    ref: '§4.4.3',
    what: 'secondary nameservers unset: {"hostnames": []}',
    from: 'verified',
    req: { path: '/dns/secondary-nameserver' },
    want: { status: 200, type: JSON_TYPE, body: '{\n  "hostnames": []\n}\n' },
  },
  {
    ref: '§4.4.3/§4.4.4',
    what: 'xfr: entries are stored in order and listed (verified example)',
    from: 'verified',
    req: async (ctx) => {
      const r = await ctx.send({
        path: '/dns/secondary-nameserver',
        form: { hostnames: 'xfr:10.0.0.0/8, xfr:192.0.2.5' },
      });
      expect(r.status).toBe(200);
      return { path: '/dns/secondary-nameserver' };
    },
    want: jsonOk({ hostnames: ['xfr:10.0.0.0/8', 'xfr:192.0.2.5'] }),
  },
  {
    ref: '§4.4.4',
    what: 'saving xfr entries answers the DNS-update report (only nsd.conf changed)',
    from: 'code',
    req: { path: '/dns/secondary-nameserver', form: { hostnames: 'xfr:192.0.2.5' } },
    want: ok('updated DNS: DNS configuration\n'),
  },
  {
    ref: '§4.4.4',
    what: 'a hostname that does not resolve',
    from: 'code',
    req: { path: '/dns/secondary-nameserver', form: { hostnames: 'ns.nonexistent.invalid' } },
    want: bad('Could not resolve the IP address of ns.nonexistent.invalid.'),
  },
  {
    ref: '§4.4.4',
    what: 'an empty list clears the setting',
    from: 'code',
    seed: (s) => {
      s.secondaryNameservers = ['xfr:192.0.2.5'];
    },
    req: async (ctx) => {
      await ctx.send({ path: '/dns/secondary-nameserver', form: { hostnames: '' } });
      return { path: '/dns/secondary-nameserver' };
    },
    want: { status: 200, type: JSON_TYPE, body: '{\n  "hostnames": []\n}\n' },
  },
  {
    ref: '§4.4.4',
    what: 'a bad xfr value is shown without the prefix',
    from: 'code',
    req: { path: '/dns/secondary-nameserver', form: { hostnames: 'xfr:nonsense' } },
    want: bad("'nonsense' is not an IPv4 or IPv6 address or subnet."),
  },
  {
    ref: '§4.4.4',
    what: 'an xfr subnet with host bits set is refused',
    from: 'code',
    req: { path: '/dns/secondary-nameserver', form: { hostnames: 'xfr:10.0.0.1/8' } },
    want: bad("'10.0.0.1/8' is not an IPv4 or IPv6 address or subnet."),
  },
  {
    ref: '§4.4.4',
    what: 'the pseudo-record is hidden from /dns/custom',
    from: 'code',
    req: async (ctx) => {
      await ctx.send({ path: '/dns/secondary-nameserver', form: { hostnames: 'xfr:192.0.2.5' } });
      return { path: '/dns/custom' };
    },
    want: { status: 200, type: JSON_TYPE, body: '[]\n' },
  },
  {
    ref: '§4.4.5',
    what: 'custom records (verified shape), upstream',
    from: 'verified',
    flavours: UP,
    seed: SHAPE_SEED,
    req: { path: '/dns/custom' },
    want: jsonOk(shape(false)),
  },
  {
    ref: '§4.4.5/§6.3.4',
    what: 'custom records on Power carry "ttl": null',
    from: 'verified',
    flavours: POWER,
    seed: SHAPE_SEED,
    req: { path: '/dns/custom' },
    want: jsonOk(shape(true)),
  },
  {
    ref: '§4.4.5',
    what: 'the zone key is absent when no zone matches',
    from: 'code',
    flavours: UP,
    seed: seedRecords({ qname: 'stray.example.org', rtype: 'TXT', value: 'x' }),
    req: { path: '/dns/custom' },
    want: jsonOk([{ qname: 'stray.example.org', rtype: 'TXT', 'sort-order': { created: 0, qname: 0 }, value: 'x' }]),
  },
  {
    ref: '§4.4.6',
    what: 'GET /dns/custom/<qname> without a type filters on A',
    from: 'verified',
    seed: SHAPE_SEED,
    req: { path: '/dns/custom/foo.example.com' },
    want: { status: 200, type: JSON_TYPE, body: '[]\n' },
  },
  {
    ref: '§4.4.6',
    what: 'rtype is upper-cased; sort-order recomputed within the filtered list',
    from: 'code',
    flavours: UP,
    seed: SHAPE_SEED,
    req: { path: '/dns/custom/foo.example.com/cname' },
    want: jsonOk([one('foo.example.com', 'CNAME', 'bar.example.net.')]),
  },
  // §4.4.7 upstream
  {
    ref: '§4.4.7',
    what: 'empty body on an A record without X-Forwarded-For: silent OK no-op',
    from: 'verified',
    flavours: UP,
    req: async (ctx) => {
      const r = await ctx.send(up('POST', '/dns/custom/www.example.com', ''));
      expect([r.status, r.body]).toEqual([200, 'OK']);
      return { path: '/dns/custom' };
    },
    want: { status: 200, body: '[]\n' },
  },
  {
    ref: '§4.4.7',
    what: 'empty body on an A record falls back to X-Forwarded-For',
    from: 'code',
    flavours: UP,
    req: async (ctx) => {
      const r = await ctx.send({
        ...up('POST', '/dns/custom/www.example.com', ''),
        headers: { 'X-Forwarded-For': '198.51.100.7' },
      });
      expect(r.body).toBe('updated DNS: example.com\n');
      return { path: '/dns/custom/www.example.com' };
    },
    want: jsonOk([one('www.example.com', 'A', '198.51.100.7')]),
  },
  upError('empty body on another type', '/dns/custom/www.example.com/TXT', '', 'No value for the record provided.'),
  upError(
    'qname outside every zone',
    '/dns/custom/www.example.org',
    '1.2.3.4',
    'www.example.org is not a domain name or a subdomain of a domain name managed by this box.',
  ),
  upError('qname fails the name regex', '/dns/custom/-bad.example.com', '1.2.3.4', 'Invalid name.'),
  upError('A given IPv6', '/dns/custom/www.example.com/A', '2001:db8::1', "That's an IPv6 address."),
  upError('AAAA given IPv4', '/dns/custom/www.example.com/AAAA', '1.2.3.4', "That's an IPv4 address."),
  upError('A not an IP', '/dns/custom/www.example.com', 'nope', "'nope' does not appear to be an IPv4 or IPv6 address"),
  upError(
    'NS at a zone apex',
    '/dns/custom/example.com/NS',
    'ns1.example.net',
    'NS records can only be set for subdomains.',
  ),
  upError('CNAME target fails the regex', '/dns/custom/www.example.com/CNAME', 'bad value', 'Invalid value.'),
  upError(
    'unknown rtype (upper-cased in the message)',
    '/dns/custom/www.example.com/foo',
    'x',
    "Unknown record type 'FOO'.",
  ),
  {
    ref: '§4.4.7',
    what: 'DELETE-all accepts any rtype string',
    from: 'code',
    flavours: UP,
    req: up('DELETE', '/dns/custom/www.example.com/foo', ''),
    want: ok('OK'),
  },
  {
    ref: '§4.4.7',
    what: 'POST success: the DNS-update report',
    from: 'code',
    flavours: UP,
    req: up('POST', '/dns/custom/www.example.com', '1.2.3.4'),
    want: ok('updated DNS: example.com\n'),
  },
  {
    ref: '§4.4.7',
    what: 'duplicate POST: OK',
    from: 'code',
    flavours: UP,
    seed: seedRecords({ qname: 'www.example.com', rtype: 'A', value: '1.2.3.4' }),
    req: up('POST', '/dns/custom/www.example.com', '1.2.3.4'),
    want: ok('OK'),
  },
  {
    ref: '§4.4.7',
    what: 'DELETE of a missing value: OK',
    from: 'code',
    flavours: UP,
    req: up('DELETE', '/dns/custom/www.example.com', '1.2.3.4'),
    want: ok('OK'),
  },
  {
    ref: '§4.4.7',
    what: '"local" is a valid A value; CNAME values gain a trailing dot',
    from: 'code',
    flavours: UP,
    req: async (ctx) => {
      await ctx.send(up('POST', '/dns/custom/www.example.com', 'local'));
      await ctx.send(up('POST', '/dns/custom/alias.example.com/CNAME', 'target.example.net'));
      return { path: '/dns/custom' };
    },
    want: {
      status: 200,
      check: (r) => {
        const rows = JSON.parse(r.body) as Array<{ qname: string; value: string }>;
        expect(rows.map((x) => [x.qname, x.value])).toEqual([
          ['www.example.com', 'local'],
          ['alias.example.com', 'target.example.net.'],
        ]);
      },
    },
  },
  {
    ref: '§4.4.7',
    what: 'PUT removes the other values of (qname, rtype)',
    from: 'code',
    flavours: UP,
    seed: seedRecords(
      { qname: 'www.example.com', rtype: 'A', value: '1.2.3.4' },
      { qname: 'www.example.com', rtype: 'A', value: '5.6.7.8' },
    ),
    req: async (ctx) => {
      const r = await ctx.send(up('PUT', '/dns/custom/www.example.com', '9.9.9.9'));
      expect(r.body).toBe('updated DNS: example.com\n');
      return { path: '/dns/custom/www.example.com' };
    },
    want: jsonOk([one('www.example.com', 'A', '9.9.9.9')]),
  },
  {
    ref: '§4.4.7',
    what: 'DELETE with an empty body removes every value',
    from: 'code',
    flavours: UP,
    seed: seedRecords(
      { qname: 'www.example.com', rtype: 'A', value: '1.2.3.4' },
      { qname: 'www.example.com', rtype: 'A', value: '5.6.7.8' },
    ),
    req: async (ctx) => {
      const r = await ctx.send(up('DELETE', '/dns/custom/www.example.com', ''));
      expect(r.body).toBe('updated DNS: example.com\n');
      return { path: '/dns/custom' };
    },
    want: { status: 200, body: '[]\n' },
  },
  {
    ref: '§4.4.7',
    what: 'a stored but unpublished record (PRIMARY_HOSTNAME\'s A) answers "Something isn\'t right."',
    from: 'code',
    flavours: UP,
    req: up('POST', '/dns/custom/box.example.com', '192.0.2.99'),
    want: ok("Something isn't right."),
  },
  {
    ref: '§4.4.7',
    what: 'a custom A replaces the default A of that name in the zone',
    from: 'code',
    flavours: UP,
    req: async (ctx) => {
      await ctx.send(up('POST', '/dns/custom/www.example.com', '192.0.2.99'));
      return { path: '/dns/zonefile/example.com' };
    },
    want: {
      status: 200,
      check: (r) => {
        expect(r.body).toMatch(/\nwww\tIN\tA\t192\.0\.2\.99\n/);
        expect(r.body).not.toMatch(/\nwww\tIN\tA\t203\.0\.113\.10\n/);
      },
    },
  },
  // §6.3.4 Power
  {
    ref: '§6.3.4',
    what: 'Power ignores the raw body: an A record reads as "no value" → silent OK',
    from: 'verified',
    flavours: POWER,
    req: async (ctx) => {
      const r = await ctx.send({
        ...up('POST', '/dns/custom/www.example.com', '1.2.3.4'),
        headers: { 'Content-Type': 'text/plain' },
      });
      expect([r.status, r.body]).toEqual([200, 'OK']);
      return { path: '/dns/custom' };
    },
    want: { status: 200, body: '[]\n' },
  },
  {
    ref: '§6.3.4',
    what: 'Power form value and ttl',
    from: 'code',
    flavours: POWER,
    req: async (ctx) => {
      const r = await ctx.send(pw('POST', '/dns/custom/www.example.com', { value: '1.2.3.4', ttl: '300' }));
      expect(r.body).toBe('updated DNS: example.com\n');
      return { path: '/dns/custom/www.example.com' };
    },
    want: jsonOk([one('www.example.com', 'A', '1.2.3.4', { ttl: 300 })]),
  },
  {
    ref: '§6.3.4',
    what: 'duplicate POST with a different TTL: OK, nothing changes',
    from: 'verified',
    flavours: POWER,
    seed: seedRecords({ qname: 'www.example.com', rtype: 'A', value: '1.2.3.4', ttl: 300 }),
    req: async (ctx) => {
      const r = await ctx.send(pw('POST', '/dns/custom/www.example.com', { value: '1.2.3.4', ttl: '600' }));
      expect([r.status, r.body]).toEqual([200, 'OK']);
      return { path: '/dns/custom/www.example.com' };
    },
    want: jsonOk([one('www.example.com', 'A', '1.2.3.4', { ttl: 300 })]),
  },
  {
    ref: '§6.3.4',
    what: 'PUT compares value and TTL',
    from: 'code',
    flavours: POWER,
    seed: seedRecords({ qname: 'www.example.com', rtype: 'A', value: '1.2.3.4', ttl: 300 }),
    req: async (ctx) => {
      const r = await ctx.send(pw('PUT', '/dns/custom/www.example.com', { value: '1.2.3.4', ttl: '600' }));
      expect(r.body).toBe('updated DNS: example.com\n');
      return { path: '/dns/custom/www.example.com' };
    },
    want: jsonOk([one('www.example.com', 'A', '1.2.3.4', { ttl: 600 })]),
  },
  {
    ref: '§6.3.4',
    what: 'TTLs are clamped to 30 … 2592000; an unparseable ttl is no TTL',
    from: 'code',
    flavours: POWER,
    req: async (ctx) => {
      await ctx.send(pw('POST', '/dns/custom/a.example.com/TXT', { value: 'low', ttl: '5' }));
      await ctx.send(pw('POST', '/dns/custom/b.example.com/TXT', { value: 'high', ttl: '99999999' }));
      await ctx.send(pw('POST', '/dns/custom/c.example.com/TXT', { value: 'none', ttl: 'soon' }));
      return { path: '/dns/custom' };
    },
    want: {
      status: 200,
      check: (r) => {
        const rows = JSON.parse(r.body) as Array<{ value: string; ttl: number | null }>;
        expect(rows.map((x) => [x.value, x.ttl])).toEqual([
          ['low', 30],
          ['high', 2592000],
          ['none', null],
        ]);
      },
    },
  },
  {
    ref: '§6.3.4',
    what: 'Power DELETE without value removes every value',
    from: 'code',
    flavours: POWER,
    seed: seedRecords(
      { qname: 'www.example.com', rtype: 'A', value: '1.2.3.4' },
      { qname: 'www.example.com', rtype: 'A', value: '5.6.7.8' },
    ),
    req: pw('DELETE', '/dns/custom/www.example.com', {}),
    want: ok('updated DNS: example.com\n'),
  },
  {
    ref: '§6.3.4',
    what: 'Power: empty TXT value → 400',
    from: 'code',
    flavours: POWER,
    req: pw('POST', '/dns/custom/www.example.com/TXT', { value: '' }),
    want: bad('No value for the record provided.'),
  },
  // §4.4.8 / §4.4.9
  {
    ref: '§4.4.8',
    what: 'dump: [zone, records] pairs; the verified A and MX records of example.com',
    from: 'verified',
    flavours: UP,
    req: { path: '/dns/dump' },
    want: {
      status: 200,
      type: JSON_TYPE,
      check: (r) => {
        const dump = JSON.parse(r.body) as Array<[string, Array<Record<string, string>>]>;
        expect(dump.map((z) => z[0])).toEqual(['example.com']);
        const records = dump[0]?.[1] ?? [];
        expect(records).toContainEqual({
          explanation:
            'Required. May have a different value. Sets the IP address that example.com resolves to for web hosting and other services besides mail. The A record must be present but its value does not affect mail delivery.',
          qname: 'example.com',
          rtype: 'A',
          value: '203.0.113.10',
        });
        expect(records).toContainEqual({
          explanation: 'Required. Specifies the hostname (and priority) of the machine that handles @example.com mail.',
          qname: 'example.com',
          rtype: 'MX',
          value: '10 box.example.com.',
        });
        const rank = (e: string): number => (e.startsWith('Required.') ? 0 : e.startsWith('Recommended.') ? 1 : 2);
        const ranks = records.map((x) => rank(x['explanation'] ?? ''));
        expect(ranks).toEqual([...ranks].sort());
        expect(records.some((x) => x['rtype'] === 'NS')).toBe(false);
      },
    },
  },
  {
    ref: '§4.4.8',
    what: "dump: PRIMARY_HOSTNAME's SSHFP records, one per sshd host key, SHA-256, Optional",
    from: 'code',
    req: { path: '/dns/dump' },
    want: {
      status: 200,
      type: JSON_TYPE,
      check: (r) => {
        const dump = JSON.parse(r.body) as Array<[string, Array<Record<string, string>>]>;
        const sshfp = (dump[0]?.[1] ?? []).filter((x) => x['rtype'] === 'SSHFP');
        expect(sshfp.map((x) => [x['qname'], x['value']])).toEqual([
          ['box.example.com', expect.stringMatching(/^3 2 \( [0-9A-F]{64} \)$/)],
          ['box.example.com', expect.stringMatching(/^4 2 \( [0-9A-F]{64} \)$/)],
        ]);
        expect(sshfp.every((x) => x['explanation']?.startsWith('Optional. Provides an out-of-band method'))).toBe(true);
      },
    },
  },
  {
    ref: '§4.4/§4.12',
    what: 'removing the last user of a domain: only the nsd zone list changed ("DNS configuration")',
    from: 'verified',
    admin: false,
    seed: (s) => {
      addUser(s, { email: 'me@box.example.com', password: 'correct horse', privileges: ['admin'] });
      s.aliases.push({
        source: 'administrator@box.example.com',
        destination: 'me@box.example.com',
        permittedSenders: null,
      });
    },
    req: async (ctx) => {
      const add = await ctx.send({
        path: '/mail/users/add',
        form: { email: 'a@example.com', password: 'long enough 1' },
      });
      expect(add.body).toContain('updated DNS: example.com\n');
      return { path: '/mail/users/remove', form: { email: 'a@example.com' } };
    },
    want: ok(/^mail user removed\nupdated DNS: DNS configuration\n(web updated\n)?$/),
  },
  {
    ref: '§4.4.9',
    what: 'zone file: text/plain, $ORIGIN, $TTL 86400, serial YYYYMMDDnn, DNSSEC keys hash comment',
    from: 'code',
    req: { path: '/dns/zonefile/example.com' },
    want: {
      status: 200,
      type: PLAIN,
      body: /^\n?\$ORIGIN example\.com\.\n\$TTL 86400 [^\n]*\n[\s\S]*\d{10}\s+; serial number[\s\S]*\n; DNSSEC signing keys hash: [^\n]+\n$/,
    },
  },
  {
    ref: '§4.4.9/§6.2',
    what: 'upstream: a name that is not a zone → 500 HTML',
    from: 'verified',
    flavours: UP,
    req: { path: '/dns/zonefile/nope.com' },
    want: html500,
  },
  {
    ref: '§6.2',
    what: 'Power: a name that is not a zone → 401 with the ValueError text',
    from: 'verified',
    flavours: POWER,
    req: { path: '/dns/zonefile/nope.com' },
    want: unauthorized('nope.com is not a domain name that corresponds to a zone.'),
  },
];
