/**
 * §2 of the reference: header parsing, evaluation order, the API key, /login, sessions, TOTP, the 401/403 answers
 * of protected routes and the routes that cannot act for the API key.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { addTotp, addUser } from '../../../emulator/state';
import { totpToken } from '../../../emulator/totp';
import type { BoxState } from '../../../emulator/types';
import { ADMIN, JSON_TYPE, PLAIN, REALM, USER, basicHeader, bad, html500, loginRefused, unauthorized } from './fact';
import type { Fact, Req } from './fact';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const b64 = (s: string): string => Buffer.from(s, 'latin1').toString('base64');
const users = (path = '/mail/users'): Req => ({ path, auth: 'none' });
const withHeader = (authorization: string, headers: Record<string, string> = {}): Req => ({
  path: '/mail/users',
  auth: 'none',
  headers: { Authorization: authorization, ...headers },
});
const seedUser = (s: BoxState): void => void addUser(s, { email: USER.email, password: USER.password });
const seedTotp = (s: BoxState): void => void addTotp(s, ADMIN.email, SECRET);
const INVALID = 'Authorization header invalid.';
const DAY = 86400_000;
// A settable clock for the expiry facts (cases run one after the other).
let elapsed = 0;
const clock = { now: (): Date => new Date(Date.UTC(2026, 0, 1) + elapsed) };

export const authFacts: Fact[] = [
  // §2.1 header parsing (verified)
  { ref: '§2.1', what: 'no Authorization header', from: 'verified', req: users(), want: unauthorized(INVALID) },
  {
    ref: '§2.1',
    what: 'scheme is case-sensitive: "basic" is refused',
    from: 'verified',
    req: withHeader('basic ' + b64(`${ADMIN.email}:${ADMIN.password}`)),
    want: unauthorized(INVALID),
  },
  {
    ref: '§2.1',
    what: 'a non-Basic scheme is refused',
    from: 'verified',
    req: withHeader('Bearer abcdef'),
    want: unauthorized(INVALID),
  },
  {
    ref: '§2.1',
    what: 'decoded credentials without ":"',
    from: 'verified',
    req: withHeader('Basic ' + b64('nocolon')),
    want: unauthorized(INVALID),
  },
  {
    ref: '§2.1',
    what: 'broken base64 "Basic abc" gives the decoder error',
    from: 'verified',
    req: withHeader('Basic abc'),
    want: unauthorized('Incorrect padding'),
  },
  {
    ref: '§2.1',
    what: "non-ASCII credentials give Python's decode error",
    from: 'verified',
    seed: (s) => void addUser(s, { email: 'umlaut@example.com', password: 'pässwort123' }),
    req: withHeader(basicHeader('umlaut@example.com', 'pässwort123')),
    want: unauthorized(
      `'ascii' codec can't decode byte 0xc3 in position ${'umlaut@example.com:p'.length}: ordinal not in range(128)`,
    ),
  },
  {
    ref: '§2.1',
    what: 'empty username',
    from: 'verified',
    req: withHeader('Basic ' + b64(':password')),
    want: unauthorized(INVALID),
  },
  {
    ref: '§2.1',
    what: 'empty username and password',
    from: 'verified',
    req: withHeader('Basic ' + b64(':')),
    want: unauthorized(INVALID),
  },
  {
    ref: '§2.1',
    what: 'split at the first ":", so a password may contain ":"',
    from: 'verified',
    seed: (s) => void addUser(s, { email: 'colon@example.com', password: 'pass:word:1', privileges: ['admin'] }),
    req: { path: '/mail/users', auth: ['colon@example.com', 'pass:word:1'] },
    want: { status: 200, body: 'colon@example.com\nme@example.com\n' },
  },
  // §2.1 evaluation order (from the code; the reasons are the verified ones of §2.6)
  {
    ref: '§2.1',
    what: 'a password that is only whitespace gives "Enter a password."',
    from: 'code',
    req: { path: '/mail/users', auth: [ADMIN.email, '   '] },
    want: unauthorized('Enter a password.'),
  },
  {
    ref: '§2.1',
    what: 'a live session key authenticates',
    from: 'code',
    req: async (ctx) => ({ path: '/mail/users', auth: [ADMIN.email, await ctx.login(ADMIN.email, ADMIN.password)] }),
    want: { status: 200, body: 'me@example.com\n' },
  },
  {
    ref: '§2.1',
    what: 'a valid session of a user deleted since gives "That\'s not a user (<email>)."',
    from: 'verified',
    seed: (s) => void addUser(s, { email: 'u2@example.com', password: 'password two', privileges: ['admin'] }),
    req: async (ctx) => {
      const key = await ctx.login('u2@example.com', 'password two');
      await ctx.send({ path: '/mail/users/remove', form: { email: 'u2@example.com' } });
      return { path: '/mail/users', auth: ['u2@example.com', key] };
    },
    want: unauthorized("That's not a user (u2@example.com)."),
  },
  // §2.2 the system API key
  {
    ref: '§2.2',
    what: 'api.key: 32 characters of 0-9a-fA-F, no newline, mode 0640, the key the daemon accepts',
    from: 'code',
    req: { path: '/system/version' },
    want: {
      status: 200,
      check: (_r, ctx) => {
        const file = join(ctx.emu.box.root, 'var/lib/mailinabox/api.key');
        expect(readFileSync(file, 'latin1')).toMatch(/^[0-9a-fA-F]{32}$/);
        expect(readFileSync(file, 'latin1')).toBe(ctx.emu.apiKey());
        expect(statSync(file).mode & 0o777).toBe(0o640);
      },
    },
  },
  {
    ref: '§2.2',
    what: 'after a restart the old key is refused with "Enter a password."',
    from: 'verified',
    req: async (ctx) => {
      const old = ctx.emu.apiKey();
      await ctx.emu.restart();
      return { path: '/mail/users', auth: [old, ''] };
    },
    want: unauthorized('Enter a password.'),
  },
  {
    ref: '§2.2',
    what: 'after a restart the re-read key file works',
    from: 'code',
    req: async (ctx) => {
      const old = ctx.emu.apiKey();
      await ctx.emu.restart();
      const key = readFileSync(join(ctx.emu.box.root, 'var/lib/mailinabox/api.key'), 'latin1');
      expect(key).not.toBe(old);
      return { path: '/mail/users', auth: [key, ''] };
    },
    want: { status: 200, body: 'me@example.com\n' },
  },
  {
    ref: '§1/§2.4',
    what: 'a restart drops every session',
    from: 'code',
    req: async (ctx) => {
      const key = await ctx.login(ADMIN.email, ADMIN.password);
      await ctx.emu.restart();
      return { path: '/mail/users', auth: [ADMIN.email, key] };
    },
    want: unauthorized('Incorrect email address or password.'),
  },
  // §2.3 / §4.1 login and logout
  {
    ref: '§2.3',
    what: 'a non-admin user logs in with status ok and privileges []',
    from: 'code',
    seed: seedUser,
    req: { method: 'POST', path: '/login', auth: 'user' },
    want: {
      status: 200,
      type: JSON_TYPE,
      body: /^\{\n {2}"api_key": "[0-9a-f]{64}",\n {2}"email": "user@example\.com",\n {2}"privileges": \[\],\n {2}"status": "ok"\n\}\n$/,
    },
  },
  {
    ref: '§2.3',
    what: 'upstream: a non-admin session is refused elsewhere with "You are not an administrator."',
    from: 'code',
    seed: seedUser,
    req: async (ctx) => ({ path: '/mail/users', auth: [USER.email, await ctx.login(USER.email, USER.password)] }),
    want: unauthorized('You are not an administrator.'),
  },
  {
    ref: '§2.3',
    what: '/logout deletes the session',
    from: 'code',
    req: async (ctx) => {
      const key = await ctx.login(ADMIN.email, ADMIN.password);
      const out = await ctx.send({ method: 'POST', path: '/logout', auth: [ADMIN.email, key] });
      expect(out.body).toBe('{\n  "status": "ok"\n}\n');
      return { path: '/mail/users', auth: [ADMIN.email, key] };
    },
    want: unauthorized('Incorrect email address or password.'),
  },
  // §2.4 sessions
  {
    ref: '§2.4',
    what: '/login never accepts a session key as the password',
    from: 'verified',
    req: async (ctx) => ({
      method: 'POST',
      path: '/login',
      auth: [ADMIN.email, await ctx.login(ADMIN.email, ADMIN.password)],
    }),
    want: loginRefused('Incorrect email address or password.'),
  },
  {
    ref: '§2.4',
    what: "a password change through the API key invalidates the user's sessions",
    from: 'code',
    req: async (ctx) => {
      const key = await ctx.login(ADMIN.email, ADMIN.password);
      const r = await ctx.send({
        path: '/mail/users/password',
        form: { email: ADMIN.email, password: 'new password 1' },
      });
      expect(r.body).toBe('OK');
      return { path: '/mail/users', auth: [ADMIN.email, key] };
    },
    want: unauthorized('Incorrect email address or password.'),
  },
  {
    ref: '§2.4',
    what: "disabling MFA through the API key invalidates the user's sessions",
    from: 'code',
    seed: seedTotp,
    req: async (ctx) => {
      const key = await ctx.login(ADMIN.email, ADMIN.password, { 'X-Auth-Token': totpToken(SECRET) });
      const r = await ctx.send({ path: '/mfa/disable', form: { user: ADMIN.email } });
      expect(r.body).toBe('OK');
      return { path: '/mail/users', auth: [ADMIN.email, key] };
    },
    want: unauthorized('Incorrect email address or password.'),
  },
  {
    ref: '§2.4',
    what: 'at most 64 sessions: the 65th login evicts the first',
    from: 'code',
    req: async (ctx) => {
      const first = await ctx.login(ADMIN.email, ADMIN.password);
      for (let i = 0; i < 64; i++) await ctx.login(ADMIN.email, ADMIN.password);
      return { path: '/mail/users', auth: [ADMIN.email, first] };
    },
    want: unauthorized('Incorrect email address or password.'),
  },
  {
    ref: '§2.4',
    what: 'a session expires 2 days after its last use',
    from: 'code',
    options: clock,
    req: async (ctx) => {
      elapsed = 0;
      const key = await ctx.login(ADMIN.email, ADMIN.password);
      elapsed = 2 * DAY + 1000;
      return { path: '/mail/users', auth: [ADMIN.email, key] };
    },
    want: unauthorized('Incorrect email address or password.'),
  },
  {
    ref: '§2.4',
    what: 'each use resets the expiry clock',
    from: 'code',
    options: clock,
    req: async (ctx) => {
      elapsed = 0;
      const key = await ctx.login(ADMIN.email, ADMIN.password);
      elapsed = 1.5 * DAY;
      expect((await ctx.send({ path: '/mail/users', auth: [ADMIN.email, key] })).status).toBe(200);
      elapsed = 3 * DAY;
      return { path: '/mail/users', auth: [ADMIN.email, key] };
    },
    want: { status: 200, body: 'me@example.com\n' },
  },
  {
    ref: '§2.4',
    what: 'a session key under another email is refused',
    from: 'code',
    seed: seedUser,
    req: async (ctx) => ({ path: '/mail/users', auth: [USER.email, await ctx.login(ADMIN.email, ADMIN.password)] }),
    want: unauthorized('Incorrect email address or password.'),
  },
  // §2.5 TOTP on /login (verified) and on other routes
  {
    ref: '§2.5',
    what: '/login without X-Auth-Token',
    from: 'verified',
    seed: seedTotp,
    req: { method: 'POST', path: '/login', auth: 'admin' },
    want: loginRefused('missing-totp-token', 'missing-totp-token'),
  },
  {
    ref: '§2.5',
    what: '/login with an empty X-Auth-Token',
    from: 'verified',
    seed: seedTotp,
    req: { method: 'POST', path: '/login', auth: 'admin', headers: { 'X-Auth-Token': '' } },
    want: loginRefused('missing-totp-token', 'missing-totp-token'),
  },
  {
    ref: '§2.5',
    what: '/login with a wrong token',
    from: 'verified',
    seed: seedTotp,
    req: { method: 'POST', path: '/login', auth: 'admin', headers: { 'X-Auth-Token': 'abcdef' } },
    want: loginRefused('invalid-totp-token'),
  },
  {
    ref: '§2.5',
    what: '/login with a replayed token',
    from: 'verified',
    seed: seedTotp,
    req: async (ctx) => {
      const token = totpToken(SECRET);
      await ctx.login(ADMIN.email, ADMIN.password, { 'X-Auth-Token': token });
      return { method: 'POST', path: '/login', auth: 'admin', headers: { 'X-Auth-Token': token } };
    },
    want: loginRefused('invalid-totp-token'),
  },
  {
    ref: '§2.5',
    what: 'other routes: password without a token gives 401 missing-totp-token',
    from: 'verified',
    seed: seedTotp,
    req: { path: '/mail/users', auth: 'admin' },
    want: unauthorized('missing-totp-token'),
  },
  {
    ref: '§2.5',
    what: 'other routes: a wrong token gives 401 invalid-totp-token',
    from: 'verified',
    seed: seedTotp,
    req: { path: '/mail/users', auth: 'admin', headers: { 'X-Auth-Token': 'abcdef' } },
    want: unauthorized('invalid-totp-token'),
  },
  {
    ref: '§2.5',
    what: 'a session key skips TOTP',
    from: 'code',
    seed: seedTotp,
    req: async (ctx) => ({
      path: '/mail/users',
      auth: [ADMIN.email, await ctx.login(ADMIN.email, ADMIN.password, { 'X-Auth-Token': totpToken(SECRET) })],
    }),
    want: { status: 200, body: 'me@example.com\n' },
  },
  // §2.6 failure responses (verified)
  {
    ref: '§2.6',
    what: 'Accept empty → text body',
    from: 'verified',
    req: { path: '/mail/users', auth: 'none', headers: { Accept: '' } },
    want: unauthorized(INVALID),
  },
  {
    ref: '§2.6',
    what: 'Accept */* → text body',
    from: 'verified',
    req: { path: '/mail/users', auth: 'none', headers: { Accept: '*/*' } },
    want: unauthorized(INVALID),
  },
  ...['text/plain', 'application/json', 'application/json, text/plain, */*'].map((accept): Fact => ({
    ref: '§2.6',
    what: `Accept ${accept} → compact JSON, status first`,
    from: 'verified',
    req: { path: '/mail/users', auth: 'none', headers: { Accept: accept } },
    want: {
      status: 401,
      type: JSON_TYPE,
      body: '{"status": "error", "reason": "Authorization header invalid."}\n',
      headers: { 'www-authenticate': REALM, 'x-reason': INVALID },
    },
  })),
  {
    ref: '§2.6',
    what: 'X-Requested-With: XMLHttpRequest → 403 without WWW-Authenticate and X-Reason',
    from: 'verified',
    req: { path: '/mail/users', auth: 'none', headers: { 'X-Requested-With': 'XMLHttpRequest' } },
    want: {
      status: 403,
      type: PLAIN,
      body: INVALID + '\n',
      headers: { 'www-authenticate': null, 'x-reason': null },
    },
  },
  {
    ref: '§2.6',
    what: 'XHR 403 with Accept application/json → JSON body',
    from: 'verified',
    req: {
      path: '/mail/users',
      auth: ['nobody@example.com', 'whatever1'],
      headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' },
    },
    want: {
      status: 403,
      type: JSON_TYPE,
      body: '{"status": "error", "reason": "Incorrect email address or password."}\n',
      headers: { 'www-authenticate': null, 'x-reason': null },
    },
  },
  {
    ref: '§2.6',
    what: 'username and password both whitespace',
    from: 'verified',
    req: withHeader('Basic ' + b64(' : ')),
    want: unauthorized('No email address, password, session key, or API key provided.'),
  },
  {
    ref: '§2.6',
    what: 'a stale API key gives "Enter a password."',
    from: 'verified',
    req: { path: '/mail/users', auth: ['0123456789abcdefABCDEF0123456789', ''] },
    want: unauthorized('Enter a password.'),
  },
  {
    ref: '§2.6',
    what: 'wrong password',
    from: 'verified',
    req: { path: '/mail/users', auth: [ADMIN.email, 'wrong password'] },
    want: unauthorized('Incorrect email address or password.'),
  },
  {
    ref: '§2.6',
    what: 'unknown user',
    from: 'verified',
    req: { path: '/mail/users', auth: ['nobody@example.com', 'whatever1'] },
    want: unauthorized('Incorrect email address or password.'),
  },
  {
    ref: '§9.13',
    what: 'login emails are matched case-sensitively',
    from: 'code',
    req: { path: '/mail/users', auth: ['Me@example.com', ADMIN.password] },
    want: unauthorized('Incorrect email address or password.'),
  },
  {
    ref: '§2.6',
    what: 'an authenticated non-admin on an admin route',
    from: 'verified',
    seed: seedUser,
    req: { path: '/mail/users', auth: 'user' },
    want: unauthorized('You are not an administrator.'),
  },
  // §2.7 routes that act on the caller, with the API key
  {
    ref: '§2.7/§4.6.1',
    what: 'API key: POST /mfa/status without user → 400 "User does not exist."',
    from: 'code',
    req: { method: 'POST', path: '/mfa/status', form: {} },
    want: bad('User does not exist.'),
  },
  {
    ref: '§2.7/§4.6.2',
    what: 'API key: POST /mfa/totp/enable → 400 "User does not exist." after the token check',
    from: 'verified',
    req: () => ({ path: '/mfa/totp/enable', form: { secret: SECRET, token: totpToken(SECRET) } }),
    want: bad('User does not exist.'),
  },
  {
    ref: '§2.7/§4.6.3',
    what: 'API key: POST /mfa/disable without user → 400 "User does not exist."',
    from: 'code',
    req: { method: 'POST', path: '/mfa/disable', form: {} },
    want: bad('User does not exist.'),
  },
  {
    ref: '§2.7/§4.10.1',
    what: 'API key: GET /munin/ → 500',
    from: 'code',
    req: { path: '/munin/' },
    want: html500,
  },
  // §2.8 failed-login log
  {
    ref: '§2.8',
    what: 'a failed login is logged with the first X-Forwarded-For as the source',
    from: 'code',
    req: {
      path: '/mail/users',
      auth: [ADMIN.email, 'wrong password'],
      headers: { 'X-Forwarded-For': '198.51.100.9, 10.0.0.1' },
    },
    want: {
      status: 401,
      check: (_r, ctx) => {
        const log = readFileSync(join(ctx.emu.box.root, 'var/log/syslog'), 'utf8');
        expect(log).toMatch(
          /^Mail-in-a-Box Management Daemon: Failed login attempt from ip 198\.51\.100\.9 - timestamp \d+\.\d+\n$/,
        );
      },
    },
  },
  {
    ref: '§2.6',
    what: '/login does not log a missing-totp-token refusal',
    from: 'code',
    seed: seedTotp,
    req: { method: 'POST', path: '/login', auth: 'admin' },
    want: {
      status: 200,
      check: (_r, ctx) => expect(existsSync(join(ctx.emu.box.root, 'var/log/syslog'))).toBe(false),
    },
  },
  {
    ref: '§2.6',
    what: '/login logs other refusals',
    from: 'code',
    req: { method: 'POST', path: '/login', auth: [ADMIN.email, 'wrong password'] },
    want: {
      status: 200,
      check: (_r, ctx) =>
        expect(readFileSync(join(ctx.emu.box.root, 'var/log/syslog'), 'utf8')).toMatch(
          /^Mail-in-a-Box Management Daemon: Failed login attempt from ip 127\.0\.0\.1 - timestamp \d+\.\d+\n$/,
        ),
    },
  },
];
