/**
 * `boxfleet dns ...` against emulated boxes of both flavours over real SSH: custom records, secondary nameservers,
 * the dump, zone files and DS records, in text and JSON; the box's refusals verbatim on stderr (exit 1) and usage
 * errors (exit 2).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CustomRecord, ZoneDelegation, ZoneRecords } from '../../src-shared/contract/dns';
import { addUser } from '../emulator';
import { DEFAULT_CLI_BOX, startCliBed, type CliBed } from '../helpers/cli-testbed';
import { suiteBed } from '../helpers/suite-bed';
import { makeTempDir } from '../harness/temp';

jest.setTimeout(180_000);

const FLAVOURS = [
  ['up', 'upstream'],
  ['pw', 'power'],
] as const;

const seed = (state: Parameters<typeof addUser>[0]): void => {
  addUser(state, { email: 'alice@example.com', password: 'alice-password-1' });
};

async function startDnsCliBed(): Promise<CliBed> {
  const admin = DEFAULT_CLI_BOX.admin;
  const bed = await startCliBed({
    boxes: [
      { flavour: 'upstream', hostname: 'up.example.net', admin, seed },
      { flavour: 'power', hostname: 'pw.example.net', admin, seed },
    ],
    system: true,
  });
  try {
    for (const [i, [name]] of FLAVOURS.entries()) {
      const box = bed.testbed.box(i);
      const { privateKeyPath, hostKeyFingerprint, user } = box.profile;
      const added = await bed.cli([
        ...['box', 'add', name, ...bed.target(user, box)],
        ...['--key', privateKeyPath, '--accept-host-key', hostKeyFingerprint],
      ]);
      if (added.code !== 0) throw new Error(`box add ${name}: ${added.err}`);
    }
  } catch (error) {
    await bed.stop();
    throw error;
  }
  return bed;
}

const bed = suiteBed(startDnsCliBed);

async function records(box: string): Promise<CustomRecord[]> {
  const r = await bed().cli(['dns', 'list', '--box', box, '--json']);
  if (r.code !== 0) throw new Error(r.err);
  return JSON.parse(r.out) as CustomRecord[];
}

describe.each(FLAVOURS)('dns on %s (%s)', (box, flavour) => {
  test('add, list (text and JSON), set, remove one value and all', async () => {
    const cli = bed().cli;
    const added = await cli(['dns', 'add', '--box', box, 'www.example.com', 'txt', 'hello world']);
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toMatch(/^Added www\.example\.com TXT hello world\.\nupdated DNS: /);
    const again = await cli(['dns', 'add', '--box', box, 'www.example.com', 'TXT', 'hello world']);
    expect(again.out).toBe('www.example.com TXT hello world was already set; nothing changed.\n');
    await cli(['dns', 'add', '--box', box, 'www.example.com', 'TXT', 'second']);

    const text = await cli(['dns', 'list', '--box', box]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^QNAME\s+TYPE\s+VALUE\s+TTL\s+ZONE\n/);
    expect(text.out).toMatch(/www\.example\.com\s+TXT\s+hello world\s+default\s+example\.com\n/);
    expect((await records(box)).filter((r) => r.qname === 'www.example.com').map((r) => r.value)).toEqual([
      'hello world',
      'second',
    ]);

    const set = await cli(['dns', 'set', '--box', box, 'www.example.com', 'TXT', 'only', '--json']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out)).toMatchObject({ qname: 'www.example.com', rtype: 'TXT', value: 'only', ttl: null });
    expect((await records(box)).filter((r) => r.qname === 'www.example.com').map((r) => r.value)).toEqual(['only']);

    const removedOne = await cli(['dns', 'remove', '--box', box, 'www.example.com', 'TXT', 'only']);
    expect(removedOne).toMatchObject({ code: 0, err: '' });
    expect(removedOne.out).toMatch(/^Removed www\.example\.com TXT only\./);
    await cli(['dns', 'add', '--box', box, 'rr.example.com', 'A', '192.0.2.1']);
    await cli(['dns', 'add', '--box', box, 'rr.example.com', 'A', '192.0.2.2']);
    const removedAll = await cli(['dns', 'remove', '--box', box, 'rr.example.com', 'A']);
    expect(removedAll.out).toMatch(/^Removed every A record of rr\.example\.com\./);
    expect((await records(box)).filter((r) => ['www.example.com', 'rr.example.com'].includes(r.qname))).toEqual([]);
    const nothing = await cli(['dns', 'remove', '--box', box, 'rr.example.com', 'A']);
    expect(nothing.out).toBe(`There was no such record on ${box}; nothing changed.\n`);
  });

  test('--ttl on Power; on upstream refused with the reason (exit 1)', async () => {
    const r = await bed().cli(['dns', 'set', '--box', box, 'ttl.example.com', 'A', '192.0.2.5', '--ttl', '300']);
    if (flavour === 'power') {
      expect(r.code).toBe(0);
      expect(await records(box)).toContainEqual(expect.objectContaining({ qname: 'ttl.example.com', ttl: 300 }));
      const listed = await bed().cli(['dns', 'list', '--box', box]);
      expect(listed.out).toMatch(/ttl\.example\.com\s+A\s+192\.0\.2\.5\s+300\s+example\.com/);
      await bed().cli(['dns', 'remove', '--box', box, 'ttl.example.com', 'A']);
    } else {
      expect(r).toMatchObject({ code: 1, out: '' });
      expect(r.err).toBe(
        'boxfleet: Custom TTLs need Power Mail-in-a-Box; upstream Mail-in-a-Box always uses the zone default (one day).\n',
      );
    }
  });

  test.each([
    [
      ['x.example.org', 'A', '192.0.2.1'],
      'x.example.org is not a domain name or a subdomain of a domain name managed by this box.',
    ],
    [['v6.example.com', 'A', '2001:db8::1'], "That's an IPv6 address."],
    [['example.com', 'NS', 'ns.example.net'], 'NS records can only be set for subdomains.'],
    [['x.example.com', 'A', 'nope'], "'nope' does not appear to be an IPv4 or IPv6 address"],
  ])('refusal %j: the box text on stderr, exit 1', async (args, message) => {
    const r = await bed().cli(['dns', 'add', '--box', box, ...args]);
    expect(r).toEqual({ code: 1, out: '', err: `boxfleet: ${message}\n` });
  });

  test('secondary nameservers: set, print (text and JSON), clear', async () => {
    const cli = bed().cli;
    const set = await cli(['dns', 'secondary', '--box', box, 'localhost', 'xfr:10.0.0.0/8']);
    expect(set.code).toBe(0);
    expect(set.out).toMatch(/^Saved\.\nupdated DNS: .*\nlocalhost\nxfr:10\.0\.0\.0\/8\n$/);
    expect(await cli(['dns', 'secondary', '--box', box])).toEqual({
      code: 0,
      out: 'localhost\nxfr:10.0.0.0/8\n',
      err: '',
    });
    const json = await cli(['dns', 'secondary', '--box', box, '--json']);
    expect(JSON.parse(json.out)).toEqual({ box, entries: ['localhost', 'xfr:10.0.0.0/8'] });
    const refused = await cli(['dns', 'secondary', '--box', box, 'xfr:300.1.1.1']);
    expect(refused).toEqual({
      code: 1,
      out: '',
      err: "boxfleet: '300.1.1.1' is not an IPv4 or IPv6 address or subnet.\n",
    });
    const cleared = await cli(['dns', 'secondary', '--box', box, '--clear']);
    expect(cleared.out).toMatch(/^Cleared the secondary nameservers of /);
    expect((await cli(['dns', 'secondary', '--box', box])).out).toMatch(/has no secondary nameservers/);
  });

  test('zonefile to stdout and to a file; an unknown zone exits 1', async () => {
    const cli = bed().cli;
    const out = await cli(['dns', 'zonefile', '--box', box, 'example.com']);
    expect(out.code).toBe(0);
    expect(out.out).toContain('$ORIGIN example.com.');
    const dir = await makeTempDir('cli-dns');
    const file = join(dir, 'example.com.txt');
    const saved = await cli(['dns', 'zonefile', '--box', box, 'example.com', '-o', file]);
    expect(saved).toMatchObject({ code: 0, out: `Saved the zone file of example.com to ${file}.\n` });
    expect(await readFile(file, 'utf8')).toBe(out.out);
    const unknown = await cli(['dns', 'zonefile', '--box', box, 'example.org']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^boxfleet: example\.org is not a zone of this box\./);
  });

  test('dump in BIND syntax and JSON', async () => {
    const text = await bed().cli(['dns', 'dump', '--box', box]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('; example.com\n');
    expect(text.out).toMatch(/\nexample\.com\.\tIN\tMX\t10 \S+\.\n/);
    const json = await bed().cli(['dns', 'dump', '--box', box, '--json']);
    const zones = JSON.parse(json.out) as ZoneRecords[];
    expect(zones.map((z) => z.zone)).toContain('example.com');
  });

  test('ds: nameservers, glue and the DS records to offer, in text and JSON', async () => {
    const text = await bed().cli(['dns', 'ds', '--box', box]);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`Nameservers at the registrar: ns1.${box}.example.net, ns2.${box}.example.net\n`);
    expect(text.out).toMatch(
      /OPTION\s+KEY TAG\s+ALGORITHM\s+DIGEST TYPE\s+DIGEST\n1\s+\d+\s+13 \(ECDSAP256SHA256\)\s+2 \(SHA-256\)/,
    );
    expect(text.out).not.toContain('SHA-1)');
    expect(text.out).toContain('bfadmin ALL=(root) NOPASSWD: /usr/bin/cat ');
    const json = await bed().cli(['dns', 'ds', '--box', box, '--json']);
    const zones = JSON.parse(json.out) as ZoneDelegation[];
    expect(zones.find((z) => z.zone === 'example.com')?.ds).toHaveLength(6);
  });
});

describe('usage errors (exit 2)', () => {
  test.each([
    [['dns', 'add', '--box', 'up', 'x.example.com', 'HINFO', 'x']],
    [['dns', 'set', '--box', 'up', 'x.example.com', 'A', '192.0.2.1', '--ttl', 'soon']],
    [['dns', 'add', 'x.example.com', 'A', '192.0.2.1']],
    [['dns', 'remove', '--box', 'up', 'x.example.com']],
    [['dns', 'secondary', '--box', 'up', '--clear', 'ns.example.net']],
    [['dns', 'list', '--box', 'up', '--sort', 'size']],
    [['dns', 'zonefile', '--box', 'up', '--json', 'example.com']],
  ])('%j', async (args) => {
    const r = await bed().cli(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).not.toBe('');
  });
});
