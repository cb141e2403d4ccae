/**
 * `boxfleet install` as a person runs it, in a real pseudo-terminal (util-linux's `script`): the admin password is
 * asked twice without echo (it never shows in what the terminal displays), and the progress is one line redrawn
 * in place on stderr.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { INSTALL_ENV, machineLogin, startInstallBed, type InstallBed } from '../harness/install-bed';
import { startInstallMachine, type InstallMachine } from '../harness/install-machine';
import { netnsSupport } from '../harness/netns';
import { forgetReap, reapOnExit } from '../harness/reaper';
import { removeTempDirs } from '../harness/temp';
import { waitFor } from '../harness/wait';

jest.setTimeout(180_000);

const support = netnsSupport();
const describeIf = support.ok ? describe : describe.skip;

const ADMIN_PW = 'Typed-at-the-prompt-5k';
const ERASE_LINE = '\x1b[2K';
let bed: InstallBed;
let machine: InstallMachine | undefined;

beforeAll(async () => {
  bed = await startInstallBed();
});
afterAll(async () => {
  await machine?.stop();
  await bed?.stop();
  await removeTempDirs();
});

describeIf('boxfleet install in a terminal', () => {
  it('asks for the admin password twice without echo and draws one progress line', async () => {
    machine = await startInstallMachine({ pauseMs: 10 });
    const dir = await bed.dataDir();
    const entry = path.join(__dirname, '..', 'harness', 'install-cli-entry.ts');
    const args = [process.execPath, '--import', 'tsx', entry, '--data-dir', dir, 'install', ...machineLogin(machine)]
      .concat(['--hostname', 'tty.example.com', '--admin-email', 'me@example.com', '--public-ip', '192.0.2.50'])
      .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    const child = spawn('script', ['-qec', args, '/dev/null'], {
      cwd: path.join(__dirname, '..', '..'),
      env: { ...process.env, ...INSTALL_ENV },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // Interactive stdin rules out startProcess; the reaper still ends it if this run is killed.
    const pid = child.pid as number;
    reapOnExit('pid', pid);
    let screen = '';
    child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
    const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    try {
      await waitFor(
        () => (/Admin password/.test(screen) ? true : undefined),
        () => `the prompt in:\n${screen}`,
        60_000,
      );
      child.stdin.write(`${ADMIN_PW}\r`);
      await waitFor(
        () => (/same password again/.test(screen) ? true : undefined),
        () => `the second prompt:\n${screen}`,
      );
      child.stdin.write(`${ADMIN_PW}\r`);
      const code = await closed;
      expect(screen).toContain('is running and is in the fleet');
      expect(code).toBe(0);
      expect(screen).not.toContain(ADMIN_PW);
      expect(screen).toContain(ERASE_LINE);
      expect(screen).toContain('Next steps:');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      forgetReap('pid', pid);
    }
  });
});
