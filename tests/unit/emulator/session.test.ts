import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addTotp, addUser, newTotpSecret } from '../../emulator/state';
import { totpToken } from '../../emulator/totp';
import { ADMIN, basic, call, keyAuth, startTestBox } from './emu-client';
import type { TestBox } from './emu-client';

interface LoginReply {
  status: string;
  reason?: string;
  api_key?: string;
  privileges?: string[];
}

describe('POST /login and /logout, sessions (§2.3, §2.4, §4.1)', () => {
  let box: TestBox;
  let clock = Date.now();
  beforeAll(async () => {
    box = await startTestBox({
      flavour: 'upstream',
      admin: ADMIN,
      now: () => new Date(clock),
      seed: (s) => {
        addUser(s, { email: 'user@example.com', password: 'user password' });
      },
    });
  });
  afterAll(() => box.close());

  const login = async (headers: Record<string, string>): Promise<LoginReply> => {
    const r = await call(box.emu, '/login', { method: 'POST', headers });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    return JSON.parse(r.body) as LoginReply;
  };

  test('success gives a 64-hex session key, byte-exact pretty JSON', async () => {
    const r = await call(box.emu, '/login', { method: 'POST', auth: [ADMIN.email, ADMIN.password] });
    const key = (JSON.parse(r.body) as LoginReply).api_key as string;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(r.body).toBe(
      `{\n  "api_key": "${key}",\n  "email": "me@example.com",\n  "privileges": [\n    "admin"\n  ],\n  "status": "ok"\n}\n`,
    );
    const users = await call(box.emu, '/mail/users', { auth: [ADMIN.email, key] });
    expect(users.status).toBe(200);
  });

  test('failures are 200 with status invalid', async () => {
    const bad = await call(box.emu, '/login', {
      method: 'POST',
      auth: [ADMIN.email, 'nope nope'],
      headers: { 'X-Forwarded-For': '198.51.100.7' },
    });
    expect(bad.body).toBe('{\n  "reason": "Incorrect email address or password.",\n  "status": "invalid"\n}\n');
    expect(readFileSync(join(box.root, 'var/log/syslog'), 'utf8')).toContain(
      'Mail-in-a-Box Management Daemon: Failed login attempt from ip 198.51.100.7 - timestamp ',
    );
    expect(await login({})).toEqual({ reason: 'Authorization header invalid.', status: 'invalid' });
    expect(await login({ Authorization: basic(box.emu.apiKey(), '') })).toEqual({
      reason: 'Enter a password.',
      status: 'invalid',
    });
    const ok = await login({ Authorization: basic(ADMIN.email, ADMIN.password) });
    expect(await login({ Authorization: basic(ADMIN.email, ok.api_key as string) })).toEqual({
      reason: 'Incorrect email address or password.',
      status: 'invalid',
    });
  });

  test('non-admins get a session with no privileges, and nothing else works for them', async () => {
    const r = await login({ Authorization: basic('user@example.com', 'user password') });
    expect(r.status).toBe('ok');
    expect(r.privileges).toEqual([]);
    const denied = await call(box.emu, '/mail/users', { auth: ['user@example.com', r.api_key as string] });
    expect(denied.headers['x-reason']).toBe('You are not an administrator.');
  });

  test('logout deletes the session and always answers ok', async () => {
    const { api_key: key } = await login({ Authorization: basic(ADMIN.email, ADMIN.password) });
    const out = await call(box.emu, '/logout', { method: 'POST', auth: [ADMIN.email, key as string] });
    expect(out.body).toBe('{\n  "status": "ok"\n}\n');
    const after = await call(box.emu, '/mail/users', { auth: [ADMIN.email, key as string] });
    expect(after.headers['x-reason']).toBe('Incorrect email address or password.');
    expect((await call(box.emu, '/logout', { method: 'POST' })).body).toBe('{\n  "status": "ok"\n}\n');
  });

  test('a session key only works with its own email', async () => {
    const { api_key: key } = await login({ Authorization: basic(ADMIN.email, ADMIN.password) });
    const r = await call(box.emu, '/mail/users', { auth: ['user@example.com', key as string] });
    expect(r.headers['x-reason']).toBe('Incorrect email address or password.');
  });

  test('a password change invalidates sessions, even through the API key', async () => {
    const { api_key: key } = await login({ Authorization: basic('user@example.com', 'user password') });
    const change = await call(box.emu, '/mail/users/password', {
      auth: keyAuth(box.emu),
      form: { email: 'user@example.com', password: 'user password' },
    });
    expect(change.body).toBe('OK');
    const r = await call(box.emu, '/mail/users', { auth: ['user@example.com', key as string] });
    expect(r.headers['x-reason']).toBe('Incorrect email address or password.');
  });

  test('sessions expire 2 days after their last use', async () => {
    const { api_key: key } = await login({ Authorization: basic(ADMIN.email, ADMIN.password) });
    const auth: [string, string] = [ADMIN.email, key as string];
    clock += 47 * 3600 * 1000;
    expect((await call(box.emu, '/mail/users', { auth })).status).toBe(200);
    clock += 47 * 3600 * 1000;
    expect((await call(box.emu, '/mail/users', { auth })).status).toBe(200);
    clock += 49 * 3600 * 1000;
    expect((await call(box.emu, '/mail/users', { auth })).headers['x-reason']).toBe(
      'Incorrect email address or password.',
    );
  });

  test('the map holds 64 sessions; a write to a full map evicts the oldest, re-ups included', async () => {
    const first = (await login({ Authorization: basic(ADMIN.email, ADMIN.password) })).api_key as string;
    const second = (await login({ Authorization: basic(ADMIN.email, ADMIN.password) })).api_key as string;
    let newest = '';
    for (let i = 0; i < 62; i++)
      newest = (await login({ Authorization: basic(ADMIN.email, ADMIN.password) })).api_key as string;
    // Full now (first..newest). Using `newest` re-ups it, and that write evicts `first`.
    expect((await call(box.emu, '/mail/users', { auth: [ADMIN.email, newest] })).status).toBe(200);
    const r = await call(box.emu, '/mail/users', { auth: [ADMIN.email, first] });
    expect(r.headers['x-reason']).toBe('Incorrect email address or password.');
    // That re-up left 63 entries: one login refills the map, the next evicts the oldest.
    await login({ Authorization: basic(ADMIN.email, ADMIN.password) });
    await login({ Authorization: basic(ADMIN.email, ADMIN.password) });
    const r2 = await call(box.emu, '/mail/users', { auth: [ADMIN.email, second] });
    expect(r2.headers['x-reason']).toBe('Incorrect email address or password.');
    expect((await call(box.emu, '/mail/users', { auth: [ADMIN.email, newest] })).status).toBe(200);
  });
});

describe('TOTP on login and on routes (§2.5)', () => {
  let box: TestBox;
  const secret = newTotpSecret();
  let clock = Math.floor(Date.now() / 30000) * 30000 + 1000;
  beforeAll(async () => {
    box = await startTestBox({
      flavour: 'upstream',
      admin: ADMIN,
      now: () => new Date(clock),
      seed: (s) => {
        addTotp(s, ADMIN.email, secret, 'phone');
      },
    });
  });
  afterAll(() => box.close());

  const login = async (token?: string): Promise<LoginReply> => {
    const headers: Record<string, string> = { Authorization: basic(ADMIN.email, ADMIN.password) };
    if (token !== undefined) headers['X-Auth-Token'] = token;
    return JSON.parse((await call(box.emu, '/login', { method: 'POST', headers })).body) as LoginReply;
  };

  test('missing, wrong and replayed tokens', async () => {
    expect(await login()).toEqual({ reason: 'missing-totp-token', status: 'missing-totp-token' });
    expect(await login('')).toEqual({ reason: 'missing-totp-token', status: 'missing-totp-token' });
    expect(await login('000000' === totpToken(secret, clock / 1000) ? '111111' : '000000')).toEqual({
      reason: 'invalid-totp-token',
      status: 'invalid',
    });
    const token = totpToken(secret, clock / 1000);
    const ok = await login(token);
    expect(ok.status).toBe('ok');
    expect(await login(token)).toEqual({ reason: 'invalid-totp-token', status: 'invalid' });
    // The session key needs no token.
    expect((await call(box.emu, '/mail/users', { auth: [ADMIN.email, ok.api_key as string] })).status).toBe(200);
  });

  test('±1 step of tolerance', async () => {
    clock += 60_000;
    expect((await login(totpToken(secret, clock / 1000 - 30))).status).toBe('ok');
    expect((await login(totpToken(secret, clock / 1000 + 30))).status).toBe('ok');
    expect((await login(totpToken(secret, clock / 1000 + 60))).status).toBe('invalid');
  });

  test('password auth on a route needs the token too', async () => {
    clock += 90_000;
    const r = await call(box.emu, '/mail/users', { auth: [ADMIN.email, ADMIN.password] });
    expect(r.headers['x-reason']).toBe('missing-totp-token');
    const ok = await call(box.emu, '/mail/users', {
      auth: [ADMIN.email, ADMIN.password],
      headers: { 'x-auth-token': totpToken(secret, clock / 1000) },
    });
    expect(ok.status).toBe(200);
  });
});
