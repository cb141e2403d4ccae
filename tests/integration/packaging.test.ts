import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtPaths } from '../../src-main/app/app-paths';
import { ensureBuilt, projectRoot, run } from './app/ensure-built';

/**
 * Packs the built app with the project's electron-builder.yml into linux-unpacked, offline: a stand-in Electron
 * distribution (an executable carrying a fuse wire, a version file, resources/) replaces the download, and the
 * native rebuild (which needs Electron's headers) is skipped. What lands in app.asar is then checked.
 */
const root = projectRoot;
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults, in @electron/fuses order: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect,
// EmbeddedAsarIntegrity, OnlyLoadAppFromAsar, BrowserV8Snapshot, GrantFileProtocolExtraPrivileges.
const DEFAULT_FUSES = '10110001';

interface AsarReport {
  files: string[];
  unpacked: string[];
  packageJson: { main: string; productName?: string; desktopName?: string; devDependencies?: unknown };
}

// @electron/asar is ESM-only, which jest's CommonJS loader cannot require: read the archive in a child Node.
const READ_ASAR = `
import { listPackage, statFile, extractFile } from '@electron/asar';
const archive = process.argv[1];
const files = listPackage(archive, { isPack: false });
const unpacked = files.filter((f) => { const s = statFile(archive, f.slice(1), false); return 'unpacked' in s && s.unpacked === true && !('files' in s); });
const packageJson = JSON.parse(extractFile(archive, 'package.json').toString('utf8'));
process.stdout.write(JSON.stringify({ files, unpacked, packageJson }));
`;

function fuseWire(binary: Buffer): string {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at === -1) throw new Error('no fuse sentinel in the packed executable');
  const length = binary[at + FUSE_SENTINEL.length + 1] ?? 0;
  const start = at + FUSE_SENTINEL.length + 2;
  return binary.subarray(start, start + length).toString('latin1');
}

describe('electron-builder packaging (linux --dir, offline)', () => {
  let work: string;
  let appOut: string;
  let report: AsarReport;
  let builderLog: string;

  beforeAll(async () => {
    await ensureBuilt();
    work = mkdtempSync(path.join(tmpdir(), 'boxfleet-pack-'));
    const stub = path.join(work, 'electron-dist');
    mkdirSync(path.join(stub, 'resources'), { recursive: true });
    const wire = Buffer.concat([
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, DEFAULT_FUSES.length]),
      Buffer.from(DEFAULT_FUSES),
    ]);
    writeFileSync(
      path.join(stub, 'electron'),
      Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), wire, Buffer.from('\n')]),
      {
        mode: 0o755,
      },
    );
    writeFileSync(path.join(stub, 'version'), ELECTRON_VERSION);

    const output = path.join(work, 'out');
    const { stdout, stderr } = await run(
      process.execPath,
      [
        path.join(root, 'node_modules/electron-builder/cli.js'),
        '--dir',
        '--linux',
        '--x64',
        `-c.electronDist=${stub}`,
        `-c.directories.output=${output}`,
        '-c.npmRebuild=false',
        '--publish',
        'never',
      ],
      { cwd: root, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
    );
    builderLog = stdout + stderr;
    appOut = path.join(output, 'linux-unpacked');
    const asar = await run(
      process.execPath,
      ['--input-type=module', '-e', READ_ASAR, path.join(appOut, 'resources', 'app.asar')],
      {
        cwd: root,
      },
    );
    report = JSON.parse(asar.stdout) as AsarReport;
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs the compiled main process, the preload bundle, the renderer and package.json', () => {
    for (const file of [
      '/build/main/src-main/app/main.js',
      '/build/preload/preload.js',
      '/build/renderer/index.html',
      '/package.json',
    ]) {
      expect(report.files).toContain(file);
    }
  });

  it('starts at the entry package.json names, and finds the preload and renderer where main looks for them', () => {
    expect(report.packageJson.main).toBe('build/main/src-main/app/main.js');
    expect(report.files).toContain(`/${report.packageJson.main}`);
    const fromMain = builtPaths(path.posix.join('/', path.posix.dirname(report.packageJson.main)));
    expect(report.files).toContain(fromMain.preload);
    expect(report.files).toContain(path.posix.join(fromMain.renderer, 'index.html'));
    expect(report.packageJson.productName).toBe('Boxfleet');
    expect(report.packageJson.desktopName).toBe('boxfleet.desktop');
    expect(builderLog).not.toMatch(/desktopName is not set/);
  });

  it('holds no sources, tests, tooling or source maps', () => {
    const own = report.files.filter((f) => !f.startsWith('/node_modules'));
    const forbidden = own.filter(
      (f) =>
        /^\/(tests|src-main|src-shared|src-renderer|scripts|bench|resources|dist)(\/|$)/.test(f) ||
        /\.(ts|tsx|map)$/.test(f) ||
        /^\/(electron-builder\.yml|tsconfig[^/]*\.json|jest\.config\.js|eslint\.config\.mjs|package-lock\.json)$/.test(
          f,
        ),
    );
    expect(forbidden).toEqual([]);
    expect(new Set(report.files.map((f) => f.split('/')[1]))).toEqual(
      new Set(['build', 'node_modules', 'package.json']),
    );
  });

  it('ships production dependencies only', () => {
    for (const dev of [
      'electron',
      'electron-builder',
      'jest',
      'typescript',
      'esbuild',
      '@playwright/test',
      '@electron/asar',
    ]) {
      expect(report.files).not.toContain(`/node_modules/${dev}`);
    }
    for (const dep of ['ssh2', 'zod', '@napi-rs/keyring'])
      expect(report.files).toContain(`/node_modules/${dep}/package.json`);
  });

  it('keeps every native addon outside the archive, in app.asar.unpacked', () => {
    const natives = report.files.filter((f) => f.endsWith('.node'));
    expect(natives.some((f) => f.startsWith('/node_modules/@napi-rs/keyring-'))).toBe(true);
    for (const file of natives) {
      expect(report.unpacked).toContain(file);
      expect(statSync(path.join(appOut, 'resources', 'app.asar.unpacked', file)).isFile()).toBe(true);
    }
  });

  it('flips the Electron fuses: no running as Node, no NODE_OPTIONS or inspector, app only from the asar', () => {
    const wire = fuseWire(readFileSync(path.join(appOut, 'boxfleet')));
    expect(wire).toHaveLength(DEFAULT_FUSES.length);
    const [runAsNode, cookieEncryption, nodeOptions, inspect, asarIntegrity, onlyFromAsar, , fileProtocol] =
      wire.split('');
    expect({ runAsNode, cookieEncryption, nodeOptions, inspect, asarIntegrity, onlyFromAsar, fileProtocol }).toEqual({
      runAsNode: '0',
      cookieEncryption: '1',
      nodeOptions: '0',
      inspect: '0',
      asarIntegrity: '1',
      onlyFromAsar: '1',
      fileProtocol: '0',
    });
  });
});
