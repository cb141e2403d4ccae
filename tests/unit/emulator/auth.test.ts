import { addUser } from '../../emulator/state';
import { ADMIN, basic, call, keyAuth, startTestBox } from './emu-client';
import type { TestBox } from './emu-client';

const REALM = 'Basic realm="Mail-in-a-Box Management Server"';

describe('auth failure responses of protected routes (§2.6, verified)', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox({
      flavour: 'upstream',
      admin: ADMIN,
      seed: (s) => {
        addUser(s, { email: 'user@example.com', password: 'user password' });
        addUser(s, { email: 'umlaut@example.com', password: 'pässwort123' });
        addUser(s, { email: 'colon@example.com', password: 'pass:word:1', privileges: ['admin'] });
      },
    });
  });
  afterAll(() => box.close());

  const reason = async (headers: Record<string, string>): Promise<string | undefined> => {
    const r = await call(box.emu, '/mail/users', { headers });
    expect(r.status).toBe(401);
    return r.headers['x-reason'] as string | undefined;
  };

  test('no header: 401 text/plain with WWW-Authenticate and X-Reason', async () => {
    const r = await call(box.emu, '/mail/users');
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.headers['www-authenticate']).toBe(REALM);
    expect(r.headers['x-reason']).toBe('Authorization header invalid.');
    expect(r.body).toBe('Authorization header invalid.\n');
  });

  test('Accept decides the body format: */* and empty give text, anything else compact JSON', async () => {
    for (const accept of ['*/*', '']) {
      const r = await call(box.emu, '/mail/users', { headers: { Accept: accept } });
      expect(r.body).toBe('Authorization header invalid.\n');
    }
    for (const accept of ['text/plain', 'application/json', 'application/json, text/plain, */*']) {
      const r = await call(box.emu, '/mail/users', { headers: { Accept: accept } });
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.body).toBe('{"status": "error", "reason": "Authorization header invalid."}\n');
    }
  });

  test('X-Requested-With: XMLHttpRequest turns 401 into 403 without the challenge headers', async () => {
    const r = await call(box.emu, '/mail/users', { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    expect(r.status).toBe(403);
    expect(r.headers['www-authenticate']).toBeUndefined();
    expect(r.headers['x-reason']).toBeUndefined();
    expect(r.body).toBe('Authorization header invalid.\n');
  });

  test('header parsing reasons', async () => {
    const b64 = (s: string): string => Buffer.from(s, 'latin1').toString('base64');
    expect(await reason({ Authorization: 'basic ' + b64('a:b') })).toBe('Authorization header invalid.');
    expect(await reason({ Authorization: 'Bearer xyz' })).toBe('Authorization header invalid.');
    expect(await reason({ Authorization: 'Basic ' + b64('nocolon') })).toBe('Authorization header invalid.');
    expect(await reason({ Authorization: 'Basic ' + b64(':password') })).toBe('Authorization header invalid.');
    expect(await reason({ Authorization: 'Basic ' + b64(':') })).toBe('Authorization header invalid.');
    expect(await reason({ Authorization: 'Basic abc' })).toBe('Incorrect padding');
    expect(await reason({ Authorization: 'Basic ' + b64(' : ') })).toBe(
      'No email address, password, session key, or API key provided.',
    );
    expect(await reason({ Authorization: basic('umlaut@example.com', 'pässwort123') })).toBe(
      "'ascii' codec can't decode byte 0xc3 in position 20: ordinal not in range(128)",
    );
  });

  test('credential reasons', async () => {
    expect(await reason({ Authorization: basic('0123456789abcdef0123456789abcdef', '') })).toBe('Enter a password.');
    expect(await reason({ Authorization: basic(ADMIN.email, 'wrong password') })).toBe(
      'Incorrect email address or password.',
    );
    expect(await reason({ Authorization: basic('nobody@example.com', 'whatever1') })).toBe(
      'Incorrect email address or password.',
    );
    expect(await reason({ Authorization: basic('Me@example.com', ADMIN.password) })).toBe(
      'Incorrect email address or password.',
    );
    expect(await reason({ Authorization: basic('user@example.com', 'user password') })).toBe(
      'You are not an administrator.',
    );
  });

  test('the API key, an admin password and a password containing ":" authenticate', async () => {
    expect((await call(box.emu, '/mail/users', { auth: keyAuth(box.emu) })).status).toBe(200);
    expect((await call(box.emu, '/mail/users', { auth: [ADMIN.email, ADMIN.password] })).status).toBe(200);
    expect((await call(box.emu, '/mail/users', { auth: ['colon@example.com', 'pass:word:1'] })).status).toBe(200);
  });

  test('a session of a deleted user gives "That\'s not a user"', async () => {
    const login = await call(box.emu, '/login', { method: 'POST', auth: [ADMIN.email, ADMIN.password] });
    const key = (JSON.parse(login.body) as { api_key: string }).api_key;
    const before = box.emu.state.users;
    box.emu.state.users = before.filter((u) => u.email !== ADMIN.email);
    try {
      expect(await reason({ Authorization: basic(ADMIN.email, key) })).toBe(`That's not a user (${ADMIN.email}).`);
    } finally {
      box.emu.state.users = before;
    }
  });
});
