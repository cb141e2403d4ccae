/**
 * `boxfleet dns check` end to end: an emulated box over real SSH says what it intends (dump, DS files, addresses),
 * real nsd on loopback stands in for the world (parent zone, the box's nameserver serving the box's own zone files
 * and keys, a resolver), and BOXFLEET_DNS_PORT points the check at them. Exit 0 when the world matches, 1 with drift.
 */
import { main } from '../../src-main/cli/main';
import type { CheckReport } from '../../src-shared/contract/dns';
import { addUser, zoneNames } from '../emulator';
import { captureIo } from '../helpers/capture-io';
import { startCliBed, type CliBed } from '../helpers/cli-testbed';
import { suiteBed } from '../helpers/suite-bed';
import { BOX_ADDRESS, HOSTNAME, servedZones, startWorld, type Drift, type World } from '../harness/dns-world';

jest.setTimeout(180_000);

const bed = suiteBed(() =>
  startCliBed({
    boxes: [
      {
        flavour: 'upstream',
        hostname: HOSTNAME,
        admin: { email: 'me@example.test', password: 'correct-horse-1' },
        seed: (state) => {
          // The box's PUBLIC_IP is where the test's nameserver for it listens.
          state.publicIp = BOX_ADDRESS;
          addUser(state, { email: 'alice@other.test', password: 'alice-password-1' });
        },
        passwordAuth: true,
      },
    ],
    system: true,
  }),
);

let dataDir = '';

beforeAll(async () => {
  const b = bed();
  dataDir = await b.freshDataDir();
  const { privateKeyPath, hostKeyFingerprint, user } = b.box.profile;
  const added = await b.cli([
    ...['box', 'add', 'dnsbox', ...b.target(user, b.box)],
    ...['--key', privateKeyPath, '--accept-host-key', hostKeyFingerprint],
  ]);
  if (added.code !== 0) throw new Error(`box add: ${added.err}`);
});

async function world(b: CliBed, drift: Drift = {}): Promise<World> {
  const emu = b.box.emulator.box;
  const zones = await servedZones(b.box.root, emu.storageDir, zoneNames(emu.state));
  return startWorld(
    {
      hostname: HOSTNAME,
      ipv6: null,
      zones,
      nameservers: [`ns1.${HOSTNAME}`, `ns2.${HOSTNAME}`],
      secondaries: [],
    },
    drift,
  );
}

/** The CLI in-process with the test bed's nameserver port, as `BOXFLEET_DNS_PORT=... boxfleet ...` would run. */
async function dnsCheck(w: World, ...extra: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(
    ['--data-dir', dataDir, 'dns', 'check', '--box', 'dnsbox', '--resolver', w.resolver, ...extra],
    io,
    {
      BOXFLEET_DNS_PORT: String(w.port),
    },
  );
  return { code, out: io.stdout, err: io.stderr };
}

test('a world that serves what the box intends: exit 0, every zone right', async () => {
  const w = await world(bed());
  try {
    const text = await dnsCheck(w);
    expect(text).toMatchObject({ code: 0, err: '' });
    expect(text.out).toMatch(/^dnsbox example\.test: 0 wrong, 0 unknown, \d+ right$/m);
    expect(text.out).toMatch(/^dnsbox other\.test: 0 wrong, 0 unknown, \d+ right$/m);
    expect(text.out).toMatch(/All right/);

    const json = await dnsCheck(w, '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as CheckReport;
    expect(report.resolvers).toEqual([w.resolver]);
    const findings = report.boxes.flatMap((box) => box.zones.flatMap((z) => z.findings));
    expect(findings.filter((f) => f.status !== 'ok')).toEqual([]);
    expect(new Set(findings.map((f) => f.area))).toEqual(
      new Set(['records', 'delegation', 'dnssec', 'reverse', 'mx', 'spf', 'dkim', 'dmarc', 'tlsa']),
    );
  } finally {
    await w.stop();
  }
});

test('drift: exit 1, and the text names what is wrong and where it was asked', async () => {
  const w = await world(bed(), {
    boxZone: (zone, text) =>
      zone === 'other.test' ? text.replace(/^www\tIN\tA\t127\.0\.0\.11$/m, 'www\tIN\tA\t127.0.0.99') : text,
    wrongDs: ['example.test'],
  });
  try {
    const text = await dnsCheck(w);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/^dnsbox other\.test: 2 wrong, 0 unknown/m);
    expect(text.out).toMatch(/www\.other\.test A/);
    expect(text.out).toContain(`127.0.0.11:${w.port}`);
    expect(text.out).toMatch(/^dnsbox example\.test: 1 wrong, 0 unknown/m);
    expect(text.out).toMatch(/Something is wrong/);

    const json = await dnsCheck(w, '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as CheckReport;
    const problems = report.boxes
      .flatMap((box) => box.zones.flatMap((z) => z.findings))
      .filter((f) => f.status === 'problem')
      .map((f) => `${f.area} ${f.kind ?? ''} ${f.name} ${f.rtype} ${f.askedFrom.role}`)
      .sort();
    expect(problems).toEqual([
      'dnssec mismatch example.test DS parent',
      'records different www.other.test A box',
      'records different www.other.test A resolver',
    ]);
  } finally {
    await w.stop();
  }
});
