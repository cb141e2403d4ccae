import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WS_CLOSE } from '../../../src-shared/contract/wire';
import { createCore } from '../../../src-main/compose/core';
import { startBrowserServer, type RunningServer } from '../../../src-main/serve/server';
import { helloPage, openPage } from './page-client';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let server: RunningServer;
let token: string;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bf-serve-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Boxfleet</title>');
  await writeFile(join(rendererDir, 'app.js'), 'void 0;\n');
  await writeFile(join(rendererDir, 'app.js.map'), '{"version":3,"sources":["secret.ts"]}');
  await writeFile(join(dir, 'secret.txt'), 'not for the browser');
  const core = await createCore({ dataDir: join(dir, 'data'), mode: 'browser', log: () => {} });
  server = await startBrowserServer({ core, rendererDir });
  token = new URL(server.url).searchParams.get('token') as string;
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('browser mode server', () => {
  it('prints a loopback URL with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/);
  });

  it('serves the app, which holds no secret, with a strict CSP and never sets a cookie', async () => {
    for (const path of ['/', `/?token=${token}`, '/app.js']) {
      const answer = await get(server.port, path);
      expect(answer.status).toBe(200);
      expect(answer.headers['set-cookie']).toBeUndefined();
      expect(answer.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/);
    }
    expect((await get(server.port, '/')).body).toContain('<title>Boxfleet</title>');
  });

  it('refuses a foreign Host (DNS rebinding) or Origin', async () => {
    expect((await get(server.port, '/', { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(server.port, '/', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(server.port, '/', { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await get(server.port, '/', { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('never serves files outside the renderer directory, nor source maps', async () => {
    expect((await get(server.port, '/../secret.txt')).status).toBe(404);
    expect((await get(server.port, '/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get(server.port, '/app.js.map')).status).toBe(404);
    expect((await get(server.port, '/app.js.MAP')).status).toBe(404);
  });

  it('answers 400 to a request target URL parsing rejects, and keeps serving', async () => {
    expect((await get(server.port, '//[x')).status).toBe(400);
    expect((await get(server.port, '//0x100000000')).status).toBe(400);
    expect((await get(server.port, '/')).status).toBe(200);
  });

  it('refuses the WebSocket to a foreign or missing Origin, or a foreign Host', async () => {
    const port = server.port;
    const attempts: Array<Record<string, string>> = [
      {},
      { origin: 'http://evil.example' },
      { origin: 'http://127.0.0.1:1' },
      { origin: `http://127.0.0.1:${port}`, host: `evil.example:${port}` },
    ];
    for (const headers of attempts) {
      await expect(openPage(port, headers)).rejects.toThrow(/403/);
    }
  });

  it('refuses calls before the hello', async () => {
    const page = await openPage(server.port);
    page.send({ id: 1, method: 'boxes.list', request: {} });
    expect(await page.closed).toEqual({ code: WS_CLOSE.noSession, reason: 'hello first' });
  });

  it('trades the token once for a session secret that carries calls and later sockets', async () => {
    const { page, session } = await helloPage(server.port, { token });
    expect(session).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(session).not.toBe(token);
    page.send({ id: 7, method: 'boxes.list', request: {} });
    expect(await page.next()).toEqual({ id: 7, result: { ok: true, value: [] } });

    // A reload: a new socket presents the secret the page kept.
    const reloaded = await helloPage(server.port, { session });
    expect(reloaded.session).toBe(session);
    reloaded.page.send({ id: 1, method: 'app.info', request: {} });
    expect(await reloaded.page.next()).toMatchObject({ id: 1, result: { ok: true } });
    page.ws.close();
    reloaded.page.ws.close();
  });

  it('refuses a replayed token and a guessed or stale session secret', async () => {
    const { page } = await helloPage(server.port, { token });
    const replay = await openPage(server.port);
    replay.send({ hello: { token } });
    expect((await replay.closed).code).toBe(WS_CLOSE.tokenRefused);

    const wrong = await openPage(server.port);
    wrong.send({ hello: { session: token } });
    expect((await wrong.closed).code).toBe(WS_CLOSE.sessionEnded);
    page.ws.close();
  });

  it('refuses to bind anywhere but loopback', async () => {
    const core = await createCore({ dataDir: join(dir, 'other'), mode: 'browser', log: () => {} });
    await expect(startBrowserServer({ core, rendererDir: '/nonexistent', host: '0.0.0.0' })).rejects.toThrow(
      /127\.0\.0\.1/,
    );
  });
});
