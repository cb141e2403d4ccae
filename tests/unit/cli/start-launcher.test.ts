import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const LAUNCHER = resolve(__dirname, '../../../scripts/start.mjs');
const ROOT = resolve(__dirname, '../../..');

/** `npm start`'s launcher with a chosen Electron folder, as ELECTRON_OVERRIDE_DIST_PATH lets a user choose it. */
function launch(distPath: string, args: string[] = []) {
  return spawnSync(process.execPath, [LAUNCHER, ...args], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ELECTRON_OVERRIDE_DIST_PATH: distPath },
    encoding: 'utf8',
  });
}

/** Waits for a file to appear: the stand-in Electron writes it once it is running. */
async function fileAppears(path: string): Promise<void> {
  while (!existsSync(path)) await new Promise((resolve) => setImmediate(resolve));
}

describe('npm start without an Electron program', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bf-start-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one Boxfleet message, no stack trace, and exits 1 without downloading', () => {
    const result = launch(join(dir, 'no-electron-here'));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const version = (
      JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    expect(result.stderr).toMatch(
      new RegExp(`^Boxfleet cannot open the desktop app: Electron ${version.replace(/\./g, '\\.')} \\(the program`),
    );
    expect(result.stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-folder npm start');
    expect(result.stderr).toContain('node node_modules/electron/install.js');
    expect(result.stderr).toContain('Meanwhile the same app runs in a browser without Electron: npx boxfleet serve');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toMatch(/Downloading/);
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const oldNode = major < 22 || (major === 22 && minor < 12);
    expect(result.stderr.includes(`needs Node.js 22.12 or newer (this is ${process.versions.node})`)).toBe(oldNode);
  });

  it('runs the Electron program it finds with the app folder and passes its exit code through', () => {
    const dist = mkdtempSync(join(dir, 'dist-'));
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\necho "cwd=$(pwd) args=$*"\nexit 7\n`, { mode: 0o755 });
    const result = launch(dist, ['--inspect-nothing']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`cwd=${ROOT} args=. --inspect-nothing\n`);
    expect(result.status).toBe(7);
  });

  it('passes SIGTERM on to Electron and ends the way Electron ended', async () => {
    const dist = mkdtempSync(join(dir, 'dist-'));
    const ready = join(dist, 'ready');
    const got = join(dist, 'got');
    writeFileSync(
      join(dist, 'electron'),
      `#!/bin/sh\ntrap 'echo TERM > "${got}"; exit 143' TERM\ntouch "${ready}"\nwhile :; do sleep 1 & wait $!; done\n`,
      { mode: 0o755 },
    );
    const child = spawn(process.execPath, [LAUNCHER], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ELECTRON_OVERRIDE_DIST_PATH: dist },
      stdio: 'ignore',
    });
    const ended = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await fileAppears(ready);
    child.kill('SIGTERM');
    expect(await ended).toBe(143);
    expect(readFileSync(got, 'utf8')).toBe('TERM\n');
  });
});
