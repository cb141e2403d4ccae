import { addTotp, addUser, newTotpSecret } from '../../emulator/state';
import { totpToken, verifyTotp } from '../../emulator/totp';
import { ADMIN, call, keyAuth, startTestBox } from './emu-client';
import type { TestBox } from './emu-client';

interface Status {
  enabled_mfa: Array<{ id: number; label: string | null; type: string }>;
  new_mfa?: { totp: { qr_code_base64: string; secret: string; type: string } };
}

const me: [string, string] = [ADMIN.email, ADMIN.password];

describe('MFA routes, upstream (§4.6)', () => {
  let box: TestBox;
  let clock = Math.floor(Date.now() / 30000) * 30000 + 5000;
  beforeAll(async () => {
    box = await startTestBox({
      flavour: 'upstream',
      admin: ADMIN,
      now: () => new Date(clock),
      seed: (s) => {
        addUser(s, { email: 'other@example.com', password: 'other password', privileges: ['admin'] });
      },
    });
  });
  afterAll(() => box.close());

  test('status for the caller carries a fresh proposal; for others or with the key only enabled_mfa', async () => {
    const r = await call(box.emu, '/mfa/status', { method: 'POST', auth: me });
    expect(r.headers['content-type']).toBe('application/json');
    const s = JSON.parse(r.body) as Status;
    expect(s.enabled_mfa).toEqual([]);
    expect(s.new_mfa?.totp.type).toBe('totp');
    expect(s.new_mfa?.totp.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(
      Buffer.from(s.new_mfa?.totp.qr_code_base64 ?? '', 'base64')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const again = JSON.parse((await call(box.emu, '/mfa/status', { method: 'POST', auth: me })).body) as Status;
    expect(again.new_mfa?.totp.secret).not.toBe(s.new_mfa?.totp.secret);

    const other = await call(box.emu, '/mfa/status', { auth: me, form: { user: 'other@example.com' } });
    expect(other.body).toBe('{\n  "enabled_mfa": []\n}\n');
    const key = await call(box.emu, '/mfa/status', { auth: keyAuth(box.emu), form: { user: 'other@example.com' } });
    expect(key.body).toBe('{\n  "enabled_mfa": []\n}\n');
    const keyNoUser = await call(box.emu, '/mfa/status', { method: 'POST', auth: keyAuth(box.emu) });
    expect([keyNoUser.status, keyNoUser.body]).toEqual([400, 'User does not exist.']);
    const unknown = await call(box.emu, '/mfa/status', { auth: me, form: { user: 'nobody@example.com' } });
    expect([unknown.status, unknown.body]).toEqual([400, 'User does not exist.']);
  });

  test('enable: input errors, then OK; the old session dies and login needs a token', async () => {
    const login = await call(box.emu, '/login', { method: 'POST', auth: me });
    const session: [string, string] = [ADMIN.email, (JSON.parse(login.body) as { api_key: string }).api_key];
    const secret = newTotpSecret();
    const token = totpToken(secret, clock / 1000);
    const errors: Array<[Record<string, string>, string]> = [
      [{ secret }, 'Bad Input'],
      [{ token }, 'No secret provided.'],
      [{ secret: 'ABC', token }, 'Secret should be a 32 characters base32 string'],
      [{ secret: '1'.repeat(32), token }, 'Non-base32 digit found'],
      [{ secret, token: token === '000000' ? '111111' : '000000' }, 'Invalid token.'],
    ];
    for (const [form, message] of errors) {
      const r = await call(box.emu, '/mfa/totp/enable', { auth: session, form });
      expect([r.status, r.body]).toEqual([400, message]);
    }
    const viaKey = await call(box.emu, '/mfa/totp/enable', { auth: keyAuth(box.emu), form: { secret, token } });
    expect([viaKey.status, viaKey.body]).toEqual([400, 'User does not exist.']);

    const ok = await call(box.emu, '/mfa/totp/enable', { auth: session, form: { secret, token, label: 'phone' } });
    expect([ok.status, ok.body]).toEqual([200, 'OK']);
    const dead = await call(box.emu, '/mail/users', { auth: session });
    expect(dead.headers['x-reason']).toBe('Incorrect email address or password.');
    const status = await call(box.emu, '/mfa/status', { auth: keyAuth(box.emu), form: { user: ADMIN.email } });
    expect(status.body).toBe(
      '{\n  "enabled_mfa": [\n    {\n      "id": 1,\n      "label": "phone",\n      "type": "totp"\n    }\n  ]\n}\n',
    );
    const noToken = await call(box.emu, '/login', { method: 'POST', auth: me });
    expect(JSON.parse(noToken.body)).toEqual({ reason: 'missing-totp-token', status: 'missing-totp-token' });
    clock += 30_000;
    const withToken = await call(box.emu, '/login', {
      method: 'POST',
      auth: me,
      headers: { 'X-Auth-Token': totpToken(secret, clock / 1000) },
    });
    expect((JSON.parse(withToken.body) as { status: string }).status).toBe('ok');
  });

  test('disable: by id, all, and the error answers', async () => {
    const other = box.emu.state.users.find((u) => u.email === 'other@example.com');
    expect(other).toBeDefined();
    addTotp(box.emu.state, 'other@example.com', newTotpSecret(), null);
    addTotp(box.emu.state, 'other@example.com', newTotpSecret(), 'backup');
    const key = keyAuth(box.emu);
    const ids = other?.mfa.map((d) => d.id) ?? [];
    expect(
      (await call(box.emu, '/mfa/disable', { auth: key, form: { user: 'other@example.com', 'mfa-id': '999' } })).body,
    ).toBe('Invalid user or MFA id.');
    expect(
      (
        await call(box.emu, '/mfa/disable', {
          auth: key,
          form: { user: 'other@example.com', 'mfa-id': String(ids[0]) },
        })
      ).body,
    ).toBe('OK');
    expect(
      (await call(box.emu, '/mfa/disable', { auth: key, form: { user: 'other@example.com', 'mfa-id': '' } })).body,
    ).toBe('OK');
    const none = await call(box.emu, '/mfa/disable', { auth: key, form: { user: 'other@example.com' } });
    expect([none.status, none.body]).toEqual([400, 'Invalid user or MFA id.']);
    const unknown = await call(box.emu, '/mfa/disable', { auth: key, form: { user: 'nobody@example.com' } });
    expect([unknown.status, unknown.body]).toEqual([400, 'User does not exist.']);
    expect((await call(box.emu, '/mfa/disable', { method: 'POST', auth: key })).body).toBe('User does not exist.');
  });
});

describe('MFA routes, Power self-service (§6.3.1)', () => {
  test('non-admins manage their own MFA only', async () => {
    const box = await startTestBox({
      flavour: 'power',
      admin: ADMIN,
      seed: (s) => {
        addUser(s, { email: 'plain@example.com', password: 'plain password' });
      },
    });
    try {
      const plain: [string, string] = ['plain@example.com', 'plain password'];
      const own = JSON.parse((await call(box.emu, '/mfa/status', { method: 'POST', auth: plain })).body) as Status;
      expect(own.new_mfa?.totp.secret).toMatch(/^[A-Z2-7]{32}$/);
      const foreign = await call(box.emu, '/mfa/status', { auth: plain, form: { user: ADMIN.email } });
      expect([foreign.status, foreign.body]).toEqual([
        403,
        'You are not an administrator; you can only view your own MFA status!',
      ]);
      const disable = await call(box.emu, '/mfa/disable', { auth: plain, form: { user: ADMIN.email } });
      expect([disable.status, disable.body]).toEqual([
        403,
        'You are not an administrator; you can only view your own MFA status!',
      ]);
      const secret = own.new_mfa?.totp.secret ?? '';
      const enable = await call(box.emu, '/mfa/totp/enable', {
        auth: plain,
        form: { secret, token: totpToken(secret) },
      });
      expect(enable.body).toBe('OK');
      const upstream = await startTestBox({
        flavour: 'upstream',
        seed: (s) => void addUser(s, { email: 'plain@example.com', password: 'plain password' }),
      });
      try {
        const r = await call(upstream.emu, '/mfa/status', { method: 'POST', auth: plain });
        expect(r.headers['x-reason']).toBe('You are not an administrator.');
      } finally {
        await upstream.close();
      }
    } finally {
      await box.close();
    }
  });
});

describe('TOTP codes', () => {
  test('follow RFC 6238 (its SHA-1 test vectors, last six digits) and verify with ±1 step', () => {
    // RFC 6238 Appendix B: secret "12345678901234567890" in ASCII, here in base32.
    const rfc = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect([59, 1111111109, 1111111111, 1234567890, 2000000000].map((t) => totpToken(rfc, t))).toEqual([
      '287082',
      '081804',
      '050471',
      '005924',
      '279037',
    ]);
    const secret = newTotpSecret();
    const epoch = 1_700_000_000;
    expect(verifyTotp(secret, totpToken(secret, epoch - 30), epoch)).toBe(true);
    expect(verifyTotp(secret, totpToken(secret, epoch + 30), epoch)).toBe(true);
    expect(verifyTotp(secret, totpToken(secret, epoch + 60), epoch)).toBe(false);
    expect(verifyTotp(secret.toLowerCase(), totpToken(secret, epoch), epoch)).toBe(true);
    expect(verifyTotp(secret, 'abcdef', epoch)).toBe(false);
  });
});
