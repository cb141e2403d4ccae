import {
  expandIpv6,
  normaliseIntended,
  normaliseName,
  normaliseServed,
  resolvedAnswers,
  reverseName,
} from '../../../src-main/dns/check/normalise';
import { compareSet, recordSets } from '../../../src-main/dns/check/records';
import { parseResolver, parseResolvers } from '../../../src-main/dns/check/resolvers';
import type { Server } from '../../../src-main/dns/check/dns-client';

const BOX: Server = { role: 'box', name: 'ns1.box.example.com', address: '203.0.113.10', port: 53 };

describe('normalising what the box intends and what a server serves', () => {
  test('names: case and the final dot do not matter', () => {
    expect(normaliseName('Box.Example.COM.')).toBe('box.example.com');
    expect(normaliseName('.')).toBe('.');
  });

  test('addresses: every IPv6 spelling compares equal; reverse names', () => {
    expect(expandIpv6('2001:DB8::1')).toBe(expandIpv6('2001:0db8:0:0:0:0:0:0001'));
    expect(expandIpv6('::ffff:1.2.3.4')).toBe('0000:0000:0000:0000:0000:ffff:0102:0304');
    expect(reverseName('203.0.113.10')).toBe('10.113.0.203.in-addr.arpa');
    expect(reverseName('2001:db8::1')).toBe(`1.${'0.'.repeat(23)}8.b.d.0.1.0.0.2.ip6.arpa`);
  });

  test('MX, SRV, CAA, SSHFP, TLSA: spacing, case, final dots, quotes and parentheses', () => {
    expect(normaliseIntended('MX', '10  Box.Example.com.')).toBe('10 box.example.com');
    expect(normaliseServed({ type: 'MX', name: 'x', data: { preference: 10, exchange: 'box.example.com' } })).toBe(
      '10 box.example.com',
    );
    expect(normaliseIntended('SRV', '0 0 443 box.example.com.')).toBe('0 0 443 box.example.com');
    expect(
      normaliseServed({
        type: 'SRV',
        name: 'x',
        data: { priority: 0, weight: 0, port: 443, target: 'box.example.com' },
      }),
    ).toBe('0 0 443 box.example.com');
    expect(normaliseIntended('CAA', '0 issue "letsencrypt.org"')).toBe('0 issue letsencrypt.org');
    expect(
      normaliseServed({ type: 'CAA', name: 'x', data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } }),
    ).toBe('0 issue letsencrypt.org');
    expect(normaliseIntended('SSHFP', '4 2 ( ABCDEF0123 )')).toBe('4 2 abcdef0123');
    expect(normaliseIntended('TLSA', '3 1 1 ABCD')).toBe('3 1 1 abcd');
  });

  test('TXT: the strings of a served record are joined into the one value the box intends', () => {
    const long = 'v=DKIM1; p=' + 'A'.repeat(400);
    const served = normaliseServed({
      type: 'TXT',
      name: 'mail._domainkey.example.com',
      data: [Buffer.from(long.slice(0, 255)), Buffer.from(long.slice(255))],
    });
    expect(served).toBe(normaliseIntended('TXT', long));
  });
});

describe('following CNAMEs in an answer', () => {
  test('an RFC 2317 PTR and a DKIM key kept at a provider are found at the end of the chain', () => {
    const ptr = resolvedAnswers(
      [
        { type: 'CNAME', name: '10.113.0.203.in-addr.arpa', data: '10.0-25.113.0.203.in-addr.arpa' },
        { type: 'PTR', name: '10.0-25.113.0.203.in-addr.arpa', data: 'box.example.com' },
      ],
      '10.113.0.203.in-addr.arpa.',
      'PTR',
    );
    expect(ptr.map(normaliseServed)).toEqual(['box.example.com']);
    const loop = resolvedAnswers(
      [
        { type: 'CNAME', name: 'a.example.com', data: 'b.example.com' },
        { type: 'CNAME', name: 'b.example.com', data: 'a.example.com' },
      ],
      'a.example.com',
      'TXT',
    );
    expect(loop).toEqual([]);
  });
});

describe('comparing one record set', () => {
  const sets = recordSets([
    { qname: 'example.com', rtype: 'MX', value: '10 box.example.com.', explanation: '' },
    { qname: 'Example.com', rtype: 'mx', value: '10 box.example.com', explanation: '' },
    { qname: 'www.example.com', rtype: 'A', value: '203.0.113.10', explanation: '' },
  ]);

  test('groups by name and type, without duplicates', () => {
    expect(sets).toEqual([
      { name: 'example.com', rtype: 'MX', intended: ['10 box.example.com'] },
      { name: 'www.example.com', rtype: 'A', intended: ['203.0.113.10'] },
    ]);
  });

  test('missing, extra, different, or nothing', () => {
    const [mx, a] = sets as [NonNullable<(typeof sets)[0]>, NonNullable<(typeof sets)[0]>];
    expect(compareSet(mx, ['10 box.example.com'], BOX)).toBeNull();
    expect(compareSet(mx, [], BOX)).toMatchObject({ status: 'problem', kind: 'missing', askedFrom: BOX });
    expect(compareSet(mx, ['10 box.example.com', '20 mx.other.net'], BOX)).toMatchObject({
      kind: 'extra',
      actual: ['10 box.example.com', '20 mx.other.net'],
    });
    expect(compareSet(a, ['198.51.100.1'], BOX)).toMatchObject({
      kind: 'different',
      expected: ['203.0.113.10'],
      actual: ['198.51.100.1'],
    });
  });
});

describe('resolvers as typed', () => {
  test('IPv4 and IPv6, with and without a port', () => {
    expect(parseResolver('1.1.1.1', 53)).toMatchObject({ ok: true, value: { address: '1.1.1.1', port: 53 } });
    expect(parseResolver('127.0.0.12:5353', 53)).toMatchObject({ value: { address: '127.0.0.12', port: 5353 } });
    expect(parseResolver('2606:4700::1111', 53)).toMatchObject({ value: { address: '2606:4700::1111', port: 53 } });
    expect(parseResolver('[2606:4700::1111]:5300', 53)).toMatchObject({
      value: { address: '2606:4700::1111', port: 5300, name: '[2606:4700::1111]:5300' },
    });
  });

  test('anything else is refused, and duplicates are asked once', () => {
    expect(parseResolver('dns.google', 53)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(parseResolver('1.1.1.1:0', 53)).toMatchObject({ ok: false });
    expect(parseResolvers(['1.1.1.1', '1.1.1.1:53'], 53)).toMatchObject({ ok: true, value: [{ address: '1.1.1.1' }] });
  });
});
