import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures/browser-mode';

const fleetHeading = { level: 1, name: 'Fleet', exact: true } as const;

test('the one-time token works once; a second browser is told what to do', async ({ page, browserMode, browser }) => {
  const first = await page.goto(browserMode.url);
  expect(first?.status()).toBe(200);
  await expect(page.getByRole('heading', fleetHeading)).toBeVisible();
  // The token leaves the address bar (and so the history) once it was read.
  await expect(page).not.toHaveURL(/token=/);

  const stranger = await browser.newContext();
  try {
    const tab = await stranger.newPage();
    await tab.goto(browserMode.url);
    await expect(tab.getByRole('alert')).toContainText('This link was already used');
    await expect(tab.getByRole('alert')).toContainText('Run `boxfleet serve` again');
    await expect(tab.getByRole('heading', fleetHeading)).toHaveCount(0);

    await tab.goto(`${browserMode.origin}/`);
    await expect(tab.getByRole('alert')).toContainText('Open the link that `boxfleet serve` printed');
    await expect(tab.getByRole('heading', fleetHeading)).toHaveCount(0);
  } finally {
    await stranger.close();
  }
});

test('no cookie is set, and a reload keeps the session and the route', async ({ page, context, browserMode }) => {
  await page.goto(`${browserMode.url}#/fleet`);
  await expect(page.getByRole('heading', fleetHeading)).toBeVisible();
  await expect(page).toHaveURL(`${browserMode.origin}/#/fleet`);
  expect(await context.cookies()).toEqual([]);

  await page.reload();
  await expect(page.getByRole('heading', fleetHeading)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page).toHaveURL(`${browserMode.origin}/#/fleet`);
  expect(await context.cookies()).toEqual([]);

  // The printed link opened again in the same tab: its token is spent, the tab's session still holds.
  await page.goto(browserMode.url);
  await expect(page.getByRole('heading', fleetHeading)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

/** Another server on 127.0.0.1, on another port, as any local program the browser may visit. */
async function startOtherListener(
  target: string,
): Promise<{ server: Server; origin: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  // Everything this page can see, it presents to browser mode's socket, and reports what came back.
  const script = `
    const seen = { cookie: document.cookie, session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage) };
    const ws = new WebSocket(${JSON.stringify(target.replace('http:', 'ws:') + '/api')});
    ws.onopen = () => ws.send(JSON.stringify({ hello: { session: seen.cookie || seen.session || 'x' } }));
    ws.onmessage = (e) => { document.title = 'answered: ' + e.data; };
    ws.onclose = (e) => { document.title = 'closed: ' + e.code; };`;
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>other</title><script>${script}</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

test('another listener on 127.0.0.1 receives nothing it can use', async ({ page, context, browserMode }) => {
  await page.goto(browserMode.url);
  await expect(page.getByRole('heading', fleetHeading)).toBeVisible();

  const other = await startOtherListener(browserMode.origin);
  try {
    const tab = await context.newPage();
    await tab.goto(other.origin);
    await expect(tab).toHaveTitle(/^closed: /);
    expect(await tab.title()).not.toContain('welcome');
    expect(other.seen.length).toBeGreaterThan(0);
    for (const headers of other.seen) expect(headers.cookie).toBeUndefined();
  } finally {
    await new Promise((resolve) => other.server.close(resolve));
  }
  // The session's own page is unaffected.
  await page.reload();
  await expect(page.getByRole('heading', fleetHeading)).toBeVisible();
});

test('browser mode serves no source maps', async ({ request, browserMode }) => {
  const script = await request.get(`${browserMode.origin}/app.js`);
  expect(script.status()).toBe(200);
  expect(await script.text()).not.toContain('sourceMappingURL');
  expect((await request.get(`${browserMode.origin}/app.js.map`)).status()).toBe(404);
});
