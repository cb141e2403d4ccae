/**
 * Secondary nameservers, External DNS (the dump), zone files and the registrar's delegation facts, through the core
 * against emulated boxes of both flavours over real SSH. The DS records are read where a box keeps them
 * (/etc/nsd/zones/<zone>.txt.ds, in the box sshd's mount namespace) and checked against a computation of their own
 * from the key file, and the root-only KSK is read through the one sudo rule Boxfleet names.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ZoneDelegation, ZoneRecords } from '../../src-shared/contract/dns';
import { addUser } from '../emulator';
import { suiteBed } from '../helpers/suite-bed';
import { grantApiKeyRead } from '../harness/sudoers';
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
  ['up', 'upstream', 0],
  ['pw', 'power', 1],
] as const;

/** RFC 4034 §5.1.4 written out here, apart from the emulator's: SHA-x(owner in wire form | DNSKEY RDATA). */
function expectedDigest(zone: string, keyLine: string, digestType: number): { tag: number; digest: string } {
  const [flags, protocol, alg, key] = (keyLine.split('\t')[3] ?? '').split(' ');
  const rdata = Buffer.concat([
    Buffer.from([Number(flags) >> 8, Number(flags) & 0xff, Number(protocol), Number(alg)]),
    Buffer.from(key ?? '', 'base64'),
  ]);
  const owner = Buffer.concat([
    ...zone.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)])),
    Buffer.from([0]),
  ]);
  const hash = { 1: 'sha1', 2: 'sha256', 4: 'sha384' }[digestType] ?? 'none';
  let sum = 0;
  rdata.forEach((byte, i) => (sum += i % 2 === 0 ? byte << 8 : byte));
  const tag = (sum + ((sum >> 16) & 0xffff)) & 0xffff;
  return { tag, digest: createHash(hash).update(owner).update(rdata).digest('hex').toUpperCase() };
}

function kskLine(b: MailBed, index: number, algName: string): { file: string; line: string } {
  const storage = b.testbed.box(index).emulator.box.storageDir;
  const conf = fs.readFileSync(path.join(storage, 'dns', 'dnssec', `${algName}.conf`), 'utf8');
  const base = /^KSK=(.+)$/m.exec(conf)?.[1] ?? '';
  const file = path.join(storage, 'dns', 'dnssec', `${base}.key`);
  return { file, line: fs.readFileSync(file, 'utf8') };
}

describe.each(FLAVOURS)('External DNS on %s (%s)', (box, _flavour, index) => {
  test('secondary nameservers: set hostnames and xfr: entries, read them back in order, clear them', async () => {
    const b = bed();
    const boxId = b.id(box);
    expect(await b.call('dns.secondary.get', { boxId })).toEqual({ entries: [] });
    const set = await b.call<{ report: string }>('dns.secondary.set', {
      boxId,
      entries: ['localhost', 'xfr:10.0.0.0/8, xfr:2001:db8::5'],
    });
    expect(set.report).toMatch(/^updated DNS: /);
    expect(await b.call('dns.secondary.get', { boxId })).toEqual({
      entries: ['localhost', 'xfr:10.0.0.0/8', 'xfr:2001:db8::5'],
    });
    const delegation = await b.call<ZoneDelegation[]>('dns.delegation', { boxId });
    // xfr: entries only allow transfers: they are not nameservers of the zone.
    expect(delegation[0]?.nameservers.slice(2)).toEqual(['localhost']);
    await b.call('dns.secondary.set', { boxId, entries: [] });
    expect(await b.call('dns.secondary.get', { boxId })).toEqual({ entries: [] });
  });

  test("secondary nameservers: the box's two refusals, verbatim", async () => {
    const b = bed();
    const boxId = b.id(box);
    const unresolved = await b.refusal('dns.secondary.set', { boxId, entries: ['ns.nothing.invalid'] });
    expect(unresolved).toMatchObject({
      code: 'box-api-error',
      message: 'Could not resolve the IP address of ns.nothing.invalid.',
    });
    const subnet = await b.refusal('dns.secondary.set', { boxId, entries: ['xfr:10.0.0.1/8'] });
    expect(subnet).toMatchObject({
      code: 'validation',
      message: "'10.0.0.1/8' is not an IPv4 or IPv6 address or subnet.",
    });
    const api = await b.core.boxes.api(boxId);
    if (!api.ok) throw new Error(api.error.message);
    expect(await api.value.routes.dns.setSecondaryNameservers(['xfr:nonsense'])).toMatchObject({
      ok: false,
      error: { code: 'box-api-error', message: "'nonsense' is not an IPv4 or IPv6 address or subnet." },
    });
    expect(await b.call('dns.secondary.get', { boxId })).toEqual({ entries: [] });
  });

  test('dump: the records the box wants published, per zone, in its order', async () => {
    const b = bed();
    const hostname = b.testbed.box(index).hostname;
    const zones = await b.call<ZoneRecords[]>('dns.dump', { boxId: b.id(box) });
    const example = zones.find((z) => z.zone === 'example.com');
    expect(example?.records).toContainEqual(
      expect.objectContaining({ qname: 'example.com', rtype: 'MX', value: `10 ${hostname}.` }),
    );
    expect(example?.records[0]?.explanation).toMatch(/^Required\./);
  });

  test('zone file: the text the box serves, named <zone>.txt; an unknown zone is refused with the zones named', async () => {
    const b = bed();
    const file = await b.call<{ text: string; filename: string }>('dns.zonefile', {
      boxId: b.id(box),
      zone: 'example.com',
    });
    expect(file.filename).toBe('example.com.txt');
    expect(file.text).toContain('$ORIGIN example.com.');
    expect(file.text).toMatch(/\d{10}\s+; serial number/);
    const unknown = await b.refusal('dns.zonefile', { boxId: b.id(box), zone: 'example.org' });
    expect(unknown).toMatchObject({ code: 'not-found', message: expect.stringContaining('example.org is not a zone') });
    expect(unknown.message).toContain('example.com');
  });

  test('delegation: DS records as the box wrote them, equal to the digests of its KSKs, best first', async () => {
    const b = bed();
    const boxId = b.id(box);
    const delegation = await b.call<ZoneDelegation[]>('dns.delegation', { boxId });
    const zones = delegation.map((d) => d.zone);
    expect(zones).toContain('example.com');
    for (const zone of delegation) {
      expect(zone.ds.map((d) => [d.algorithmName, d.digestTypeName, d.rank])).toEqual([
        ['ECDSAP256SHA256', 'SHA-256', 0],
        ['RSASHA256', 'SHA-256', 1],
        ['ECDSAP256SHA256', 'SHA-384', 2],
        ['RSASHA256', 'SHA-384', 3],
        ['ECDSAP256SHA256', 'SHA-1', null],
        ['RSASHA256', 'SHA-1', null],
      ]);
      for (const ds of zone.ds) {
        const { line } = kskLine(b, index, ds.algorithmName);
        const expected = expectedDigest(zone.zone, line, ds.digestType);
        expect({ keyTag: ds.keyTag, digest: ds.digest }).toEqual({ keyTag: expected.tag, digest: expected.digest });
        expect(ds.record).toBe(
          `${zone.zone}.\t3600\tIN\tDS\t${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${ds.digest.toLowerCase()}`,
        );
      }
    }
  });

  test('delegation: nameservers everywhere, glue only for the zone that holds the box name', async () => {
    const b = bed();
    const hostname = b.testbed.box(index).hostname;
    const delegation = await b.call<ZoneDelegation[]>('dns.delegation', { boxId: b.id(box) });
    const home = hostname === 'box.example.com' ? 'example.com' : hostname;
    const { publicIp, publicIpv6 } = b.testbed.box(index).emulator.state;
    for (const zone of delegation) {
      expect(zone.nameservers).toEqual([`ns1.${hostname}`, `ns2.${hostname}`]);
      expect(zone.glue).toEqual(
        zone.zone === home
          ? [
              { host: `ns1.${hostname}`, ipv4: publicIp, ipv6: publicIpv6 || null },
              { host: `ns2.${hostname}`, ipv4: publicIp, ipv6: publicIpv6 || null },
            ]
          : [],
      );
    }
    expect(delegation.map((z) => z.zone)).toContain(home);
  });

  test("delegation: the KSK's public key through the sudo rule named when it is missing", async () => {
    const b = bed();
    const boxId = b.id(box);
    const { file, line } = kskLine(b, index, 'ECDSAP256SHA256');
    const without = await b.call<ZoneDelegation[]>('dns.delegation', { boxId });
    expect(without[0]?.publicKey).toBeNull();
    expect(without[0]?.problem).toContain(`bfadmin ALL=(root) NOPASSWD: /usr/bin/cat ${file}`);
    const grant = await grantApiKeyRead('bfadmin', file);
    try {
      const granted = await b.call<ZoneDelegation[]>('dns.delegation', { boxId });
      expect(granted[0]?.publicKey).toBe((line.split('\t')[3] ?? '').split(' ')[3]);
      expect(granted[0]?.problem).toBeNull();
    } finally {
      await grant.remove();
    }
  });
});
