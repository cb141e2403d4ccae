import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WS_CLOSE } from '../../../src-shared/contract/wire';
import { createCore } from '../../../src-main/compose/core';
import { startBrowserServer, type RunningServer } from '../../../src-main/serve/server';
import { SessionKeeper } from '../../../src-main/serve/sessions';
import { helloPage, openPage } from './page-client';

const LIMITS = { idleMs: 60_000, absoluteMs: 600_000 };

describe('browser-mode session expiry (a clock the test moves)', () => {
  let now = 1_000_000;
  let server: RunningServer;
  let token: string;
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bf-serve-'));
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
    const core = await createCore({ dataDir: join(dir, 'data'), mode: 'browser', log: () => {} });
    server = await startBrowserServer({
      core,
      rendererDir: join(dir, 'renderer'),
      sessionLimits: LIMITS,
      clock: () => now,
    });
    token = new URL(server.url).searchParams.get('token') as string;
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ends a session no page used for the idle time', async () => {
    const { page, session } = await helloPage(server.port, { token });
    page.ws.close();
    await page.closed;
    now += LIMITS.idleMs - 1;
    const back = await helloPage(server.port, { session });
    back.page.ws.close();
    await back.page.closed;
    now += LIMITS.idleMs;
    const late = await openPage(server.port);
    late.send({ hello: { session } });
    expect((await late.closed).code).toBe(WS_CLOSE.sessionEnded);
  });

  it('keeps a session with an open page past the idle time, but not past the absolute limit', async () => {
    const { page } = await helloPage(server.port, { token });
    now += LIMITS.idleMs * 3;
    page.send({ id: 1, method: 'boxes.list', request: {} });
    expect(await page.next()).toEqual({ id: 1, result: { ok: true, value: [] } });
    now += LIMITS.absoluteMs;
    page.send({ id: 2, method: 'boxes.list', request: {} });
    expect(await page.closed).toEqual({ code: WS_CLOSE.sessionEnded, reason: 'session ended' });
  });
});

describe('SessionKeeper', () => {
  it('redeems the token once and forgets an expired session for good', () => {
    let now = 0;
    const keeper = new SessionKeeper(LIMITS, () => now);
    const token = keeper.oneTimeToken as string;
    const first = keeper.redeem(token);
    expect(first.ok).toBe(true);
    expect(keeper.oneTimeToken).toBeNull();
    expect(keeper.redeem(token)).toEqual({ ok: false, reason: 'token-refused' });
    if (!first.ok) return;
    now += LIMITS.absoluteMs;
    expect(keeper.isLive(first.session)).toBe(false);
    now = 0;
    expect(keeper.resume(first.session)).toEqual({ ok: false, reason: 'session-ended' });
  });
});
