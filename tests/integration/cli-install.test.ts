/**
 * `boxfleet install`, `install attach` and `upgrade` over real SSH against install test machines (a fresh Ubuntu
 * 22.04 in its own namespaces, the fake setup of tests/harness/install-setup-script.ts), with a real Secret Service.
 */
import {
  SMTP_PROBE_BLOCKED,
  startInstallMachine,
  type InstallMachine,
  type InstallMachineOptions,
} from '../harness/install-machine';
import { netnsSupport } from '../harness/netns';
import { basicAuth, connectSsh, httpOverSsh } from '../harness/ssh-client';
import { removeTempDirs } from '../harness/temp';
import { filesUnder, machineLogin, samplePs, startInstallBed, type InstallBed } from '../harness/install-bed';

jest.setTimeout(180_000);

const support = netnsSupport();
const describeIf = support.ok ? describe : describe.skip;
if (!support.ok) console.warn(`install CLI tests skipped: ${support.reason}`);

const ADMIN_PW = 'Adm1n-pw-for-install-test-7q';
const machines: InstallMachine[] = [];
let bed: InstallBed;

async function machine(options: InstallMachineOptions = {}): Promise<InstallMachine> {
  const started = await startInstallMachine({ pauseMs: 10, ...options });
  machines.push(started);
  return started;
}

const answers = (hostname: string): string[] => [
  ...['--hostname', hostname, '--admin-email', 'me@example.com', '--admin-password-stdin'],
  ...['--public-ip', '192.0.2.20', '--public-ipv6', ''],
];

type Line = { type: string; [key: string]: unknown };
const jsonLines = (out: string): Line[] =>
  out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);

beforeAll(async () => {
  bed = await startInstallBed();
});
afterAll(async () => {
  for (const m of machines) await m.stop();
  await bed?.stop();
  await removeTempDirs();
});

describeIf('boxfleet install (CLI) over real SSH', () => {
  it('--preflight-only --json: every check as {id, result, reason}, exit 0 on a fresh Ubuntu 22.04', async () => {
    const m = await machine();
    const dir = await bed.dataDir();
    const r = await bed.cli(dir, ['install', ...machineLogin(m), '--preflight-only', '--json']);
    expect(r.err).toBe('');
    const checks = JSON.parse(r.out) as Array<{ id: string; result: string; reason: string }>;
    expect(r.code).toBe(0);
    for (const c of checks) expect(Object.keys(c).sort()).toEqual(['id', 'reason', 'result']);
    const byId = Object.fromEntries(checks.map((c) => [c.id, c.result]));
    expect(byId).toMatchObject({ os: 'pass', privilege: 'pass', 'tmp-exec': 'pass', wgetrc: 'pass', existing: 'pass' });
    expect(checks.some((c) => c.result === 'fail')).toBe(false);
    // Preflight leaves nothing in the fleet.
    expect(JSON.parse((await bed.cli(dir, ['box', 'list', '--json'])).out)).toEqual([]);
  });

  it.each([
    ['os', { os: 'debian-12' }, undefined],
    ['ram', { ramKb: 400_000 }, undefined],
    ['tmp-exec', { noexecTmp: true }, undefined],
    ['wgetrc', { wgetrc: true }, undefined],
    ['privilege', {}, 'bfnosudo'],
  ] as const)('--preflight-only fails the %s check (exit 1)', async (id, options, user) => {
    const m = await machine(options);
    const r = await bed.cli(await bed.dataDir(), [
      'install',
      ...machineLogin(m, user ?? m.adminUser),
      '--preflight-only',
      '--json',
    ]);
    const checks = JSON.parse(r.out) as Array<{ id: string; result: string; reason: string }>;
    expect(checks.find((c) => c.id === id)?.result).toBe('fail');
    expect(r.code).toBe(1);
  });

  it('installs to the end: the box is in the fleet and its API answers; the password is on no command line and in no log; upgrade re-runs it', async () => {
    const m = await machine();
    const dir = await bed.dataDir();
    const ps = samplePs(m);
    const r = await bed.cli(
      dir,
      ['install', ...machineLogin(m), ...answers('box1.example.com'), '--name', 'fresh', '--tag', 'new', '--json'],
      `${ADMIN_PW}\n`,
    );
    const samples = await ps.stop();
    const lines = jsonLines(r.out);
    const result = lines.at(-1);
    expect(result).toMatchObject({ type: 'result', ok: true });
    expect(r.code).toBe(0);
    expect(lines.map((l) => l.type)).toEqual(expect.arrayContaining(['preflight', 'started', 'progress', 'result']));
    expect(await m.runs()).toEqual(['run 1: succeeded']);
    expect(await m.setupEnv()).toMatchObject({
      NONINTERACTIVE: '1',
      PRIMARY_HOSTNAME: 'box1.example.com',
      PUBLIC_IP: '192.0.2.20',
      PUBLIC_IPV6: '',
      EMAIL_ADDR: 'me@example.com',
      UID: '0',
    });
    expect((await m.setupEnv())['EMAIL_PW_SHA256']).toMatch(/^[0-9a-f]{64}$/);

    const boxes = JSON.parse((await bed.cli(dir, ['box', 'list', '--json'])).out) as Array<{
      name: string;
      tags: string[];
    }>;
    expect(boxes.map((b) => [b.name, b.tags])).toEqual([['fresh', ['new']]]);
    const users = await bed.cli(dir, ['users', 'list', '--box', 'fresh', '--json']);
    expect(users.code).toBe(0);
    expect(users.out).toContain('me@example.com');

    // The secret: never on a command line, in the CLI's output, the desktop's data dir, or any log on the box.
    expect(samples.length).toBeGreaterThan(2);
    for (const sample of samples) expect(sample).not.toContain(ADMIN_PW);
    expect(r.out + r.err).not.toContain(ADMIN_PW);
    for (const f of await filesUnder(dir))
      expect({ path: f.path, leak: f.text.includes(ADMIN_PW) }).toEqual({ path: f.path, leak: false });
    // Everything written on the box for setup is gone once the result is kept on the desktop.
    expect(await m.readTree('/var/lib/boxfleet-install')).toEqual([]);
    const boxFiles = await m.readTree('/var/log');
    expect(boxFiles.length).toBeGreaterThan(0);
    for (const f of boxFiles)
      expect({ path: f.path, leak: f.text.includes(ADMIN_PW) }).toEqual({ path: f.path, leak: false });
    expect(boxFiles.some((f) => /\/env$/.test(f.path))).toBe(false);
    expect(await m.sshd.log()).not.toContain(ADMIN_PW);
    // The chosen password is the admin's on the box (setup itself only ever saw a temporary one).
    const ssh = await connectSsh({
      host: m.host,
      port: m.port,
      username: m.adminUser,
      privateKeyPath: m.clientKey.privateKeyPath,
      hostKeyFingerprint: m.hostKeyFingerprint,
    });
    const asAdmin = await httpOverSsh(ssh, {
      port: 10222,
      path: '/mail/users?format=json',
      headers: { Authorization: basicAuth('me@example.com', ADMIN_PW) },
    });
    ssh.end();
    expect(asAdmin.status).toBe(200);

    // Upgrade: the bootstrap again with TAG, the box's own hostname; the daemon restarts with a new key.
    const up = await bed.cli(dir, ['upgrade', '--box', 'fresh', '--version', 'v76', '--json']);
    expect(jsonLines(up.out).at(-1)).toMatchObject({ type: 'result', ok: true });
    expect(up.code).toBe(0);
    expect(await m.runs()).toEqual(['run 1: succeeded', 'run 2: succeeded']);
    const env = await m.setupEnv();
    expect(env).toMatchObject({ TAG: 'v76', PRIMARY_HOSTNAME: 'box1.example.com', NONINTERACTIVE: '1' });
    expect(env['EMAIL_PW_SHA256']).toBeUndefined();
    expect((await bed.cli(dir, ['users', 'list', '--box', 'fresh'])).code).toBe(0);

    // A server that already runs a box: preflight says so (re-run or upgrade instead), and install does not start.
    const again = await bed.cli(await bed.dataDir(), ['install', ...machineLogin(m), '--preflight-only', '--json']);
    const existing = (JSON.parse(again.out) as Array<{ id: string; result: string; reason: string }>).find(
      (c) => c.id === 'existing',
    );
    expect(existing?.result).not.toBe('pass');
    expect(existing?.reason).toContain('box1.example.com');
  });

  it('setup failing midway: exit 1 and the failing step shown with the last log lines', async () => {
    const m = await machine({ scenario: { kind: 'fail', at: 'Installing Postfix (SMTP server)...' } });
    const r = await bed.cli(
      await bed.dataDir(),
      ['install', ...machineLogin(m), ...answers('box2.example.com')],
      `${ADMIN_PW}\n`,
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Setup failed at "[^"]*Postfix[^"]*"/);
    expect(r.err).toContain('FAILED: apt-get');
    expect(r.out + r.err).not.toContain(ADMIN_PW);
  });

  it.each([
    ['ram', 'needs more memory'],
    ['tmp', 'exec rights on /tmp'],
    ['wgetrc', '.wgetrc exists'],
  ] as const)('setup printing the %s message and exiting 0 is a failure (exit 1)', async (message, text) => {
    const m = await machine({ scenario: { kind: 'exit0', message } });
    const r = await bed.cli(
      await bed.dataDir(),
      ['install', ...machineLogin(m), ...answers('box3.example.com'), '--json'],
      `${ADMIN_PW}\n`,
    );
    const result = jsonLines(r.out).at(-1);
    expect(result).toMatchObject({ type: 'result', ok: false });
    expect(JSON.stringify(result)).toContain(text);
    expect(r.code).toBe(1);
  });

  it('--preflight-only fails the port-25 check when outbound SMTP is blocked', async () => {
    const m = await machine();
    const r = await bed.cli(await bed.dataDir(), ['install', ...machineLogin(m), '--preflight-only', '--json'], '', {
      BOXFLEET_SMTP_PROBE: SMTP_PROBE_BLOCKED,
    });
    const checks = JSON.parse(r.out) as Array<{ id: string; result: string; reason: string }>;
    expect(checks.find((c) => c.id === 'port-25')?.result).toMatch(/fail|warn/);
  });

  it.each([
    ['not-root', 'This script must be run as root.'],
    ['wrong-os', 'This script may be used only on a machine running Ubuntu'],
  ] as const)("setup refusing with the bootstrap's %s message: exit 1 with the message", async (kind, text) => {
    const m = await machine({ scenario: { kind } });
    const r = await bed.cli(
      await bed.dataDir(),
      ['install', ...machineLogin(m), ...answers('box7.example.com'), '--json'],
      `${ADMIN_PW}\n`,
    );
    const result = jsonLines(r.out).at(-1);
    expect(result).toMatchObject({ type: 'result', ok: false });
    expect(JSON.stringify(result)).toContain(text);
    expect(r.code).toBe(1);
  });

  it('installs Power Mail-in-a-Box (its own headings) and the fleet detects it as Power', async () => {
    const m = await machine({ flavour: 'power' });
    const dir = await bed.dataDir();
    const r = await bed.cli(
      dir,
      ['install', ...machineLogin(m), '--flavour', 'power', ...answers('box8.example.com'), '--json'],
      `${ADMIN_PW}\n`,
    );
    expect(jsonLines(r.out).at(-1)).toMatchObject({ type: 'result', ok: true });
    expect(r.code).toBe(0);
    expect(await m.steps()).toContain("No keypair found. Generating daemon's PGP keypair...");
    const shown = JSON.parse((await bed.cli(dir, ['box', 'show', 'box8.example.com', '--json'])).out) as {
      detected: { flavour: string; version: string } | null;
    };
    expect(shown.detected).toMatchObject({ flavour: 'power', version: 'v60.5' });
  });

  it('the SSH connection killed mid-install: the install reconnects and finishes', async () => {
    const m = await machine({ scenario: { kind: 'hold', at: 'Installing Dovecot (IMAP server)...' } });
    const dir = await bed.dataDir();
    const running = bed.cli(dir, ['install', ...machineLogin(m), ...answers('box4.example.com')], `${ADMIN_PW}\n`);
    await m.waitForStep('Installing Dovecot (IMAP server)...');
    expect(await m.dropConnections()).toBeGreaterThan(0);
    await m.release();
    const r = await running;
    expect(r.code).toBe(0);
    // Text output: progress lines on stderr (no terminal), then the result and the box's own next steps.
    expect(r.err).toMatch(/Setup started on .*\n\[0%\] /);
    expect(r.out).toMatch(/^box4\.example\.com: Your Mail-in-a-Box is running/);
    expect(r.out).toContain('Next steps:');
    expect(r.out).toContain('ns1.box4.example.com');
    expect(await m.runs()).toEqual(['run 1: succeeded']);
  });
});
