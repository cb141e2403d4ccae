/**
 * §6 of the reference: Power's self-service rules, changed routes and the routes only Power has.
 */
import { makeTestKey } from '../../../emulator/pgp';
import { addUser } from '../../../emulator/state';
import type { BoxState } from '../../../emulator/types';
import { ADMIN, JSON_TYPE, TEXT, USER, bad, html404, html500, ok, unauthorized } from './fact';
import type { Fact, Req } from './fact';

const POWER = ['power'] as const;
const UP = ['upstream'] as const;
const seedUser = (s: BoxState): void => void addUser(s, { email: USER.email, password: USER.password });
const RELAY_DEFAULT =
  '{"authorized_servers":[],"dkim_rr":"","dkim_selector":null,"enabled":false,"host":"","port":null,"spf_record":null,"user":""}\n';
const BOTH_EMPTY =
  '\n\t\t\tIf you want to set up a relay without a DKIM record, both the selector and the key need to be empty.';
const relay = (form: Record<string, string>): Req => ({
  path: '/system/smtp/relay',
  form: {
    enabled: 'false',
    host: '',
    port: '587',
    user: '',
    key: '',
    authorized_servers: '',
    spf_record: '',
    dkim_selector: '',
    dkim_rr: '',
    ...form,
  },
});
const relayError = (what: string, form: Record<string, string>, message: string): Fact => ({
  ref: '§6.4.2',
  what,
  from: 'verified',
  flavours: POWER,
  req: relay(form),
  want: bad(message),
});
const MFA_DENIED = 'You are not an administrator; you can only view your own MFA status!';

export const powerFacts: Fact[] = [
  // §6.3.1 self-service
  {
    ref: '§6.3.1',
    what: "a non-admin changing someone else's password: 403 text",
    from: 'verified',
    flavours: POWER,
    seed: seedUser,
    req: { path: '/mail/users/password', auth: 'user', form: { email: ADMIN.email, password: 'new password 1' } },
    want: { status: 403, type: TEXT, body: 'You are not an administrator; you can only change your own password!' },
  },
  {
    ref: '§6.3.1',
    what: 'a non-admin changing their own password: OK',
    from: 'code',
    flavours: POWER,
    seed: seedUser,
    req: { path: '/mail/users/password', auth: 'user', form: { email: USER.email, password: 'new password 1' } },
    want: ok('OK'),
  },
  {
    ref: '§2.7',
    what: 'upstream: a non-admin may not change even their own password',
    from: 'code',
    flavours: UP,
    seed: seedUser,
    req: { path: '/mail/users/password', auth: 'user', form: { email: USER.email, password: 'new password 1' } },
    want: unauthorized('You are not an administrator.'),
  },
  {
    ref: '§6.3.1',
    what: "a non-admin asking for another user's MFA status: 403 text",
    from: 'code',
    flavours: POWER,
    seed: seedUser,
    req: { path: '/mfa/status', auth: 'user', form: { user: ADMIN.email } },
    want: { status: 403, type: TEXT, body: MFA_DENIED },
  },
  {
    ref: '§6.3.1',
    what: "a non-admin disabling another user's MFA: 403 with the same text",
    from: 'code',
    flavours: POWER,
    seed: seedUser,
    req: { path: '/mfa/disable', auth: 'user', form: { user: ADMIN.email } },
    want: { status: 403, type: TEXT, body: MFA_DENIED },
  },
  {
    ref: '§6.3.1',
    what: 'a non-admin reading their own MFA status',
    from: 'code',
    flavours: POWER,
    seed: seedUser,
    req: { path: '/mfa/status', auth: 'user', form: {} },
    want: { status: 200, type: JSON_TYPE, body: /^\{\n {2}"enabled_mfa": \[\],\n {2}"new_mfa": \{/ },
  },
  {
    ref: '§6.3.1',
    what: 'a non-admin on any other route: 401 "You are not an administrator."',
    from: 'code',
    flavours: POWER,
    seed: seedUser,
    req: { path: '/mail/users', auth: 'user' },
    want: unauthorized('You are not an administrator.'),
  },
  // §6.3.2
  {
    ref: '§6.3.2',
    what: 'a new user without a quota field gets the default quota',
    from: 'code',
    flavours: POWER,
    seed: (s) => {
      s.defaultQuota = '5G';
    },
    req: async (ctx) => {
      const r = await ctx.send({ path: '/mail/users/add', form: { email: 'new@example.com', password: 'password1' } });
      expect(r.body).toMatch(/^mail user added\n/);
      return { path: '/mail/users/quota?email=new%40example.com&text=1' };
    },
    want: ok('5G'),
  },
  {
    ref: '§6.3.2/§4.2.2',
    what: 'upstream: without a quota field the quota is "0"',
    from: 'code',
    flavours: UP,
    seed: (s) => {
      s.defaultQuota = '5G';
    },
    req: async (ctx) => {
      await ctx.send({ path: '/mail/users/add', form: { email: 'new@example.com', password: 'password1' } });
      return { path: '/mail/users/quota?email=new%40example.com&text=1' };
    },
    want: ok('0'),
  },
  {
    ref: '§6.3.2',
    what: 'the first kick adds the noreply address line',
    from: 'code',
    flavours: POWER,
    admin: false,
    req: { path: '/mail/users/add', form: { email: 'me@example.com', password: 'password1', privileges: 'admin' } },
    want: ok(/^mail user added\n(?:[^\n]*\n)*added noreply address "noreply-daemon@box\.example\.com"\n/),
  },
  // §6.4.1 / §6.4.2 SMTP relay
  {
    ref: '§6.4.1',
    what: 'relay default: compact JSON',
    from: 'verified',
    flavours: POWER,
    req: { path: '/system/smtp/relay' },
    want: { status: 200, type: JSON_TYPE, body: RELAY_DEFAULT },
  },
  relayError('port must be an integer even when disabling', { port: '' }, "invalid literal for int() with base 10: ''"),
  relayError(
    'DKIM key without a selector',
    { dkim_rr: 'p=abc' },
    'Cannot publish a DKIM key without a selector!' + BOTH_EMPTY,
  ),
  relayError('invalid selector', { dkim_selector: 'Bad', dkim_rr: 'p=abc' }, 'The DKIM selector is invalid!'),
  relayError(
    'selector without a key',
    { dkim_selector: 'relay' },
    'Cannot publish a selector with an empty key!' + BOTH_EMPTY,
  ),
  relayError('malformed RR', { dkim_selector: 'relay', dkim_rr: 'v=DKIM1 junk' }, 'DKIM public key RR is malformed!'),
  relayError(
    'RR without p',
    { dkim_selector: 'relay', dkim_rr: 'v=DKIM1; k=rsa' },
    "The DKIM public key doesn't exist!",
  ),
  {
    ref: '§6.4.2',
    what: 'enabled, and the relay refuses the connection: 500',
    from: 'code',
    flavours: POWER,
    req: relay({ enabled: 'true', host: '127.0.0.1', port: '1', key: 'secret' }),
    want: html500,
  },
  relayError(
    'enabled with a host that does not resolve',
    { enabled: 'true', host: 'relay.nonexistent.invalid' },
    'Unable to resolve hostname (it probably is incorrect): [Errno -2] Name or service not known',
  ),
  relayError('no key and none stored', {}, 'Please provide a password/key (there is no existing password to retain).'),
  {
    ref: '§6.4.2',
    what: 'saved relay: dkim_rr rebuilt in v, h, k, n, s, t, p order; "true" enables',
    from: 'code',
    flavours: POWER,
    req: async (ctx) => {
      const r = await ctx.send(
        relay({
          key: 'secret',
          dkim_selector: 'relay',
          dkim_rr: 'p=MIIB; t=y k=rsa',
          authorized_servers: 'spf:x.com, 192.0.2.1',
        }),
      );
      expect([r.status, r.body]).toEqual([200, 'postfix/postfix-script: refreshing the Postfix mail system\n']);
      return { path: '/system/smtp/relay' };
    },
    want: {
      status: 200,
      type: JSON_TYPE,
      body: '{"authorized_servers":["spf:x.com","192.0.2.1"],"dkim_rr":"v=DKIM1; k=rsa; t=y; p=MIIB","dkim_selector":"relay","enabled":false,"host":"","port":587,"spf_record":null,"user":""}\n',
    },
  },
  // §6.4.3 – §6.4.9 PGP and WKD
  {
    ref: '§6.4.3',
    what: 'keyring: compact JSON {"daemon": key, "imported": []}',
    from: 'code',
    flavours: POWER,
    req: { path: '/system/pgp/' },
    want: {
      status: 200,
      type: JSON_TYPE,
      body: /^\{"daemon":\{"ids":\["System Management Daemon <noreply-daemon@box\.example\.com>"\],"ids_emails":\["noreply-daemon@box\.example\.com"\],"master_fpr":"[0-9A-F]{40}","revoked":false,"subkeys":\[.*\]\},"imported":\[\]\}\n$/,
    },
  },
  {
    ref: '§6.4.4',
    what: 'unknown key: 404 HTML',
    from: 'code',
    flavours: POWER,
    req: { path: '/system/pgp/0123456789ABCDEF0123456789ABCDEF01234567' },
    want: html404,
  },
  {
    ref: '§6.4.5',
    what: 'deleting the daemon key: 400',
    from: 'code',
    flavours: POWER,
    req: async (ctx) => {
      const r = await ctx.send({ path: '/system/pgp/' });
      const fpr = (JSON.parse(r.body) as { daemon: { master_fpr: string } }).daemon.master_fpr;
      return { method: 'DELETE', path: `/system/pgp/${fpr}` };
    },
    want: bad("You cannot delete the daemon's key!"),
  },
  {
    ref: '§6.4.5',
    what: 'deleting an imported key: pretty JSON array of dropped WKD emails',
    from: 'code',
    flavours: POWER,
    req: async (ctx) => {
      const k = await makeTestKey('Someone', 'someone@example.net');
      const r = await ctx.send({ path: '/system/pgp/import', form: { key: k.publicKey } });
      expect(r.status).toBe(200);
      return { method: 'DELETE', path: `/system/pgp/${k.fingerprint}` };
    },
    want: { status: 200, type: JSON_TYPE, body: '[]\n' },
  },
  {
    ref: '§6.4.5/§6.4.6',
    what: 'unknown key on DELETE and export: 404',
    from: 'code',
    flavours: POWER,
    req: async (ctx) => {
      const r = await ctx.send({ path: '/system/pgp/0123456789ABCDEF0123456789ABCDEF01234567/export' });
      expect(r.status).toBe(404);
      return { method: 'DELETE', path: '/system/pgp/0123456789ABCDEF0123456789ABCDEF01234567' };
    },
    want: html404,
  },
  {
    ref: '§6.4.6',
    what: 'export: the armored key as text/html',
    from: 'code',
    flavours: POWER,
    req: async (ctx) => {
      const r = await ctx.send({ path: '/system/pgp/' });
      return {
        path: `/system/pgp/${(JSON.parse(r.body) as { daemon: { master_fpr: string } }).daemon.master_fpr}/export`,
      };
    },
    want: ok(/^-----BEGIN PGP PUBLIC KEY BLOCK-----\n[\s\S]+-----END PGP PUBLIC KEY BLOCK-----\n?$/),
  },
  {
    ref: '§6.4.7',
    what: 'import: compact JSON counts',
    from: 'code',
    flavours: POWER,
    req: async () => ({
      path: '/system/pgp/import',
      form: { key: (await makeTestKey('A', 'a@example.net')).publicKey },
    }),
    want: {
      status: 200,
      type: JSON_TYPE,
      body: '{"keys_added":1,"keys_read":1,"keys_unchanged":0,"revs_added":0,"sigs_added":0,"uids_added":0}\n',
    },
  },
  {
    ref: '§6.4.7',
    what: 'import of garbage',
    from: 'code',
    flavours: POWER,
    req: { path: '/system/pgp/import', form: { key: 'not a key' } },
    want: bad('Import is not a valid PGP key block!'),
  },
  {
    ref: '§6.4.7',
    what: 'import of a private key',
    from: 'code',
    flavours: POWER,
    req: async () => ({
      path: '/system/pgp/import',
      form: { key: (await makeTestKey('A', 'a@example.net')).privateKey },
    }),
    want: bad('Import cannot contain private keys!'),
  },
  {
    ref: '§6.4.7',
    what: 'import without the key field: 500',
    from: 'code',
    flavours: POWER,
    req: { path: '/system/pgp/import', form: {} },
    want: html500,
  },
  {
    ref: '§6.4.3',
    what: "the daemon key is setup's: one RSA-4096 key, sign/cert/encr/auth, 180 days",
    from: 'code',
    flavours: POWER,
    req: { path: '/system/pgp/' },
    want: {
      status: 200,
      type: JSON_TYPE,
      check: (r) => {
        const ring = JSON.parse(r.body) as { daemon: { subkeys: Array<Record<string, unknown>> } };
        expect(ring.daemon.subkeys).toEqual([
          expect.objectContaining({
            algorithm: 'RSA',
            bits: 4096,
            master: true,
            sign: true,
            cert: true,
            encr: true,
            auth: true,
          }),
        ]);
        expect([179, 180]).toContain(ring.daemon.subkeys[0]?.['expires_days']);
      },
    },
  },
  {
    ref: '§6.4.8',
    what: 'WKD: every user, alias (automatic ones included) and noreply address grouped by domain',
    from: 'code',
    flavours: POWER,
    req: { path: '/system/pgp/wkd' },
    want: {
      status: 200,
      type: JSON_TYPE,
      check: (r) => {
        const w = JSON.parse(r.body) as {
          keys: Record<string, unknown>;
          wkd: Record<string, Record<string, { selected: unknown }>>;
        };
        expect(Object.keys(w.wkd).sort()).toEqual(['box.example.com', 'example.com']);
        expect(Object.keys(w.wkd['example.com'] ?? {}).sort()).toEqual([
          'abuse@example.com',
          'admin@example.com',
          ADMIN.email,
          'postmaster@example.com',
        ]);
        expect(Object.keys(w.wkd['box.example.com'] ?? {}).sort()).toEqual([
          'abuse@box.example.com',
          'admin@box.example.com',
          'administrator@box.example.com',
          'hostmaster@box.example.com',
          'noreply-daemon@box.example.com',
          'postmaster@box.example.com',
        ]);
        expect(Object.keys(w.keys)).toHaveLength(1);
      },
    },
  },
  {
    ref: '§6.4.9/§6.2',
    what: 'WKD with an unknown email: 401 with the ValueError text',
    from: 'verified',
    flavours: POWER,
    req: { path: '/system/pgp/wkd', form: { 'nobody@example.com': '0123456789ABCDEF0123456789ABCDEF01234567' } },
    want: unauthorized('User or alias nobody@example.com not found!'),
  },
  {
    ref: '§6.4.9/§6.2',
    what: 'WKD with an unknown key: 401 with the ValueError text',
    from: 'verified',
    flavours: POWER,
    req: { path: '/system/pgp/wkd', form: { [ADMIN.email]: '0123456789ABCDEF0123456789ABCDEF01234567' } },
    want: unauthorized('The key "0123456789ABCDEF0123456789ABCDEF01234567" does not exist!'),
  },
  {
    ref: '§6.4.9',
    what: 'WKD with a key that has no uid for the email: 500',
    from: 'code',
    flavours: POWER,
    req: async (ctx) => {
      const k = await makeTestKey('Other', 'other@example.net');
      await ctx.send({ path: '/system/pgp/import', form: { key: k.publicKey } });
      return { path: '/system/pgp/wkd', form: { [ADMIN.email]: k.fingerprint } };
    },
    want: html500,
  },
  {
    ref: '§6.4.9',
    what: 'WKD: the submitted set replaces the configuration; OK',
    from: 'code',
    flavours: POWER,
    req: async (ctx) => {
      const k = await makeTestKey('Me', ADMIN.email);
      await ctx.send({ path: '/system/pgp/import', form: { key: k.publicKey } });
      const r = await ctx.send({ path: '/system/pgp/wkd', form: { [ADMIN.email]: k.fingerprint } });
      expect([r.status, r.body]).toEqual([200, 'OK']);
      return { path: '/system/pgp/wkd', form: {} };
    },
    want: ok('OK'),
  },
  // §6.4.10 default quota
  {
    ref: '§6.4.10',
    what: 'default quota: pretty JSON',
    from: 'verified',
    flavours: POWER,
    req: { path: '/system/default-quota' },
    want: { status: 200, type: JSON_TYPE, body: '{\n  "default-quota": "0"\n}\n' },
  },
  {
    ref: '§6.4.10',
    what: 'default quota with text: the bare value',
    from: 'verified',
    flavours: POWER,
    req: { path: '/system/default-quota?text=1' },
    want: ok('0'),
  },
  {
    ref: '§6.4.10',
    what: 'default quota: invalid value',
    from: 'verified',
    flavours: POWER,
    req: { path: '/system/default-quota', form: { default_quota: '1.5G' } },
    want: bad('ERROR: Quotas cannot contain spaces, commas, or decimal points.'),
  },
  {
    ref: '§6.4.10',
    what: 'default quota: OK',
    from: 'code',
    flavours: POWER,
    req: { path: '/system/default-quota', form: { default_quota: '2g' } },
    want: ok('OK'),
  },
  {
    ref: '§6.4.10',
    what: 'default quota: missing parameter → 500',
    from: 'code',
    flavours: POWER,
    req: { path: '/system/default-quota', form: {} },
    want: html500,
  },
  // §6.3.6 / §6.4.11 backups
  {
    ref: '§6.3.6',
    what: 'an unparseable target_rsync_port becomes 22',
    from: 'code',
    flavours: POWER,
    req: async (ctx) => {
      const form = { target: 'local', target_user: '', target_pass: '', min_age: '3' };
      await ctx.send({ path: '/system/backup/config', form: { ...form, target_rsync_port: '2222' } });
      const r = await ctx.send({ path: '/system/backup/config', form: { ...form, target_rsync_port: 'abc' } });
      expect(r.body).toBe('"OK"\n');
      return { path: '/system/backup/config' };
    },
    want: { status: 200, body: /\n {2}"target_rsync_port": 22\n\}\n$/ },
  },
  {
    ref: '§6.4.11',
    what: 'backup/new with backups off',
    from: 'code',
    flavours: POWER,
    seed: (s) => {
      s.backup.target = 'off';
    },
    req: { path: '/system/backup/new', form: { full: 'true' } },
    want: ok('Backups are disabled in this machine. Nothing was done.'),
  },
  {
    ref: '§6.4.11',
    what: 'backup/new to the local target: OK, listed in the status',
    from: 'code',
    flavours: POWER,
    req: async (ctx) => {
      const r = await ctx.send({ path: '/system/backup/new', form: { full: 'true' } });
      expect([r.status, r.body]).toEqual([200, 'OK']);
      return { path: '/system/backup/status' };
    },
    want: { status: 200, type: JSON_TYPE, body: /"full": true,/ },
  },
  {
    ref: '§6.4',
    what: 'Power-only routes are unknown on upstream (404 before auth)',
    from: 'code',
    flavours: UP,
    req: { path: '/system/smtp/relay', auth: 'none' },
    want: html404,
  },
];
