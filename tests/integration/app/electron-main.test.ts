import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contract, listMethods } from '../../../src-shared/contract';
import { builtMainJs, ensureBuilt, projectRoot, run } from './ensure-built';

/**
 * The compiled desktop entry, booted in plain Node with only the `electron` module stood in (there is no Electron
 * binary on CI machines): start-up order, the real core behind ipcMain, the app:// handler serving build/renderer,
 * and the window, navigation, permission and auth policies main.ts wires up.
 */
interface Served {
  status: number;
  type: string | null;
  csp: string | null;
  bytes: number;
}
interface BootReport {
  beforeReady: string[];
  calls: string[];
  preload: string;
  webPreferences: Record<string, unknown>;
  channels: string[];
  appInfo: unknown;
  stranger: unknown;
  served: Record<string, Served>;
  navigation: Record<string, boolean>;
  windowOpen: unknown[];
  opened: string[];
  permission: boolean[];
  permissionCheck: boolean;
  login: { prevented: boolean; args: unknown[][] };
  quit: { prevented: boolean; quitCalled: boolean };
}

describe('desktop main process, booted against an Electron stand-in', () => {
  let work: string;
  let report: BootReport;

  beforeAll(async () => {
    await ensureBuilt();
    work = mkdtempSync(path.join(tmpdir(), 'boxfleet-main-'));
    const { stdout } = await run(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(__dirname, 'boot-main-with-stand-in.ts'), builtMainJs],
      {
        cwd: projectRoot,
        env: { ...process.env, BOXFLEET_DATA_DIR: path.join(work, 'data'), STAND_IN_APP_PATH: projectRoot },
      },
    );
    report = JSON.parse(stdout) as BootReport;
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('registers app:// as privileged, sandboxes and picks the data dir before ready and before the instance lock', () => {
    expect(report.beforeReady).toEqual([
      expect.stringMatching(/^registerSchemes:.*"scheme":"app".*"standard":true.*"secure":true/),
      'enableSandbox',
      `setPath:userData=${path.join(work, 'data')}`,
      'requestSingleInstanceLock',
    ]);
  });

  it('opens one window on app://boxfleet with the bundled preload and the hardened preferences', () => {
    expect(report.calls.filter((c) => c.startsWith('loadURL:'))).toEqual(['loadURL:app://boxfleet/index.html']);
    expect(report.preload).toBe(path.join(projectRoot, 'build', 'preload', 'preload.js'));
    expect(existsSync(report.preload)).toBe(true);
    expect(report.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('binds every contract method to ipcMain and answers through the real core', () => {
    expect([...report.channels].sort()).toEqual(
      listMethods(contract)
        .map(([name]) => `boxfleet:${name}`)
        .sort(),
    );
    expect(report.appInfo).toMatchObject({ ok: true, value: { name: 'Boxfleet', mode: 'desktop' } });
    expect(report.stranger).toMatchObject({ ok: false, error: { code: 'not-supported' } });
  });

  it('serves build/renderer on app://boxfleet with the CSP, and nothing outside it', () => {
    const index = report.served['app://boxfleet/index.html'];
    expect(index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(index?.bytes).toBeGreaterThan(0);
    expect(index?.csp).toContain("default-src 'self'");
    expect(report.served['app://boxfleet/app.js']).toMatchObject({
      status: 200,
      type: 'text/javascript; charset=utf-8',
    });
    expect(report.served['app://boxfleet/..%2f..%2fpackage.json']?.status).toBe(403);
    expect(report.served['app://other/index.html']?.status).toBe(403);
    for (const answer of Object.values(report.served)) expect(answer.csp).toContain("object-src 'none'");
  });

  it('keeps the window on app://, sends allow-listed links to the OS browser and drops the rest', () => {
    expect(report.navigation).toEqual({
      'app://boxfleet/index.html#/boxes': false,
      'https://github.com/boxfleet': true,
      'https://box.example.org/admin': true,
      'file:///etc/passwd': true,
    });
    expect(report.windowOpen).toEqual([{ action: 'deny' }, { action: 'deny' }]);
    expect(report.opened).toEqual(['https://github.com/boxfleet', 'https://mailinabox.email/']);
  });

  it('grants no web permission and cancels HTTP auth prompts', () => {
    expect(report.permission).toEqual([false]);
    expect(report.permissionCheck).toBe(false);
    expect(report.login).toEqual({ prevented: true, args: [[]] });
  });

  it('closes the core before letting the app quit', () => {
    expect(report.quit).toEqual({ prevented: true, quitCalled: true });
  });
});
