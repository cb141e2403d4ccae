import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createCore } from '../../../src-main/compose/core';
import { startBrowserServer, type RunningServer } from '../../../src-main/serve/server';

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

beforeEach(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'bf-serve-'));
  const rendererDir = join(dataDir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Boxfleet</title>');
  await writeFile(join(dataDir, 'secret.txt'), 'not for the browser');
  const core = await createCore({ dataDir, mode: 'browser', log: () => {} });
  server = await startBrowserServer({ core, rendererDir });
  token = new URL(server.url).searchParams.get('token') as string;
});
afterEach(() => server.close());

async function session(): Promise<string> {
  const answer = await get(server.port, `/?token=${token}`);
  expect(answer.status).toBe(303);
  const cookie = String(answer.headers['set-cookie']).split(';')[0] as string;
  expect(String(answer.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
  return cookie;
}

describe('browser mode server', () => {
  it('prints a loopback URL with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/);
  });

  it('refuses requests without the token or the session cookie', async () => {
    expect((await get(server.port, '/')).status).toBe(403);
    expect((await get(server.port, '/?token=wrong')).status).toBe(403);
  });

  it('accepts the token once, then serves the app with a strict CSP to the session', async () => {
    const cookie = await session();
    expect((await get(server.port, `/?token=${token}`)).status).toBe(403);
    const page = await get(server.port, '/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Boxfleet</title>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/);
  });

  it('refuses a foreign Host (DNS rebinding) or Origin even with a session', async () => {
    const cookie = await session();
    expect((await get(server.port, '/', { cookie, host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(server.port, '/', { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(server.port, '/', { cookie, origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('never serves files outside the renderer directory', async () => {
    const cookie = await session();
    expect((await get(server.port, '/../secret.txt', { cookie })).status).toBe(404);
    expect((await get(server.port, '/%2e%2e/secret.txt', { cookie })).status).toBe(404);
  });

  it('answers contract calls over the WebSocket only for the session and this origin', async () => {
    const cookie = await session();
    const origin = `http://127.0.0.1:${server.port}`;
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers: { cookie, origin } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const reply = new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    ws.send(JSON.stringify({ id: 7, method: 'boxes.list', request: {} }));
    expect(await reply).toEqual({ id: 7, result: { ok: true, value: [] } });
    ws.close();

    for (const headers of [{ origin }, { cookie, origin: 'http://evil.example' }, { cookie }]) {
      const refused = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers });
      await expect(
        new Promise((resolve, reject) => {
          refused.once('open', resolve);
          refused.once('error', reject);
        }),
      ).rejects.toThrow(/403/);
    }
  });

  it('refuses to bind anywhere but loopback', async () => {
    const core = await createCore({
      dataDir: await mkdtemp(join(tmpdir(), 'bf-serve-')),
      mode: 'browser',
      log: () => {},
    });
    await expect(startBrowserServer({ core, rendererDir: '/nonexistent', host: '0.0.0.0' })).rejects.toThrow(
      /127\.0\.0\.1/,
    );
  });
});
