/**
 * The install test machine itself (tests/harness/install-machine.ts), driven by hand over real SSH the way §8.1
 * says to run setup: what it looks like to preflight, the fake setup's output and result, its variants, and that
 * stopping it leaves nothing behind.
 */
import fs from 'node:fs';
import type { Client } from 'ssh2';
import { startInstallMachine, type InstallMachine } from '../harness/install-machine';
import { UPSTREAM_HEADINGS } from '../harness/install-setup-script';
import { netnsSupport } from '../harness/netns';
import { connectSsh, execCommand, httpOverSsh } from '../harness/ssh-client';
import { removeTempDirs } from '../harness/temp';

jest.setTimeout(120_000);

const support = netnsSupport();
const describeIf = support.ok ? describe : describe.skip;
if (!support.ok) console.warn(`install machine tests skipped: ${support.reason}`);

const machines: InstallMachine[] = [];
const clients: Client[] = [];

async function machineWith(options: Parameters<typeof startInstallMachine>[0]): Promise<InstallMachine> {
  const machine = await startInstallMachine(options);
  machines.push(machine);
  return machine;
}

async function login(machine: InstallMachine, user = machine.adminUser): Promise<Client> {
  const client = await connectSsh({
    host: machine.host,
    port: machine.port,
    username: user,
    privateKeyPath: machine.clientKey.privateKeyPath,
    hostKeyFingerprint: machine.hostKeyFingerprint,
  });
  clients.push(client);
  return client;
}

/** §8.1's one-liner with the variables passed explicitly (plain sudo drops the environment). */
function setupCommand(machine: InstallMachine, vars: Record<string, string>): string {
  const assignments = Object.entries(vars).map(([k, v]) => `${k}='${v}'`);
  return `curl -s ${machine.bootstrapUrl} | sudo -n ${assignments.join(' ')} bash`;
}

afterAll(async () => {
  for (const client of clients) client.end();
  for (const machine of machines) await machine.stop();
  await removeTempDirs();
});

describeIf('install test machine', () => {
  it('looks like a fresh Ubuntu 22.04 over SSH, with its own /var/lib and passwordless sudo for bfadmin', async () => {
    const machine = await machineWith({});
    const ssh = await login(machine);
    const os = await execCommand(ssh, '. /etc/os-release; echo "$ID $VERSION_ID"; uname -m; sudo -n id -u');
    expect(os.stdout).toBe('ubuntu 22.04\nx86_64\n0\n');
    const fresh = await execCommand(
      ssh,
      'ls /etc/mailinabox.conf /var/lib/mailinabox /root/mailinabox 2>&1 | wc -l; sudo -n test -e /root/.wgetrc; echo $?',
    );
    expect(fresh.stdout).toBe('3\n1\n');
    // Written on the machine, not on this computer.
    await execCommand(ssh, 'sudo -n mkdir -p /var/lib/boxfleet-probe');
    expect(await machine.readFile('/etc/os-release')).toContain('ID=ubuntu');
    expect(fs.existsSync('/var/lib/boxfleet-probe')).toBe(false);
    const plain = await execCommand(await login(machine, machine.plainUser), 'sudo -n true');
    expect(plain.code).not.toBe(0);
  });

  it('runs the fake setup to the end: headings in order, the daemon with the admin, its key and conf, the success block', async () => {
    const machine = await machineWith({ pauseMs: 5 });
    const ssh = await login(machine);
    const result = await execCommand(
      ssh,
      setupCommand(machine, {
        NONINTERACTIVE: '1',
        PRIMARY_HOSTNAME: 'box.example.net',
        PUBLIC_IP: '192.0.2.7',
        PUBLIC_IPV6: '',
        EMAIL_ADDR: 'admin@example.net',
        EMAIL_PW: 'machine-test-pw-1',
      }),
    );
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain('Downloading Mail-in-a-Box v75. . .');
    expect(out).toContain(
      'Primary Hostname: box.example.net\nPublic IP Address: 192.0.2.7\nMail-in-a-Box Version: v75',
    );
    expect(await machine.steps()).toEqual([...UPSTREAM_HEADINGS]);
    expect(out).toContain("Okay. I'm about to set up admin@example.net for you.");
    expect(out).toMatch(
      /Your Mail-in-a-Box is running\.[\s\S]*the certificate fingerprint matches:\n\n([0-9A-F]{2}:){31}[0-9A-F]{2}\n/,
    );
    expect(await machine.runs()).toEqual(['run 1: succeeded']);
    const env = await machine.setupEnv();
    expect(env).toMatchObject({ NONINTERACTIVE: '1', PRIMARY_HOSTNAME: 'box.example.net', UID: '0' });
    expect(env['EMAIL_PW_SHA256']).toMatch(/^[0-9a-f]{64}$/);

    expect(await machine.readFile('/etc/mailinabox.conf')).toContain('PRIMARY_HOSTNAME=box.example.net');
    const key = await execCommand(
      ssh,
      'stat -c %a /var/lib/mailinabox/api.key; sudo -n cat /var/lib/mailinabox/api.key',
    );
    const [mode, apiKey] = key.stdout.split('\n');
    expect(mode).toBe('640');
    const users = await httpOverSsh(ssh, {
      port: 10222,
      path: '/mail/users?format=json',
      headers: { Authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}` },
    });
    expect(users.status).toBe(200);
    expect(users.body).toContain('admin@example.net');
    expect(await machine.ps()).not.toContain('machine-test-pw-1');
    expect(await machine.daemonLog()).toContain('daemon ready');
  });

  it('refuses a Debian 12 machine with the bootstrap message; low RAM and a noexec /tmp (with ~/.wgetrc, aarch64) end setup with status 0 and their messages', async () => {
    const debian = await machineWith({ os: 'debian-12' });
    const refused = await execCommand(await login(debian), setupCommand(debian, { NONINTERACTIVE: '1' }));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('This script may be used only on a machine running Ubuntu 14.04, 18.04, or 22.04.\n');

    const machine = await machineWith({ ramKb: 400_000, pauseMs: 1 });
    const ssh = await login(machine);
    const low = await execCommand(ssh, setupCommand(machine, { NONINTERACTIVE: '1', PRIMARY_HOSTNAME: 'b.example' }));
    expect(low.code).toBe(0);
    expect(low.stdout).toContain('This machine has 390 MB memory.');
    expect(low.stdout).not.toContain('Your Mail-in-a-Box is running.');

    const tmp = await machineWith({ noexecTmp: true, wgetrc: true, arch: 'aarch64' });
    const tmpSsh = await login(tmp);
    expect((await execCommand(tmpSsh, 'uname -m')).stdout).toBe('aarch64\n');
    const noexec = await execCommand(tmpSsh, setupCommand(tmp, { NONINTERACTIVE: '1', PRIMARY_HOSTNAME: 'b.example' }));
    expect(noexec.code).toBe(0);
    expect(noexec.stdout).toContain('Mail-in-a-Box has to have exec rights on /tmp, please mount /tmp with exec');
  });

  it('fails midway with a FAILED: block, and holds at a step until released', async () => {
    const machine = await machineWith({
      pauseMs: 1,
      scenario: { kind: 'fail', at: 'Installing Postfix (SMTP server)...' },
    });
    const ssh = await login(machine);
    const vars = { NONINTERACTIVE: '1', PRIMARY_HOSTNAME: 'b.example', PUBLIC_IP: '192.0.2.9', PUBLIC_IPV6: '' };
    const failed = await execCommand(ssh, setupCommand(machine, vars));
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/Installing Postfix \(SMTP server\)\.\.\.\n\nFAILED: apt-get/);

    await machine.setScenario({ kind: 'hold', at: 'Installing Nginx (web server)...' }, 1);
    const running = execCommand(
      ssh,
      setupCommand(machine, { ...vars, EMAIL_ADDR: 'a@b.example', EMAIL_PW: 'held-pw-123' }),
    );
    await machine.waitForStep('Installing Nginx (web server)...');
    expect(await machine.steps()).not.toContain('Installing Roundcube (webmail)...');
    await machine.release();
    const done = await running;
    expect(done.stdout).toContain('Your Mail-in-a-Box is running.');
  });

  it('leaves no process, namespace or mount behind when stopped', async () => {
    const machine = await startInstallMachine({ pauseMs: 1 });
    const ssh = await connectSsh({
      host: machine.host,
      port: machine.port,
      username: machine.adminUser,
      privateKeyPath: machine.clientKey.privateKeyPath,
      hostKeyFingerprint: machine.hostKeyFingerprint,
    });
    await execCommand(
      ssh,
      setupCommand(machine, {
        NONINTERACTIVE: '1',
        PRIMARY_HOSTNAME: 'gone.example',
        EMAIL_ADDR: 'a@gone.example',
        EMAIL_PW: 'gone-pw-123',
      }),
    );
    expect((await machine.exec('cat /run/boxfleet-fake-daemon.pid')).stdout).toMatch(/^\d+$/);
    ssh.end();
    const name = machine.netns.name;
    const { execFileSync } = await import('node:child_process');
    // Host pids of everything in the machine (sshd, the detached daemon, the bootstrap bridge).
    const pids = execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    await machine.stop();
    const left = await fs.promises.readFile('/proc/self/mountinfo', 'utf8');
    expect(left).not.toContain('boxfleet-machine');
    expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).not.toContain(name);
    expect(pids.filter((pid) => fs.existsSync(`/proc/${pid}`))).toEqual([]);
  });
});
