import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, call, keyAuth, startTestBox } from './emu-client';
import type { TestBox } from './emu-client';

describe('emulator munin routes', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox({ flavour: 'upstream', admin: ADMIN });
    const www = join(box.root, 'var', 'cache', 'munin', 'www');
    mkdirSync(www, { recursive: true });
    writeFileSync(join(www, 'index.html'), '<html>munin</html>');
  });
  afterAll(() => box.close());

  test('cookie from /munin/, files with it, 403 without', async () => {
    expect((await call(box.emu, '/munin/', { auth: keyAuth(box.emu) })).status).toBe(500);
    const start = await call(box.emu, '/munin/', { auth: [ADMIN.email, ADMIN.password] });
    expect(start.body).toBe('OK');
    const setCookie = String(start.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^session=[0-9a-f]{64}; Expires=\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT; Max-Age=1800; Secure; HttpOnly; Path=\/; SameSite=Strict$/,
    );
    const cookie = setCookie.split(';')[0] as string;

    const denied = await call(box.emu, '/munin/index.html');
    expect(denied).toMatchObject({ status: 403, body: 'Unauthorized' });
    expect(denied.headers['content-type']).toBe('text/plain; charset=utf-8');
    const page = await call(box.emu, '/munin/index.html', { headers: { Cookie: cookie } });
    expect(page).toMatchObject({ status: 200, body: '<html>munin</html>' });
    expect((await call(box.emu, '/munin/missing.html', { headers: { Cookie: cookie } })).status).toBe(404);
    const graph = await call(box.emu, '/munin/cgi-graph/localhost/cpu-day.png', { headers: { Cookie: cookie } });
    expect(graph).toMatchObject({ status: 500, body: 'error processing graph image' });
  });
});
