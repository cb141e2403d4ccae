import { ADMIN, call, keyAuth, startTestBox } from './emu-client';
import type { TestBox } from './emu-client';

describe('emulator system routes', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox({ flavour: 'upstream', admin: ADMIN });
  });
  afterAll(() => box.close());
  const get = (path: string) => call(box.emu, path, { auth: keyAuth(box.emu) });
  const post = (path: string, form: Record<string, string> = {}) =>
    call(box.emu, path, { form, auth: keyAuth(box.emu) });

  test('version and latest version (500 page when offline)', async () => {
    expect(await get('/system/version')).toMatchObject({ status: 200, body: 'v75' });
    const offline = await post('/system/latest-upstream-version');
    expect(offline.status).toBe(500);
    expect(offline.body).toContain('<title>500 Internal Server Error</title>');
    box.emu.state.latestUpstreamVersion = 'v76';
    expect((await post('/system/latest-upstream-version')).body).toBe('v76');
  });

  test('status checks: a default run, or the seeded items', async () => {
    const items = JSON.parse((await post('/system/status')).body) as Array<{ type: string; text: string }>;
    expect(items[0]).toEqual({ extra: [], text: 'System', type: 'heading' });
    expect(items).toContainEqual({
      extra: [],
      text: 'You are running version Mail-in-a-Box v75. Mail-in-a-Box version check disabled by privacy setting.',
      type: 'warning',
    });
    expect(items.some((i) => i.type === 'heading' && i.text === 'Network')).toBe(true);
    expect(items.some((i) => i.text.startsWith('System administrator address exists as a mail alias.'))).toBe(true);
    box.emu.state.status = [{ type: 'error', text: 'seeded', extra: [{ monospace: true, text: 'x' }] }];
    expect((await post('/system/status')).body).toBe(
      '[\n  {\n    "extra": [\n      {\n        "monospace": true,\n        "text": "x"\n      }\n    ],\n    "text": "seeded",\n    "type": "error"\n  }\n]\n',
    );
    box.emu.state.status = [];
  });

  test('updates, upgrade, reboot', async () => {
    expect((await get('/system/updates')).body).toBe('');
    box.emu.state.updates = [{ package: 'openssl', version: '3.0.2-0ubuntu1.20' }];
    expect((await get('/system/updates')).body).toBe('openssl (3.0.2-0ubuntu1.20)\n');
    expect((await post('/system/update-packages')).body).toContain('1 upgraded');
    expect((await get('/system/updates')).body).toBe('');
    expect((await get('/system/reboot')).body).toBe('false\n');
    expect((await post('/system/reboot')).body).toBe('No reboot is required, so it is not allowed.');
    box.emu.state.rebootRequired = true;
    expect((await get('/system/reboot')).body).toBe('true\n');
    expect(await post('/system/reboot')).toMatchObject({ status: 200, body: '' });
  });

  test('privacy', async () => {
    expect((await get('/system/privacy')).body).toBe('true\n');
    expect((await post('/system/privacy', { value: 'off' })).body).toBe('OK');
    expect((await get('/system/privacy')).body).toBe('false\n');
    expect((await post('/system/privacy', { value: 'private' })).body).toBe('OK');
    expect((await get('/system/privacy')).body).toBe('true\n');
  });
});
