/**
 * `boxfleet status`, `checks run|show` and `inventory` against emulated boxes behind real sshd, with per-box
 * system state: one box whose last backup is three days old, one whose certificate expires in 5 days, one down.
 */
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src-main/cli/main';
import type { StatusItem } from '../../src-shared/domain/miab';
import { captureIo } from '../helpers/capture-io';
import { restoreEnv, startKeyring, type Keyring } from '../harness/keyring';
import { runCommand } from '../harness/run-command';
import { removeTempDirs } from '../harness/temp';
import { startTestbed, type Testbed, type TestbedBox } from '../harness/testbed';

jest.setTimeout(180_000);

const DAY = 86_400_000;

let bed: Testbed;
let keyring: Keyring;
let restore: ReturnType<Keyring['apply']>;
let dataDir: string;
let started: Date;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['--data-dir', dataDir, ...args], io, {});
  return { code, out: io.stdout, err: io.stderr };
}

async function add(name: string, box: TestbedBox, tags: string[]): Promise<void> {
  const { host, port, apiPort, paths, user, privateKeyPath, hostKeyFingerprint } = box.profile;
  const added = await cli([
    ...['box', 'add', name, '--host', host, '--port', String(port), '--user', user],
    ...['--api-port', String(apiPort), '--api-key-file', paths.apiKey, '--conf-file', paths.conf],
    ...['--storage-root', paths.storageRoot, '--key', privateKeyPath, '--accept-host-key', hostKeyFingerprint],
    ...tags.flatMap((t) => ['--tag', t]),
  ]);
  if (added.code !== 0) throw new Error(`box add ${name}: ${added.err}`);
}

interface Row {
  name: string;
  reachable: boolean | null;
  reachability: string | null;
  flavour: string | null;
  version: string | null;
  rttMs: number | null;
  checks: { ok: number; warning: number; error: number; at: string } | null;
  disk: number | null;
  queue: number | null;
  backupAt: string | null;
  tlsSoonestExpiry: string | null;
  rebootRequired: boolean | null;
  updates: number | null;
}

const statusJson = async (...args: string[]): Promise<Row[]> => {
  const r = await cli(['status', '--json', ...args]);
  if (r.code !== 0) throw new Error(`status: ${r.err}`);
  return JSON.parse(r.out) as Row[];
};

beforeAll(async () => {
  keyring = await startKeyring();
  restore = keyring.apply();
  dataDir = await mkdtemp(join(tmpdir(), 'bf-fleet-cli-'));
  bed = await startTestbed({
    system: true,
    boxes: [
      { flavour: 'upstream', hostname: 'box1.example.com' },
      { flavour: 'power', hostname: 'box2.example.com' },
      { flavour: 'upstream', hostname: 'box3.example.com' },
    ],
  });
  started = new Date();
  await bed.box(0).setLastBackup(new Date(started.getTime() - 3 * DAY));
  bed.box(0).setCertificateExpiry(80);
  await bed.box(1).setLastBackup(new Date(started.getTime() - 6 * 3_600_000));
  bed.box(1).setCertificateExpiry(5);
  await bed.box(1).setSystemState({ queue: 4, rebootRequired: true, updates: 3 });
  await add('mail-ok', bed.box(0), ['prod', 'eu-west']);
  await add('mail-tls', bed.box(1), ['prod', 'power']);
  await add('mail-down', bed.box(2), ['staging']);
  await bed.box(2).sshd.stop();
});

afterAll(async () => {
  await bed?.stop();
  await keyring?.stop();
  if (restore) restoreEnv(restore);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  await removeTempDirs();
});

describe('boxfleet status', () => {
  it('shows the three states: backup three days old, certificate expiring in 5 days, one box down', async () => {
    const rows = await statusJson();
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect([...byName.keys()]).toEqual(['mail-down', 'mail-ok', 'mail-tls']);

    const ok = byName.get('mail-ok') as Row;
    expect(ok).toMatchObject({ reachable: true, reachability: 'up', flavour: 'upstream', version: 'v75', queue: 0 });
    expect(Date.parse(ok.backupAt ?? '')).toBeLessThanOrEqual(started.getTime() - 3 * DAY + 1000);
    expect(Date.parse(ok.backupAt ?? '')).toBeGreaterThan(started.getTime() - 3 * DAY - 60_000);
    expect(ok.disk).toBeCloseTo(0.25, 2);
    expect(ok.rttMs).toBeGreaterThan(0);

    const tls = byName.get('mail-tls') as Row;
    expect(tls).toMatchObject({ reachable: true, flavour: 'power', queue: 4, rebootRequired: true, updates: 3 });
    const daysLeft = (Date.parse(tls.tlsSoonestExpiry ?? '') - started.getTime()) / DAY;
    expect(daysLeft).toBeGreaterThan(3.9);
    expect(daysLeft).toBeLessThanOrEqual(5);

    expect(byName.get('mail-down')).toMatchObject({
      reachable: false,
      reachability: 'down',
      disk: null,
      backupAt: null,
    });
  });

  it('prints a table, and exits 0 even though a box is down', async () => {
    const r = await cli(['status']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(
      /^NAME\s+STATE\s+VERSION\s+RTT\s+CHECKS E\/W\/OK\s+DISK\s+QUEUE\s+BACKUP\s+TLS\s+REBOOT\s+UPDATES$/,
    );
    expect(lines.find((l) => l.startsWith('mail-down'))).toMatch(/^mail-down\s+down\s/);
    expect(lines.find((l) => l.startsWith('mail-ok'))).toMatch(/^mail-ok\s+up\s+upstream v75\s.*\s25%\s+0\s+3d\s/);
    expect(lines.find((l) => l.startsWith('mail-tls'))).toMatch(/\s(4|5)d\s+yes\s+3$/);
    expect(r.out).toMatch(/^mail-down: /m);
  });

  it('looks only at the boxes named or tagged; an unknown name is an error', async () => {
    expect((await statusJson('--tag', 'power')).map((r) => r.name)).toEqual(['mail-tls']);
    // In the fleet's order (by name), whichever way a box was chosen.
    expect((await statusJson('--tag', 'staging', '--box', 'mail-ok')).map((r) => r.name)).toEqual([
      'mail-down',
      'mail-ok',
    ]);
    const unknown = await cli(['status', '--box', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('There is no box called "nope"');
  });

  it('leaves alerts to the app: two runs that see a box down write no alerts file (the app owns it)', async () => {
    expect((await cli(['status', '--json'])).code).toBe(0);
    expect((await cli(['status', '--json'])).code).toBe(0);
    // Two observations of a down box would raise an alert; a CLI run writing the file would race a running app's writes.
    await expect(access(join(dataDir, 'alerts.json'))).rejects.toThrow();
  });

  it('says what disk means in --help', async () => {
    const help = await cli(['status', '--help']);
    expect(help.code).toBe(0);
    expect(help.out.replace(/\s+/g, ' ')).toContain('used share of the filesystem holding STORAGE_ROOT');
  });
});

describe('boxfleet checks', () => {
  const item = (type: StatusItem['type'], text: string): StatusItem => ({ type, text, extra: [] });

  it('runs the checks, keeps them, shows them and what changed since the previous run', async () => {
    const state = bed.box(0).emulator.state;
    const none = await cli(['checks', 'show', '--box', 'mail-ok']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('boxfleet checks run --box mail-ok');

    state.status = [
      item('heading', 'System'),
      item('ok', 'All system services are running.'),
      {
        type: 'warning',
        text: 'There are 2 software packages\n\t\tthat can be updated.',
        extra: [{ monospace: true, text: 'openssl (3.0.3)' }],
      },
      item('heading', 'box1.example.com'),
      item('ok', 'Domain resolves to the box.'),
    ];
    const first = await cli(['checks', 'run', '--box', 'mail-ok', '--json']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual([
      { heading: 'System', ...item('ok', 'All system services are running.') },
      { heading: 'System', ...state.status[2] },
      { heading: 'box1.example.com', ...item('ok', 'Domain resolves to the box.') },
    ]);

    state.status = [
      item('heading', 'System'),
      item('ok', 'All system services are running.'),
      item('error', 'The disk has 0.5 GB space remaining.'),
      item('heading', 'box1.example.com'),
      item('ok', 'Domain resolves to the box.'),
    ];
    const second = await cli(['checks', 'run', '--box', 'mail-ok']);
    expect(second.code).toBe(0);
    expect(second.out).toContain('System\n======\n✓  All system services are running.\n✖  The disk has 0.5 GB');
    expect(second.out).toContain('1 errors, 0 warnings, 2 ok');

    const changes = await cli(['checks', 'show', '--box', 'mail-ok', '--changes', '--json']);
    expect(JSON.parse(changes.out)).toEqual([
      {
        heading: 'System',
        kind: 'changed',
        before: {
          type: 'warning',
          text: 'There are 2 software packages\n\t\tthat can be updated.',
          extra: [{ monospace: true, text: 'openssl (3.0.3)' }],
        },
        after: item('error', 'The disk has 0.5 GB space remaining.'),
      },
    ]);
    const text = await cli(['checks', 'show', '--box', 'mail-ok', '--changes']);
    expect(text.out).toContain('- ?  There are 2 software packages that can be updated.');
    expect(text.out).toContain('+ ✖  The disk has 0.5 GB space remaining.');

    const shown = await cli(['checks', 'show', '--box', 'mail-ok', '--json']);
    expect(JSON.parse(shown.out)).toHaveLength(3);

    // The rollup of the newest run appears in the status row.
    const [row] = await statusJson('--box', 'mail-ok');
    expect(row?.checks).toMatchObject({ ok: 2, warning: 0, error: 1 });
  });

  it('fails with exit 1 on a box that is down, and with 2 without --box', async () => {
    expect((await cli(['checks', 'run', '--box', 'mail-down'])).code).toBe(1);
    expect((await cli(['checks', 'run'])).code).toBe(2);
  });
});

describe('boxfleet inventory', () => {
  it('writes an Ansible inventory that ansible-inventory reads: hosts, ports, users, tags as groups', async () => {
    const r = await cli(['inventory', '--format', 'ansible']);
    expect(r.code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'bf-inventory-'));
    try {
      const file = join(dir, 'boxfleet.yml');
      await writeFile(file, r.out);
      const listed = await runCommand('ansible-inventory', ['-i', file, '--list'], {
        env: { ...process.env, ANSIBLE_LOCAL_TEMP: dir, ANSIBLE_HOME: dir },
      });
      const inventory = JSON.parse(listed.stdout) as {
        _meta: { hostvars: Record<string, Record<string, unknown>> };
        [group: string]: unknown;
      };
      const ok = bed.box(0).profile;
      expect(inventory._meta.hostvars['mail-ok']).toEqual({
        ansible_host: ok.host,
        ansible_port: ok.port,
        ansible_user: ok.user,
      });
      expect(Object.keys(inventory._meta.hostvars).sort()).toEqual(['mail-down', 'mail-ok', 'mail-tls']);
      expect(inventory['prod']).toEqual({ hosts: ['mail-ok', 'mail-tls'] });
      expect(inventory['eu_west']).toEqual({ hosts: ['mail-ok'] });
      expect(listed.stderr).not.toMatch(/WARNING/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exports JSON without secrets, and refuses an unknown format', async () => {
    const r = await cli(['inventory', '--format', 'json']);
    expect(r.code).toBe(0);
    const inventory = JSON.parse(r.out) as { hosts: Array<{ name: string; tags: string[] }>; groups: object };
    expect(inventory.hosts.map((h) => h.name)).toEqual(['mail-down', 'mail-ok', 'mail-tls']);
    expect(inventory.groups).toEqual({
      eu_west: ['mail-ok'],
      power: ['mail-tls'],
      prod: ['mail-ok', 'mail-tls'],
      staging: ['mail-down'],
    });
    expect(r.out).not.toMatch(/PRIVATE KEY|password|keyPath|privateKey/i);
    expect((await cli(['inventory', '--format', 'xml'])).code).toBe(2);
  });
});
