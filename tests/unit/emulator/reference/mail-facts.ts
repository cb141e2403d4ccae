/**
 * §4.1 login answers, §4.2 users, §5.1–§5.5 validation rules of the reference.
 */
import { addAlias, addLeftoverMailbox, addUser } from '../../../emulator/state';
import type { BoxState } from '../../../emulator/types';
import { ADMIN, JSON_TYPE, TEXT, bad, jsonOk, loginRefused, ok } from './fact';
import type { Fact, Req, Want } from './fact';

const USER_RULE =
  'User account email addresses may only use the lowercase ASCII letters a-z, the digits 0-9, underscore (_), hyphen (-), and period (.).';
const DCV =
  'You may not make a user account for that address because it is frequently used for domain control validation. Use an alias instead if necessary.';

/** §4.2.1's verified box: 3 active users, 1 archived mailbox and an IDN domain. */
function seedListing(s: BoxState): void {
  addUser(s, {
    email: 'u2@example.com',
    password: 'password two',
    privileges: ['admin'],
    quota: '100M',
    maildirsize: { quotaBytes: 2147483648, usedBytes: 1572864, messages: 7 },
  });
  addUser(s, { email: 'u3@xn--bcher-kva.de', password: 'password three' });
  addLeftoverMailbox(s, 'olduser@example.com');
}

function listing(power: boolean): unknown {
  const count = (n: number | string): Record<string, unknown> => (power ? { box_count: n } : {});
  return [
    {
      domain: 'example.com',
      users: [
        {
          ...count('?'),
          box_quota: '?',
          box_size: '?',
          email: 'me@example.com',
          percent: '',
          privileges: ['admin'],
          quota: '0',
          status: 'active',
        },
        {
          ...count(7),
          box_quota: 2147483648,
          box_size: '1.5M',
          email: 'u2@example.com',
          percent: '  0%',
          privileges: ['admin'],
          quota: '100M',
          status: 'active',
        },
        {
          ...count('?'),
          box_quota: '?',
          box_size: '?',
          email: 'olduser@example.com',
          mailbox: '/home/user-data/mail/mailboxes/example.com/olduser',
          percent: '?',
          privileges: [],
          status: 'inactive',
        },
      ],
    },
    {
      domain: 'bücher.de',
      users: [
        {
          ...count('?'),
          box_quota: '?',
          box_size: '?',
          email: 'u3@xn--bcher-kva.de',
          percent: '',
          privileges: [],
          quota: '0',
          status: 'active',
        },
      ],
    },
  ];
}

const add = (form: Record<string, string>): Req => ({ path: '/mail/users/add', form });
const addFact = (what: string, form: Record<string, string>, want: Want, from: Fact['from'] = 'verified'): Fact => ({
  ref: '§4.2.2',
  what,
  from,
  req: add(form),
  want,
});
const syntax = (email: string, passes: boolean): Fact => ({
  ref: '§5.1',
  what: `${email} ${passes ? 'passes' : 'fails'} the general syntax`,
  from: 'verified',
  req: add({ email, password: '' }),
  want: bad(passes ? 'No password provided.' : 'Invalid email address.'),
});
const seedU2 = (s: BoxState): void =>
  void addUser(s, { email: 'u2@example.com', password: 'password two', quota: '2G', privileges: ['admin', 'foo'] });

export const mailFacts: Fact[] = [
  // §4.1.2 / §4.1.3
  {
    ref: '§4.1.2',
    what: 'login success: pretty JSON with a 64-hex api_key',
    from: 'verified',
    req: { method: 'POST', path: '/login', auth: 'admin' },
    want: {
      status: 200,
      type: JSON_TYPE,
      body: /^\{\n {2}"api_key": "[0-9a-f]{64}",\n {2}"email": "me@example\.com",\n {2}"privileges": \[\n {4}"admin"\n {2}\],\n {2}"status": "ok"\n\}\n$/,
    },
  },
  {
    ref: '§4.1.2',
    what: 'login with a wrong password: 200 invalid',
    from: 'verified',
    req: { method: 'POST', path: '/login', auth: [ADMIN.email, 'wrong password'] },
    want: loginRefused('Incorrect email address or password.'),
  },
  {
    ref: '§4.1.2',
    what: 'login with the API key as username: "Enter a password."',
    from: 'code',
    req: { method: 'POST', path: '/login', auth: 'key' },
    want: loginRefused('Enter a password.'),
  },
  {
    ref: '§4.1.2',
    what: 'login without a header: "Authorization header invalid."',
    from: 'code',
    req: { method: 'POST', path: '/login', auth: 'none' },
    want: loginRefused('Authorization header invalid.'),
  },
  {
    ref: '§4.1.3',
    what: 'logout without credentials answers ok',
    from: 'code',
    req: { method: 'POST', path: '/logout', auth: 'none' },
    want: { status: 200, type: JSON_TYPE, body: '{\n  "status": "ok"\n}\n' },
  },
  {
    ref: '§4.1.3',
    what: 'logout with the API key answers ok',
    from: 'code',
    req: { method: 'POST', path: '/logout' },
    want: { status: 200, type: JSON_TYPE, body: '{\n  "status": "ok"\n}\n' },
  },
  // §4.2.1
  {
    ref: '§4.2.1',
    what: 'users JSON (verified output); upstream has no box_count',
    from: 'verified',
    flavours: ['upstream'],
    seed: seedListing,
    req: { path: '/mail/users?format=json' },
    want: jsonOk(listing(false)),
  },
  {
    ref: '§4.2.1/§6.3.3',
    what: 'users JSON on Power: every entry has box_count',
    from: 'code',
    flavours: ['power'],
    seed: seedListing,
    req: { path: '/mail/users?format=json' },
    want: jsonOk(listing(true)),
  },
  {
    ref: '§4.2.1',
    what: 'text form: active users only, email order, text/html',
    from: 'code',
    seed: seedListing,
    req: { path: '/mail/users' },
    want: ok('me@example.com\nu2@example.com\nu3@xn--bcher-kva.de\n'),
  },
  {
    ref: '§4.2.1',
    what: 'any other format value gives the text form',
    from: 'code',
    req: { path: '/mail/users?format=xml' },
    want: ok('me@example.com\n'),
  },
  {
    ref: '§4.2.1',
    what: 'text form of a box without users is empty',
    from: 'code',
    admin: false,
    req: { path: '/mail/users' },
    want: ok(''),
  },
  // §4.2.2
  {
    ref: '§4.2.2',
    what: 'success: the kick report (verified example)',
    from: 'verified',
    flavours: ['upstream'],
    admin: false,
    seed: (s) => void addUser(s, { email: 'me@box.example.com', password: ADMIN.password, privileges: ['admin'] }),
    req: add({ email: 'new@example.com', password: 'password1' }),
    want: ok('mail user added\nupdated DNS: example.com\nweb updated\n'),
  },
  addFact('empty email', { email: '', password: 'password1' }, bad('No email address provided.')),
  addFact('blank email', { email: '   ', password: 'password1' }, bad('No email address provided.')),
  addFact('general syntax before the password', { email: 'not-an-email' }, bad('Invalid email address.')),
  addFact('uppercase', { email: 'New@example.com' }, bad(USER_RULE)),
  addFact('plus sign', { email: 'a+b@example.com' }, bad(USER_RULE)),
  addFact('Unicode IDN domain', { email: 'u@bücher.de', password: 'password1' }, bad(USER_RULE)),
  addFact('DCV local part while a user exists, before the password', { email: 'postmaster@example.com' }, bad(DCV)),
  {
    ref: '§4.2.2/§5.3',
    what: 'a DCV address may be the very first user',
    from: 'code',
    admin: false,
    req: add({ email: 'admin@example.com', password: 'password1' }),
    want: ok(/^mail user added\n/),
  },
  addFact('missing password', { email: 'new@example.com' }, bad('No password provided.')),
  addFact('blank password', { email: 'new@example.com', password: '        ' }, bad('No password provided.')),
  addFact(
    'short password',
    { email: 'new@example.com', password: 'short' },
    bad('Passwords must be at least eight characters.'),
  ),
  addFact(
    'a trailing newline in privileges, before the quota',
    { email: 'new@example.com', password: 'password1', privileges: 'admin\n', quota: 'x' },
    bad("That's not a valid privilege ()."),
  ),
  addFact(
    'empty quota field',
    { email: 'new@example.com', password: 'password1', quota: '' },
    bad('No quota provided.'),
  ),
  addFact(
    'quota with a decimal point',
    { email: 'new@example.com', password: 'password1', quota: '1.5G' },
    bad('Quotas cannot contain spaces, commas, or decimal points.'),
  ),
  addFact(
    'quota with a space inside',
    { email: 'new@example.com', password: 'password1', quota: '1 G' },
    bad('Quotas cannot contain spaces, commas, or decimal points.'),
    'code',
  ),
  addFact('quota in K', { email: 'new@example.com', password: 'password1', quota: '5K' }, bad('Invalid quota.')),
  addFact(
    'quota in MB',
    { email: 'new@example.com', password: 'password1', quota: '5MB' },
    bad('Invalid quota.'),
    'code',
  ),
  addFact(
    'duplicate, checked after the quota',
    { email: ADMIN.email, password: 'password1', quota: 'x' },
    bad('Invalid quota.'),
  ),
  addFact('duplicate', { email: ADMIN.email, password: 'password1' }, bad('User already exists.')),
  {
    ref: '§4.2.2/§5.5',
    what: 'the quota is stored trimmed and upper-cased',
    from: 'code',
    req: async (ctx) => {
      const r = await ctx.send(add({ email: 'new@example.com', password: 'password1', quota: ' 5g ' }));
      expect(r.body).toMatch(/^mail user added\n/);
      return { path: '/mail/users/quota?email=new%40example.com&text=1' };
    },
    want: ok('5G'),
  },
  // §5.1 general syntax (verified)
  syntax('ä@example.com', false),
  syntax('a..b@example.com', false),
  syntax('a@localhost', false),
  syntax('a@1.2', false),
  ...['a@x.local', 'a@x.test', 'a@x.invalid', 'a@x.onion', 'a@x.arpa', 'a@home.arpa'].map((e) => syntax(e, false)),
  ...['a@x.example', 'a@x.lan', 'a@x.internal'].map((e) => syntax(e, true)),
  {
    ref: '§5.1',
    what: 'a Unicode domain passes the syntax check (and then fails the user rule)',
    from: 'verified',
    req: add({ email: 'a@bücher.de', password: '' }),
    want: bad(USER_RULE),
  },
  // §4.2.3 quota
  {
    ref: '§4.2.3',
    what: 'GET quota as JSON',
    from: 'verified',
    seed: seedU2,
    req: { path: '/mail/users/quota?email=u2%40example.com' },
    want: { status: 200, type: JSON_TYPE, body: '{\n  "email": "u2@example.com",\n  "quota": "2G"\n}\n' },
  },
  {
    ref: '§4.2.3',
    what: 'GET quota with text: the bare value',
    from: 'code',
    seed: seedU2,
    req: { path: '/mail/users/quota?email=u2%40example.com&text=yes' },
    want: ok('2G'),
  },
  {
    ref: '§4.2.3',
    what: 'unknown user without text: 200 JSON whose quota is an array',
    from: 'verified',
    req: { path: '/mail/users/quota?email=x%40example.com' },
    want: jsonOk({ email: 'x@example.com', quota: ["That's not a user (x@example.com).", 400] }),
  },
  {
    ref: '§4.2.3',
    what: 'unknown user with text: a real 400',
    from: 'verified',
    req: { path: '/mail/users/quota?email=x%40example.com&text=1' },
    want: bad("That's not a user (x@example.com)."),
  },
  // §4.2.4
  {
    ref: '§4.2.4',
    what: 'set quota: OK',
    from: 'code',
    req: { path: '/mail/users/quota', form: { email: ADMIN.email, quota: '500m' } },
    want: ok('OK'),
  },
  {
    ref: '§4.2.4',
    what: 'set quota: the quota is checked before the user',
    from: 'code',
    req: { path: '/mail/users/quota', form: { email: 'x@example.com', quota: '5K' } },
    want: bad('Invalid quota.'),
  },
  {
    ref: '§4.2.4',
    what: 'set quota: unknown user',
    from: 'code',
    req: { path: '/mail/users/quota', form: { email: 'x@example.com', quota: '5G' } },
    want: bad("That's not a user (x@example.com)."),
  },
  // §4.2.5
  {
    ref: '§4.2.5',
    what: 'set password: OK',
    from: 'code',
    req: { path: '/mail/users/password', form: { email: ADMIN.email, password: 'another password' } },
    want: ok('OK'),
  },
  {
    ref: '§4.2.5',
    what: 'set password: no password',
    from: 'code',
    req: { path: '/mail/users/password', form: { email: ADMIN.email, password: '' } },
    want: bad('No password provided.'),
  },
  {
    ref: '§4.2.5',
    what: 'set password: too short',
    from: 'code',
    req: { path: '/mail/users/password', form: { email: ADMIN.email, password: 'short' } },
    want: bad('Passwords must be at least eight characters.'),
  },
  {
    ref: '§4.2.5',
    what: 'set password: unknown user',
    from: 'code',
    req: { path: '/mail/users/password', form: { email: 'x@example.com', password: 'long enough' } },
    want: bad("That's not a user (x@example.com)."),
  },
  // §4.2.6
  {
    ref: '§4.2.6',
    what: 'remove: kick report starting with "mail user removed"',
    from: 'code',
    seed: seedU2,
    req: { path: '/mail/users/remove', form: { email: 'u2@example.com' } },
    want: ok(/^mail user removed\n/),
  },
  {
    ref: '§4.2.6/§4.12',
    what: 'remove: user-created admin@ alias of a domain no longer used for mail is deleted and reported',
    from: 'code',
    flavours: ['upstream'],
    seed: (s) => {
      addUser(s, { email: 'u@x.com', password: 'password x' });
      addAlias(s, { source: 'admin@x.com', destination: 'administrator@box.example.com' });
    },
    req: { path: '/mail/users/remove', form: { email: 'u@x.com' } },
    want: ok(
      /^mail user removed\nremoved alias admin@x\.com \(was to administrator@box\.example\.com; domain no longer used for email\)\nupdated DNS: [^\n]+\nweb updated\n$/,
    ),
  },
  {
    ref: '§4.2.6',
    what: 'remove: exact, case-sensitive match',
    from: 'code',
    req: { path: '/mail/users/remove', form: { email: 'Me@example.com' } },
    want: bad("That's not a user (Me@example.com)."),
  },
  {
    ref: '§4.2.6/§9.16',
    what: 'a removed user lists as inactive with its mailbox',
    from: 'code',
    flavours: ['upstream'],
    seed: seedU2,
    req: async (ctx) => {
      await ctx.send({ path: '/mail/users/remove', form: { email: 'u2@example.com' } });
      return { path: '/mail/users?format=json' };
    },
    want: {
      status: 200,
      type: JSON_TYPE,
      body: /"email": "u2@example\.com",\n {8}"mailbox": "\/home\/user-data\/mail\/mailboxes\/example\.com\/u2",\n {8}"percent": "\?",\n {8}"privileges": \[\],\n {8}"status": "inactive"\n/,
    },
  },
  // §4.2.7 / §4.2.8
  {
    ref: '§4.2.7',
    what: 'privileges joined with "\\n", no trailing newline',
    from: 'code',
    seed: seedU2,
    req: { path: '/mail/users/privileges?email=u2%40example.com' },
    want: ok('admin\nfoo'),
  },
  {
    ref: '§4.2.7',
    what: 'no privileges: empty body',
    from: 'code',
    seed: (s) => void addUser(s, { email: 'u2@example.com', password: 'password two' }),
    req: { path: '/mail/users/privileges?email=u2%40example.com' },
    want: ok(''),
  },
  {
    ref: '§4.2.7',
    what: 'privileges of an unknown user',
    from: 'code',
    req: { path: '/mail/users/privileges?email=x%40example.com' },
    want: bad("That's not a user (x@example.com)."),
  },
  {
    ref: '§4.2.8',
    what: 'adding an existing privilege answers OK',
    from: 'code',
    req: { path: '/mail/users/privileges/add', form: { email: ADMIN.email, privilege: 'admin' } },
    want: ok('OK'),
  },
  {
    ref: '§4.2.8',
    what: 'removing a missing privilege answers OK',
    from: 'code',
    req: { path: '/mail/users/privileges/remove', form: { email: ADMIN.email, privilege: 'nothere' } },
    want: ok('OK'),
  },
  {
    ref: '§4.2.8',
    what: 'an empty privilege is invalid',
    from: 'code',
    req: { path: '/mail/users/privileges/add', form: { email: ADMIN.email, privilege: '' } },
    want: bad("That's not a valid privilege ()."),
  },
  {
    ref: '§4.2.8',
    what: 'a privilege with a newline is invalid',
    from: 'code',
    req: { path: '/mail/users/privileges/add', form: { email: ADMIN.email, privilege: 'a\nb' } },
    want: bad("That's not a valid privilege (a\nb)."),
  },
  {
    ref: '§4.2.8',
    what: 'privilege change on an unknown user',
    from: 'code',
    req: { path: '/mail/users/privileges/add', form: { email: 'x@example.com', privilege: 'foo' } },
    want: bad("That's not a user (x@example.com)."),
  },
  {
    ref: '§4.2.8',
    what: 'an admin may remove admin from themself',
    from: 'code',
    req: async (ctx) => {
      const r = await ctx.send({
        path: '/mail/users/privileges/remove',
        auth: 'admin',
        form: { email: ADMIN.email, privilege: 'admin' },
      });
      expect(r.body).toBe('OK');
      return { path: '/mail/users/privileges?email=me%40example.com' };
    },
    want: { status: 200, type: TEXT, body: '' },
  },
];
