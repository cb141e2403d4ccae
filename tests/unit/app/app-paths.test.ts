import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtPaths, resolveAppRequest } from '../../../src-main/app/app-paths';

describe('app:// request resolution', () => {
  let base: string;
  let root: string;

  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'boxfleet-app-paths-'));
    root = path.join(base, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(root, 'assets', 'app.js'), '');
    // A file next to the renderer directory that traversal would reach.
    writeFileSync(path.join(base, 'secret.txt'), 'secret');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('serves index.html for the root and for extension-less routes', () => {
    for (const url of ['app://boxfleet/', 'app://boxfleet', 'app://boxfleet/boxes/settings']) {
      expect(resolveAppRequest(root, url)).toEqual({
        kind: 'file',
        path: path.join(root, 'index.html'),
        mimeType: 'text/html; charset=utf-8',
      });
    }
  });

  it('serves files below the root with their type, ignoring query and hash', () => {
    expect(resolveAppRequest(root, 'app://boxfleet/assets/app.js?v=1#x')).toEqual({
      kind: 'file',
      path: path.join(root, 'assets', 'app.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
  });

  it.each([
    'app://boxfleet/../secret.txt',
    'app://boxfleet/assets/../../secret.txt',
    'app://boxfleet/%2e%2e/secret.txt',
    'app://boxfleet/%2E%2E%2Fsecret.txt',
    'app://boxfleet/..%2fsecret.txt',
    'app://boxfleet/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://boxfleet/..%5csecret.txt',
    'app://boxfleet/assets\\..\\..\\secret.txt',
    'app://boxfleet/./index.html',
  ])('refuses traversal: %s', (url) => {
    const target = resolveAppRequest(root, url);
    expect(target.kind).toBe('refused');
  });

  it.each([
    ['app://boxfleet/index.html%00.png', 400],
    ['app://boxfleet/%E0%A4%A', 400],
    ['app://boxfleet//etc/passwd', 403],
    ['app://boxfleet/C:/Windows/win.ini', 403],
    ['app://evil/index.html', 403],
    ['app://user:pw@boxfleet/index.html', 403],
    ['file:///etc/passwd', 403],
    ['https://boxfleet/index.html', 403],
    ['not a url', 400],
    ['app://boxfleet/missing.exe', 404],
  ] as const)('refuses %s with %i', (url, status) => {
    expect(resolveAppRequest(root, url)).toMatchObject({ kind: 'refused', status });
  });

  it('never resolves outside the root, whatever the path', () => {
    // A seeded walk through awkward path pieces: every answer is either refused or inside root.
    const pieces = [
      '..',
      '.',
      '%2e',
      '%2e%2e',
      '%2f',
      '%5c',
      '\\',
      '/',
      'a',
      'index.html',
      'x.js',
      '%00',
      '~',
      ':',
      'C:',
    ];
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let i = 0; i < 3000; i += 1) {
      let tail = '';
      const length = 1 + (next() % 6);
      for (let j = 0; j < length; j += 1) tail += pieces[next() % pieces.length];
      const target = resolveAppRequest(root, `app://boxfleet/${tail}`);
      if (target.kind === 'file') {
        expect(target.path === root || target.path.startsWith(root + path.sep)).toBe(true);
      }
    }
  });

  it('finds the preload and renderer next to the compiled main process', () => {
    const mainDir = path.join('/opt', 'Boxfleet', 'resources', 'app.asar', 'build', 'main', 'src-main', 'app');
    expect(builtPaths(mainDir)).toEqual({
      preload: path.join('/opt', 'Boxfleet', 'resources', 'app.asar', 'build', 'preload', 'preload.js'),
      renderer: path.join('/opt', 'Boxfleet', 'resources', 'app.asar', 'build', 'renderer'),
    });
  });
});
