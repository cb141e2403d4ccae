import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, call, keyAuth, startTestBox } from './emu-client';
import type { TestBox } from './emu-client';

describe('emulator web routes', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox({ flavour: 'power', admin: ADMIN });
  });
  afterAll(() => box.close());

  test('web domains: roots, redirects, custom roots, Power openpgpkey names', async () => {
    mkdirSync(join(box.emu.box.storageDir, 'www', 'example.com'), { recursive: true });
    box.emu.state.webCustomRoots.push('mta-sts.example.com');
    const r = await call(box.emu, '/web/domains', { auth: keyAuth(box.emu) });
    expect(r.headers['content-type']).toBe('application/json');
    const list = JSON.parse(r.body) as Array<{
      domain: string;
      root: string;
      static_enabled: boolean;
      ssl_certificate: unknown;
    }>;
    expect(list.map((d) => d.domain)).toEqual([
      'box.example.com',
      'mta-sts.box.example.com',
      'openpgpkey.box.example.com',
      'example.com',
      'autoconfig.example.com',
      'autodiscover.example.com',
      'mta-sts.example.com',
      'openpgpkey.example.com',
      'www.example.com',
    ]);
    const by = new Map(list.map((d) => [d.domain, d]));
    expect(by.get('example.com')?.root).toBe('/home/user-data/www/example.com');
    expect(by.get('www.example.com')?.static_enabled).toBe(false);
    expect(by.get('mta-sts.example.com')?.static_enabled).toBe(false);
    expect(by.get('example.com')?.ssl_certificate).toEqual(['danger', 'No certificate installed.']);
    expect(r.body).toContain('"ssl_certificate": [\n      "danger",\n      "No certificate installed."\n    ],');
  });

  test('web update reports a change once', async () => {
    const first = await call(box.emu, '/web/update', { form: {}, auth: keyAuth(box.emu) });
    expect(first).toMatchObject({ status: 200, body: 'web updated\n' });
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await call(box.emu, '/web/update', { form: {}, auth: keyAuth(box.emu) })).body).toBe('');
  });
});
