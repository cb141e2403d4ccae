/**
 * Custom DNS through the core, as the window calls it, against emulated boxes of both flavours over real SSH: every
 * record type listed, added, set and removed in the flavour's encoding, TTLs on Power (and explained on upstream),
 * and every refusal of §4.4.7 in the box's own words, both when Boxfleet finds it first and when the box is asked.
 */
import type { CustomRecord, DnsCapabilities } from '../../src-shared/contract/dns';
import type { DnsRecordType } from '../../src-shared/domain/miab';
import { addUser } from '../emulator';
import { suiteBed } from '../helpers/suite-bed';
import { MAIL_ADMIN, startMailBed, type MailBed } from './mailboxes-helpers';

jest.setTimeout(180_000);

const seed = (state: Parameters<typeof addUser>[0]): void => {
  addUser(state, { email: 'alice@example.com', password: 'alice-password-1' });
};

const bed = suiteBed(() =>
  startMailBed(
    [
      { name: 'up', flavour: 'upstream', hostname: 'box.example.com', admin: MAIL_ADMIN, seed },
      { name: 'pw', flavour: 'power', hostname: 'pw.example.net', admin: MAIL_ADMIN, seed },
    ],
    { system: true },
  ),
);

const FLAVOURS = [
  ['up', 'upstream'],
  ['pw', 'power'],
] as const;

const list = (b: MailBed, box: string) => b.call<CustomRecord[]>('dns.custom.list', { boxId: b.id(box) });
const of = (records: CustomRecord[], qname: string, rtype: string) =>
  records.filter((r) => r.qname === qname && r.rtype === rtype).map((r) => r.value);

/** The box client itself, without Boxfleet's checks: what the box answers. */
async function raw(b: MailBed, box: string) {
  const api = await b.core.boxes.api(b.id(box));
  if (!api.ok) throw new Error(api.error.message);
  return api.value.routes.dns;
}

const SSHFP = '4 2 ' + 'ab'.repeat(32);
const LONG_TXT = 'v=DKIM1; k=rsa; p=' + 'A'.repeat(400);

describe.each(FLAVOURS)('custom records on %s (%s)', (box, flavour) => {
  test('capabilities: the zones, and TTLs on Power only, with the reason upstream', async () => {
    const caps = await bed().call<DnsCapabilities>('dns.capabilities', { boxId: bed().id(box) });
    expect(caps.flavour).toBe(flavour);
    expect(caps.zones).toContain('example.com');
    if (flavour === 'power') expect(caps).toMatchObject({ ttl: true, ttlAbsentReason: null });
    else expect(caps).toMatchObject({ ttl: false, ttlAbsentReason: expect.stringContaining('Power') });
  });

  test.each([
    ['A', 'a.example.com', '192.0.2.1', '192.0.2.1'],
    ['AAAA', 'a.example.com', '2001:db8::1', '2001:db8::1'],
    ['CAA', 'example.com', '0 issue "letsencrypt.org"', '0 issue "letsencrypt.org"'],
    ['CNAME', 'www2.example.com', 'pages.example.net', 'pages.example.net.'],
    ['MX', 'lists.example.com', '20 mx.example.net.', '20 mx.example.net.'],
    ['NS', 'sub.example.com', 'ns.other.example.net', 'ns.other.example.net.'],
    ['SRV', '_sip._tcp.example.com', '10 20 5060 sip.example.com.', '10 20 5060 sip.example.com.'],
    ['SSHFP', 'host.example.com', SSHFP, SSHFP],
    ['TXT', 'long.example.com', LONG_TXT, LONG_TXT],
  ] as const)('%s: add, list, remove', async (rtype, qname, value, stored) => {
    const b = bed();
    const boxId = b.id(box);
    const added = await b.call<{ report: string }>('dns.custom.add', { boxId, qname, rtype, value });
    expect(added.report).toMatch(/^updated DNS: /);
    const records = await list(b, box);
    expect(records).toContainEqual(
      expect.objectContaining({ qname, rtype, value: stored, ttl: null, zone: 'example.com' }),
    );
    const again = await b.call<{ report: string }>('dns.custom.add', { boxId, qname, rtype, value });
    expect(again.report).toBe('OK');
    await b.call('dns.custom.remove', { boxId, qname, rtype, value });
    expect(of(await list(b, box), qname, rtype)).toEqual([]);
  });

  test('a long TXT goes out as one value; the zone file holds it as strings of at most 255', async () => {
    const b = bed();
    await b.call('dns.custom.add', { boxId: b.id(box), qname: 'long.example.com', rtype: 'TXT', value: LONG_TXT });
    const zone = await b.call<{ text: string }>('dns.zonefile', { boxId: b.id(box), zone: 'example.com' });
    expect(zone.text).toContain(`long\tIN\tTXT\t"${LONG_TXT.slice(0, 255)}" "${LONG_TXT.slice(255)}"`);
    // Pasted in zone-file form, the same text is the same record: nothing new is added.
    const pasted = `"${LONG_TXT.slice(0, 255)}" "${LONG_TXT.slice(255)}"`;
    const again = await b.call<{ report: string }>('dns.custom.add', {
      boxId: b.id(box),
      qname: 'long.example.com',
      rtype: 'TXT',
      value: pasted,
    });
    expect(again.report).toBe('OK');
    await b.call('dns.custom.remove', { boxId: b.id(box), qname: 'long.example.com', rtype: 'TXT' });
  });

  test('set replaces every value of the name and type; remove without a value removes them all', async () => {
    const b = bed();
    const boxId = b.id(box);
    const qname = 'rr.example.com';
    for (const value of ['192.0.2.10', '192.0.2.11'])
      await b.call('dns.custom.add', { boxId, qname, rtype: 'A', value });
    expect(of(await list(b, box), qname, 'A')).toEqual(['192.0.2.10', '192.0.2.11']);
    await b.call('dns.custom.set', { boxId, qname, rtype: 'A', value: '192.0.2.12' });
    expect(of(await list(b, box), qname, 'A')).toEqual(['192.0.2.12']);
    await b.call('dns.custom.add', { boxId, qname, rtype: 'A', value: 'local' });
    await b.call('dns.custom.remove', { boxId, qname, rtype: 'A' });
    expect(of(await list(b, box), qname, 'A')).toEqual([]);
  });

  test('names are sent as the box stores them (lowercase, no final dot); both sort orders are listed', async () => {
    const b = bed();
    const boxId = b.id(box);
    await b.call('dns.custom.add', { boxId, qname: 'Zeta.Example.COM.', rtype: 'TXT', value: 'z' });
    await b.call('dns.custom.add', { boxId, qname: 'alpha.example.com', rtype: 'TXT', value: 'a' });
    const records = await list(b, box);
    const zeta = records.find((r) => r.qname === 'zeta.example.com');
    const alpha = records.find((r) => r.qname === 'alpha.example.com');
    expect(zeta && alpha).toBeTruthy();
    expect((zeta?.created ?? 0) < (alpha?.created ?? 0)).toBe(true);
    expect((alpha?.byName ?? 0) < (zeta?.byName ?? 0)).toBe(true);
    await b.call('dns.custom.remove', { boxId, qname: 'zeta.example.com', rtype: 'TXT' });
    await b.call('dns.custom.remove', { boxId, qname: 'alpha.example.com', rtype: 'TXT' });
  });

  if (flavour === 'power') {
    test('TTL: stored with the record and listed; set with another TTL replaces it', async () => {
      const b = bed();
      const boxId = b.id(box);
      await b.call('dns.custom.add', { boxId, qname: 'ttl.example.com', rtype: 'A', value: '192.0.2.20', ttl: 300 });
      expect(await list(b, box)).toContainEqual(
        expect.objectContaining({ qname: 'ttl.example.com', value: '192.0.2.20', ttl: 300 }),
      );
      await b.call('dns.custom.set', { boxId, qname: 'ttl.example.com', rtype: 'A', value: '192.0.2.20', ttl: 3600 });
      expect((await list(b, box)).filter((r) => r.qname === 'ttl.example.com').map((r) => r.ttl)).toEqual([3600]);
      const zone = await b.call<{ text: string }>('dns.zonefile', { boxId, zone: 'example.com' });
      expect(zone.text).toContain('ttl\t3600\tIN\tA\t192.0.2.20');
      await b.call('dns.custom.remove', { boxId, qname: 'ttl.example.com', rtype: 'A' });
    });
  } else {
    test('TTL: not supported, and it says why; nothing is sent', async () => {
      const b = bed();
      const error = await b.refusal('dns.custom.add', {
        boxId: b.id(box),
        qname: 'ttl.example.com',
        rtype: 'A',
        value: '192.0.2.20',
        ttl: 300,
      });
      expect(error).toMatchObject({ code: 'not-supported', message: expect.stringContaining('Power Mail-in-a-Box') });
      expect(of(await list(b, box), 'ttl.example.com', 'A')).toEqual([]);
    });
  }

  // §4.4.7's table: [rtype, qname, value, the box's text].
  const REFUSALS: Array<[DnsRecordType, string, string, string]> = [
    [
      'A',
      'x.example.org',
      '192.0.2.1',
      'x.example.org is not a domain name or a subdomain of a domain name managed by this box.',
    ],
    ['A', 'bad..example.com', '192.0.2.1', 'Invalid name.'],
    ['A', 'v6.example.com', '2001:db8::1', "That's an IPv6 address."],
    ['AAAA', 'v4.example.com', '192.0.2.1', "That's an IPv4 address."],
    ['A', 'x.example.com', 'not-an-ip', "'not-an-ip' does not appear to be an IPv4 or IPv6 address"],
    ['NS', 'example.com', 'ns.example.net', 'NS records can only be set for subdomains.'],
    ['CNAME', 'c.example.com', 'bad name', 'Invalid value.'],
  ];

  test.each(REFUSALS)(
    '%s %s %s: refused with the box text, before sending and by the box',
    async (rtype, qname, value, text) => {
      const b = bed();
      const error = await b.refusal('dns.custom.add', { boxId: b.id(box), qname, rtype, value });
      expect(error).toMatchObject({ code: 'validation', message: text });
      const answer = await (await raw(b, box)).customAdd({ qname, rtype, value });
      expect(answer).toMatchObject({ ok: false, error: { code: 'box-api-error', message: text } });
    },
  );

  test("the box's texts for an unknown type and a missing value", async () => {
    const b = bed();
    const answer = await (
      await raw(b, box)
    ).customAdd({
      qname: 'x.example.com',
      rtype: 'HINFO' as DnsRecordType,
      value: 'x',
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'box-api-error', message: "Unknown record type 'HINFO'." },
    });
    const empty = await b.refusal('dns.custom.add', {
      boxId: b.id(box),
      qname: 'x.example.com',
      rtype: 'TXT',
      value: ' ',
    });
    expect(empty).toMatchObject({ code: 'validation', message: 'No value for the record provided.' });
    expect(of(await list(b, box), 'x.example.com', 'TXT')).toEqual([]);
  });

  test("Boxfleet's own checks for the types the box publishes as typed", async () => {
    const b = bed();
    for (const [rtype, value] of [
      ['MX', 'mx.example.net'],
      ['SRV', '10 sip.example.com.'],
      ['SSHFP', '4 2 abc'],
      ['CAA', '0 issue letsencrypt.org'],
    ] as const) {
      const error = await b.refusal('dns.custom.add', { boxId: b.id(box), qname: 'y.example.com', rtype, value });
      expect(error).toMatchObject({ code: 'validation', detail: { field: 'value' } });
    }
    expect((await list(b, box)).filter((r) => r.qname === 'y.example.com')).toEqual([]);
  });
});
