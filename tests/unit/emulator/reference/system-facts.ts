/**
 * §4.5 TLS, §4.6 MFA, §4.7 web, §4.8 system, §4.9 backups and §4.10 munin of the reference.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addTotp, addUser } from '../../../emulator/state';
import { totpToken } from '../../../emulator/totp';
import { ADMIN, JSON_TYPE, PLAIN, TEXT, bad, html404, html500, jsonOk, ok, pretty, unauthorized } from './fact';
import type { Ctx, Fact, Want } from './fact';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const UP = ['upstream'] as const;
const POWER = ['power'] as const;
const COOKIE =
  /^session=[0-9a-f]{64}; Expires=\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT; Max-Age=1800; Secure; HttpOnly; Path=\/; SameSite=Strict$/;

async function muninCookie(ctx: Ctx): Promise<string> {
  const r = await ctx.send({ path: '/munin/', auth: 'admin' });
  return String(r.headers['set-cookie']).split(';')[0] as string;
}

const config = (power: boolean, extra: Record<string, unknown> = {}): unknown => ({
  enc_pw_file: '/home/user-data/backup/secret_key.txt',
  file_target_directory: '/home/user-data/backup/encrypted',
  min_age_in_days: 3,
  target: 'file:///home/user-data/backup/encrypted',
  ...(power ? { target_rsync_port: 22 } : {}),
  ...extra,
});
/** The config with the backup key setup made (§4.9.2: always there, generated per box, so read from its file). */
const configWithKey = (power: boolean): Want => ({
  status: 200,
  type: JSON_TYPE,
  check: (r, ctx) => {
    const key = readFileSync(join(ctx.emu.box.root, 'root/.ssh/id_rsa_miab.pub'), 'utf8');
    expect(key).toMatch(/^ssh-rsa AAAA[A-Za-z0-9+/]+=* root@box\.example\.com\n$/);
    expect(r.body).toBe(pretty(config(power, { ssh_pub_key: key })));
  },
});
const jsonString = (s: string): { status: number; type: string; body: string } => ({
  status: 200,
  type: JSON_TYPE,
  body: JSON.stringify(s) + '\n',
});
const postConfig = (form: Record<string, string>): { path: string; form: Record<string, string> } => ({
  path: '/system/backup/config',
  form: { target_user: '', target_pass: '', min_age: '3', ...form },
});

export const systemFacts: Fact[] = [
  // §4.5 TLS
  {
    ref: '§4.5.1',
    what: 'ssl status: JSON with can_provision and status[]',
    from: 'code',
    req: { path: '/ssl/status' },
    want: {
      status: 200,
      type: JSON_TYPE,
      check: (r) => {
        const s = JSON.parse(r.body) as { can_provision: string[]; status: Array<{ domain: string; status: string }> };
        expect(Array.isArray(s.can_provision)).toBe(true);
        expect(s.status[0]?.domain).toBe('box.example.com');
      },
    },
  },
  {
    ref: '§4.5.2',
    what: 'CSR: PEM text',
    from: 'code',
    req: { path: '/ssl/csr/example.com', form: { countrycode: 'US' } },
    want: ok(/^-----BEGIN CERTIFICATE REQUEST-----\n[\s\S]+-----END CERTIFICATE REQUEST-----\n$/),
  },
  {
    ref: '§4.5.3',
    what: 'install without domain: 200 "Invalid domain name."',
    from: 'verified',
    req: { path: '/ssl/install', form: { cert: 'x', chain: '' } },
    want: ok('Invalid domain name.'),
  },
  {
    ref: '§4.5.3',
    what: 'install with a domain that is not a web domain: 200 "Invalid domain name."',
    from: 'code',
    req: { path: '/ssl/install', form: { domain: 'nope.example.org', cert: 'x', chain: '' } },
    want: ok('Invalid domain name.'),
  },
  {
    ref: '§4.5.3',
    what: 'install without the chain field: 500',
    from: 'code',
    req: { path: '/ssl/install', form: { domain: 'box.example.com', cert: 'x' } },
    want: html500,
  },
  {
    ref: '§4.5.4',
    what: 'provision: {"requests": [...]} ending with a string',
    from: 'code',
    req: { method: 'POST', path: '/ssl/provision', form: {} },
    want: {
      status: 200,
      type: JSON_TYPE,
      check: (r) => {
        const { requests } = JSON.parse(r.body) as { requests: unknown[] };
        expect(typeof requests[requests.length - 1]).toBe('string');
      },
    },
  },
  // §4.6 MFA
  {
    ref: '§4.6.1',
    what: 'status of another user (API key + user): only enabled_mfa',
    from: 'verified',
    req: { path: '/mfa/status', form: { user: ADMIN.email } },
    want: { status: 200, type: JSON_TYPE, body: '{\n  "enabled_mfa": []\n}\n' },
  },
  {
    ref: '§4.6.1',
    what: 'status for oneself: enabled_mfa (label may be null) and a fresh proposal',
    from: 'code',
    seed: (s) => void addTotp(s, ADMIN.email, SECRET, null),
    req: async (ctx) => ({
      method: 'POST',
      path: '/mfa/status',
      form: {},
      auth: [ADMIN.email, await ctx.login(ADMIN.email, ADMIN.password, { 'X-Auth-Token': totpToken(SECRET) })],
    }),
    want: {
      status: 200,
      type: JSON_TYPE,
      body: /^\{\n {2}"enabled_mfa": \[\n {4}\{\n {6}"id": 1,\n {6}"label": null,\n {6}"type": "totp"\n {4}\}\n {2}\],\n {2}"new_mfa": \{\n {4}"totp": \{\n {6}"qr_code_base64": "iVBORw0KGgo[A-Za-z0-9+/=]+",\n {6}"secret": "[A-Z2-7]{32}",\n {6}"type": "totp"\n {4}\}\n {2}\}\n\}\n$/,
    },
  },
  {
    ref: '§4.6.1',
    what: 'status of an unknown user',
    from: 'code',
    req: { path: '/mfa/status', form: { user: 'x@example.com' } },
    want: bad('User does not exist.'),
  },
  {
    ref: '§4.6.2',
    what: 'enable: token missing → "Bad Input"',
    from: 'verified',
    req: { path: '/mfa/totp/enable', auth: 'admin', form: { secret: SECRET } },
    want: bad('Bad Input'),
  },
  {
    ref: '§4.6.2',
    what: 'enable: secret missing',
    from: 'verified',
    req: { path: '/mfa/totp/enable', auth: 'admin', form: { token: '123456' } },
    want: bad('No secret provided.'),
  },
  {
    ref: '§4.6.2',
    what: 'enable: secret not 32 characters',
    from: 'verified',
    req: { path: '/mfa/totp/enable', auth: 'admin', form: { secret: 'ABC', token: '123456' } },
    want: bad('Secret should be a 32 characters base32 string'),
  },
  {
    ref: '§4.6.2',
    what: 'enable: wrong token',
    from: 'verified',
    req: { path: '/mfa/totp/enable', auth: 'admin', form: { secret: SECRET, token: 'abcdef' } },
    want: bad('Invalid token.'),
  },
  {
    ref: '§4.6.2',
    what: "enable: OK, and the caller's sessions are invalidated",
    from: 'code',
    req: async (ctx) => {
      const key = await ctx.login(ADMIN.email, ADMIN.password);
      const r = await ctx.send({
        path: '/mfa/totp/enable',
        auth: [ADMIN.email, key],
        form: { secret: SECRET, token: totpToken(SECRET), label: 'phone' },
      });
      expect([r.status, r.body]).toEqual([200, 'OK']);
      return { path: '/mail/users', auth: [ADMIN.email, key] };
    },
    want: unauthorized('Incorrect email address or password.'),
  },
  {
    ref: '§4.6.3',
    what: 'disable with nothing enabled',
    from: 'code',
    req: { path: '/mfa/disable', form: { user: ADMIN.email } },
    want: bad('Invalid user or MFA id.'),
  },
  {
    ref: '§4.6.3',
    what: 'disable for an unknown user',
    from: 'code',
    req: { path: '/mfa/disable', form: { user: 'x@example.com' } },
    want: bad('User does not exist.'),
  },
  {
    ref: '§4.6.3',
    what: 'disable one device by id',
    from: 'code',
    seed: (s) => void addTotp(s, ADMIN.email, SECRET, 'phone'),
    req: { path: '/mfa/disable', form: { user: ADMIN.email, 'mfa-id': '1' } },
    want: ok('OK'),
  },
  // §4.7 web
  {
    ref: '§4.7.1',
    what: 'web domains: the verified box.example.com element',
    from: 'verified',
    req: { path: '/web/domains' },
    want: {
      status: 200,
      type: JSON_TYPE,
      check: (r) => {
        const rows = JSON.parse(r.body) as Array<Record<string, unknown>>;
        expect(rows[0]).toEqual({
          custom_root: '/home/user-data/www/box.example.com',
          domain: 'box.example.com',
          root: '/home/user-data/www/default',
          ssl_certificate: ['warning', 'Self-signed. Get a signed certificate to stop warnings.'],
          static_enabled: true,
        });
        expect(r.body).toContain(
          '  {\n    "custom_root": "/home/user-data/www/box.example.com",\n    "domain": "box.example.com",\n    "root": "/home/user-data/www/default",\n    "ssl_certificate": [\n      "warning",\n      "Self-signed. Get a signed certificate to stop warnings."\n    ],\n    "static_enabled": true\n  }',
        );
      },
    },
  },
  {
    ref: '§4.7.1',
    what: 'www. redirect names are not static_enabled',
    from: 'code',
    req: { path: '/web/domains' },
    want: {
      status: 200,
      check: (r) => {
        const rows = JSON.parse(r.body) as Array<{ domain: string; static_enabled: boolean }>;
        expect(rows.find((x) => x.domain === 'www.example.com')?.static_enabled).toBe(false);
      },
    },
  },
  {
    ref: '§4.7.2',
    what: 'web update with nothing changed: empty',
    from: 'code',
    req: { method: 'POST', path: '/web/update', form: {} },
    want: ok(''),
  },
  // §4.8 system
  {
    ref: '§4.8.2',
    what: 'latest upstream version when online',
    from: 'code',
    seed: (s) => {
      s.latestUpstreamVersion = 'v75';
    },
    req: { method: 'POST', path: '/system/latest-upstream-version', form: {} },
    want: ok('v75'),
  },
  {
    ref: '§4.8.3',
    what: 'status checks: flat array of {extra, text, type}, starting with the System heading',
    from: 'code',
    req: { method: 'POST', path: '/system/status', form: {} },
    want: {
      status: 200,
      type: JSON_TYPE,
      body: /^\[\n {2}\{\n {4}"extra": \[\],\n {4}"text": "System",\n {4}"type": "heading"\n {2}\},\n/,
    },
  },
  {
    ref: '§6.3.7',
    what: 'Power status: privacy version notice is "na", PGP Keyring heading',
    from: 'code',
    flavours: POWER,
    req: { method: 'POST', path: '/system/status', form: {} },
    want: {
      status: 200,
      check: (r) => {
        const items = JSON.parse(r.body) as Array<{ type: string; text: string }>;
        expect(items.find((i) => i.text.includes('version check disabled by privacy setting'))?.type).toBe('na');
        expect(items.some((i) => i.type === 'heading' && i.text === 'PGP Keyring')).toBe(true);
      },
    },
  },
  {
    ref: '§4.8.4',
    what: 'updates: "<package> (<version>)\\n" lines',
    from: 'code',
    seed: (s) => {
      s.updates = [{ package: 'openssl', version: '3.0.2-0ubuntu1.15' }];
    },
    req: { path: '/system/updates' },
    want: ok('openssl (3.0.2-0ubuntu1.15)\n'),
  },
  {
    ref: '§4.8.4',
    what: 'updates: empty when up to date',
    from: 'code',
    req: { path: '/system/updates' },
    want: ok(''),
  },
  {
    ref: '§4.8.6',
    what: 'reboot required? JSON false',
    from: 'code',
    req: { path: '/system/reboot' },
    want: { status: 200, type: JSON_TYPE, body: 'false\n' },
  },
  {
    ref: '§4.8.6',
    what: 'reboot required? JSON true',
    from: 'code',
    seed: (s) => {
      s.rebootRequired = true;
    },
    req: { path: '/system/reboot' },
    want: { status: 200, type: JSON_TYPE, body: 'true\n' },
  },
  {
    ref: '§4.8.7',
    what: 'POST reboot when required: the (empty) command output',
    from: 'code',
    seed: (s) => {
      s.rebootRequired = true;
    },
    req: { method: 'POST', path: '/system/reboot', form: {} },
    want: ok(''),
  },
  {
    ref: '§4.8.8',
    what: 'privacy: "private" turns it on',
    from: 'code',
    seed: (s) => {
      s.privacy = false;
    },
    req: async (ctx) => {
      await ctx.send({ path: '/system/privacy', form: { value: 'private' } });
      return { path: '/system/privacy' };
    },
    want: { status: 200, type: JSON_TYPE, body: 'true\n' },
  },
  {
    ref: '§4.8.7',
    what: 'POST reboot when not required',
    from: 'verified',
    req: { method: 'POST', path: '/system/reboot', form: {} },
    want: ok('No reboot is required, so it is not allowed.'),
  },
  {
    ref: '§4.8.8',
    what: 'privacy: anything but "private" turns it off',
    from: 'code',
    req: async (ctx) => {
      const r = await ctx.send({ path: '/system/privacy', form: { value: 'off' } });
      expect([r.status, r.headers['content-type'], r.body]).toEqual([200, TEXT, 'OK']);
      return { path: '/system/privacy' };
    },
    want: { status: 200, type: JSON_TYPE, body: 'false\n' },
  },
  // §4.9 backups
  {
    ref: '§4.9.1',
    what: 'backup status without secret_key.txt: 200 {"error": …}',
    from: 'verified',
    req: (ctx) => {
      rmSync(join(ctx.emu.box.storageDir, 'backup/secret_key.txt'));
      return { path: '/system/backup/status' };
    },
    want: jsonOk({ error: "[Errno 2] No such file or directory: '/home/user-data/backup/secret_key.txt'" }),
  },
  {
    ref: '§4.9.1',
    what: 'backup status with target off: {}',
    from: 'code',
    seed: (s) => {
      s.backup.target = 'off';
    },
    req: { path: '/system/backup/status' },
    want: { status: 200, type: JSON_TYPE, body: '{}\n' },
  },
  {
    ref: '§4.9.1',
    what: 'backup status before the first backup: empty backups',
    from: 'code',
    req: { path: '/system/backup/status' },
    want: jsonOk({ backups: [], unmatched_file_size: 0 }),
  },
  {
    ref: '§4.9.2',
    what: 'backup config (verified shape, ssh_pub_key included), upstream',
    from: 'verified',
    flavours: UP,
    req: { path: '/system/backup/config' },
    want: configWithKey(false),
  },
  {
    ref: '§4.9.2/§6.3.6',
    what: 'backup config on Power adds target_rsync_port 22',
    from: 'verified',
    flavours: POWER,
    req: { path: '/system/backup/config' },
    want: configWithKey(true),
  },
  {
    ref: '§4.9.2',
    what: 'ssh_pub_key appears when /root/.ssh/id_rsa_miab.pub exists, with its newline',
    from: 'code',
    flavours: UP,
    seed: (s) => {
      s.backup.sshPubKey = 'ssh-rsa AAAAB3Nza root@box.example.com\n';
    },
    req: { path: '/system/backup/config' },
    want: jsonOk(config(false, { ssh_pub_key: 'ssh-rsa AAAAB3Nza root@box.example.com\n' })),
  },
  {
    ref: '§4.9.2',
    what: 'ssh_pub_key is absent when /root/.ssh/id_rsa_miab.pub is missing',
    from: 'code',
    req: (ctx) => {
      rmSync(join(ctx.emu.box.root, 'root/.ssh/id_rsa_miab.pub'));
      return { path: '/system/backup/config' };
    },
    want: {
      status: 200,
      type: JSON_TYPE,
      check: (r, ctx) => expect(r.body).toBe(pretty(config(ctx.flavour === 'power'))),
    },
  },
  {
    ref: '§4.9.3',
    what: 'save: JSON string "OK"; target_user/target_pass never returned',
    from: 'verified',
    req: async (ctx) => {
      const r = await ctx.send(postConfig({ target: 'off', target_user: 'u', target_pass: 'p', min_age: '5' }));
      expect([r.status, r.headers['content-type'], r.body]).toEqual([200, JSON_TYPE, '"OK"\n']);
      return { path: '/system/backup/config' };
    },
    want: {
      status: 200,
      check: (r) => {
        const c = JSON.parse(r.body) as Record<string, unknown>;
        expect([c['target'], c['min_age_in_days'], 'target_user' in c, 'target_pass' in c]).toEqual([
          'off',
          5,
          false,
          false,
        ]);
      },
    },
  },
  {
    ref: '§4.9.3',
    what: 'unknown scheme: the answer is the target itself',
    from: 'verified',
    req: postConfig({ target: 'ftp://x' }),
    want: jsonString('ftp://x'),
  },
  {
    ref: '§4.9.3',
    what: 's3 without a bucket',
    from: 'code',
    req: postConfig({ target: 's3://s3.example.net' }),
    want: jsonString('Enter an S3 bucket name.'),
  },
  {
    ref: '§4.9.3/§6.2',
    what: 'upstream: min_age missing → 500 HTML',
    from: 'verified',
    flavours: UP,
    req: { path: '/system/backup/config', form: { target: 'local', target_user: '', target_pass: '' } },
    want: html500,
  },
  {
    ref: '§4.9.3/§6.2',
    what: 'upstream: min_age empty → 500 HTML',
    from: 'verified',
    flavours: UP,
    req: postConfig({ target: 'local', min_age: '' }),
    want: html500,
  },
  {
    ref: '§4.9.3',
    what: 'upstream: min_age not an integer → 500 HTML',
    from: 'verified',
    flavours: UP,
    req: postConfig({ target: 'local', min_age: 'three' }),
    want: html500,
  },
  {
    ref: '§6.2',
    what: 'Power: min_age empty → 401 with the ValueError text',
    from: 'verified',
    flavours: POWER,
    req: postConfig({ target: 'local', min_age: '' }),
    want: unauthorized("invalid literal for int() with base 10: ''"),
  },
  {
    ref: '§6.2',
    what: 'Power: a ValueError escaping a view is logged as a failed login',
    from: 'verified',
    flavours: POWER,
    req: postConfig({ target: 'local', min_age: '' }),
    want: {
      status: 401,
      check: (_r, ctx) =>
        expect(readFileSync(join(ctx.emu.box.root, 'var/log/syslog'), 'utf8')).toMatch(
          /^Mail-in-a-Box Management Daemon: Failed login attempt from ip 127\.0\.0\.1 - timestamp \d+\.\d+\n$/,
        ),
    },
  },
  {
    ref: '§6.2',
    what: 'Power: min_age not an integer → 401 with the ValueError text',
    from: 'code',
    flavours: POWER,
    req: postConfig({ target: 'local', min_age: 'three' }),
    want: unauthorized("invalid literal for int() with base 10: 'three'"),
  },
  {
    ref: '§6.2',
    what: 'Power: the ValueError 401 becomes a 403 with XHR',
    from: 'verified',
    flavours: POWER,
    req: { ...postConfig({ target: 'local', min_age: '' }), headers: { 'X-Requested-With': 'XMLHttpRequest' } },
    want: {
      status: 403,
      type: PLAIN,
      body: "invalid literal for int() with base 10: ''\n",
      headers: { 'www-authenticate': null, 'x-reason': null },
    },
  },
  {
    ref: '§4.9.3',
    what: 'file:// pointing at a missing directory → 500 HTML',
    from: 'verified',
    req: postConfig({ target: 'file:///no/such/dir' }),
    want: html500,
  },
  {
    ref: '§4.9.3',
    what: 'file:// pointing at an existing directory → "OK"',
    from: 'code',
    req: (ctx) => {
      mkdirSync(join(ctx.emu.box.root, 'srv/backups'), { recursive: true });
      return postConfig({ target: 'file:///srv/backups' });
    },
    want: jsonString('OK'),
  },
  // §4.10 munin
  {
    ref: '§4.10.1',
    what: 'GET /munin/ as an admin user: OK and the session cookie',
    from: 'verified',
    req: { path: '/munin/', auth: 'admin' },
    want: { status: 200, type: TEXT, body: 'OK', headers: { 'set-cookie': COOKIE } },
  },
  {
    ref: '§4.10.2',
    what: 'munin file without a cookie: 403 text/plain "Unauthorized"',
    from: 'verified',
    req: { path: '/munin/index.html', auth: 'none' },
    want: { status: 403, type: PLAIN, body: 'Unauthorized' },
  },
  {
    ref: '§4.10.2',
    what: 'munin file with the cookie is served; a missing one is a 404',
    from: 'code',
    req: async (ctx) => {
      const dir = join(ctx.emu.box.root, 'var/cache/munin/www');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'index.html'), '<html>munin</html>');
      const cookie = await muninCookie(ctx);
      const r = await ctx.send({ path: '/munin/index.html', auth: 'none', headers: { Cookie: cookie } });
      expect([r.status, r.body]).toEqual([200, '<html>munin</html>']);
      return { path: '/munin/missing.html', auth: 'none', headers: { Cookie: cookie } };
    },
    want: html404,
  },
  {
    ref: '§4.10.2',
    what: 'the cookie stops working once the user is no longer an admin',
    from: 'code',
    seed: (s) => void addUser(s, { email: 'u2@example.com', password: 'password two', privileges: ['admin'] }),
    req: async (ctx) => {
      const r = await ctx.send({ path: '/munin/', auth: ['u2@example.com', 'password two'] });
      const cookie = String(r.headers['set-cookie']).split(';')[0] as string;
      await ctx.send({ path: '/mail/users/privileges/remove', form: { email: 'u2@example.com', privilege: 'admin' } });
      return { path: '/munin/index.html', auth: 'none', headers: { Cookie: cookie } };
    },
    want: { status: 403, type: PLAIN, body: 'Unauthorized' },
  },
  {
    ref: '§4.10.3',
    what: 'cgi-graph failure: 500 "error processing graph image"',
    from: 'code',
    req: async (ctx) => ({
      path: '/munin/cgi-graph/localdomain/localhost.localdomain/cpu-day.png',
      auth: 'none',
      headers: { Cookie: await muninCookie(ctx) },
    }),
    want: { status: 500, type: TEXT, body: 'error processing graph image' },
  },
];
