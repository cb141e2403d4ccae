/**
 * §4.3 (aliases, mail domains) and §5.6 of the reference.
 */
import { addAlias, addUser } from '../../../emulator/state';
import type { BoxState } from '../../../emulator/types';
import { ADMIN, TEXT, bad, jsonOk, ok } from './fact';
import type { Fact, Req } from './fact';

/** §4.3.1's box: the admin alias plus a domain alias for an IDN domain. */
function seedAliases(s: BoxState): void {
  addAlias(s, { source: '@xn--bcher-kva.de', destination: '@example.com' });
}

const alias = (address: string, to: string[], auto: boolean, display = address): Record<string, unknown> => ({
  address,
  address_display: display,
  auto,
  forwards_to: to,
  permitted_senders: null,
});
const ADMIN_ADDR = 'administrator@box.example.com';

const ALIASES_JSON = [
  {
    aliases: [
      alias(ADMIN_ADDR, [ADMIN.email], false),
      alias('abuse@box.example.com', [ADMIN_ADDR], true),
      alias('admin@box.example.com', [ADMIN_ADDR], true),
      alias('hostmaster@box.example.com', [ADMIN_ADDR], true),
      alias('postmaster@box.example.com', [ADMIN_ADDR], true),
    ],
    domain: 'box.example.com',
  },
  {
    aliases: [
      alias('abuse@example.com', [ADMIN_ADDR], true),
      alias('admin@example.com', [ADMIN_ADDR], true),
      alias('postmaster@example.com', [ADMIN_ADDR], true),
    ],
    domain: 'example.com',
  },
  { aliases: [alias('@xn--bcher-kva.de', ['@example.com'], false, '@bücher.de')], domain: 'bücher.de' },
];

const ALIASES_TEXT = [
  `abuse@box.example.com\t${ADMIN_ADDR}\t`,
  `admin@box.example.com\t${ADMIN_ADDR}\t`,
  `${ADMIN_ADDR}\t${ADMIN.email}\t`,
  `hostmaster@box.example.com\t${ADMIN_ADDR}\t`,
  `postmaster@box.example.com\t${ADMIN_ADDR}\t`,
  `abuse@example.com\t${ADMIN_ADDR}\t`,
  `admin@example.com\t${ADMIN_ADDR}\t`,
  `postmaster@example.com\t${ADMIN_ADDR}\t`,
  '@bücher.de\t@xn--bcher-kva.de\t',
  '@xn--bcher-kva.de\t@example.com\t',
]
  .map((l) => l + '\n')
  .join('');

const addAliasReq = (form: Record<string, string>): Req => ({ path: '/mail/aliases/add', form });
const aliasError = (what: string, form: Record<string, string>, message: string): Fact => ({
  ref: '§4.3.2',
  what,
  from: 'verified',
  seed: (s) => void addAlias(s, { source: 'info@example.com', destination: ADMIN.email }),
  req: addAliasReq({ forwards_to: '', permitted_senders: '', ...form }),
  want: bad(message),
});

export const aliasFacts: Fact[] = [
  {
    ref: '§4.3.1',
    what: 'aliases JSON (verified shape): groups in domain order, non-auto first, IDN maps left out',
    from: 'verified',
    seed: seedAliases,
    req: { path: '/mail/aliases?format=json' },
    want: jsonOk(ALIASES_JSON),
  },
  {
    ref: '§4.3.1',
    what: 'aliases text: every alias incl. auto and the IDN map, email order, tab-separated',
    from: 'code',
    seed: seedAliases,
    req: { path: '/mail/aliases' },
    want: ok(ALIASES_TEXT),
  },
  {
    ref: '§4.3.1',
    what: 'permitted_senders as an array; forwards_to split on commas',
    from: 'code',
    admin: false,
    seed: (s) => {
      addUser(s, { email: 'me@example.com', password: ADMIN.password, privileges: ['admin'] });
      addAlias(s, {
        source: 'list@example.com',
        destination: 'a@example.net,b@example.net',
        permittedSenders: ADMIN.email,
      });
    },
    req: { path: '/mail/aliases?format=json' },
    want: {
      status: 200,
      body: /"address": "list@example\.com",\n {8}"address_display": "list@example\.com",\n {8}"auto": false,\n {8}"forwards_to": \[\n {10}"a@example\.net",\n {10}"b@example\.net"\n {8}\],\n {8}"permitted_senders": \[\n {10}"me@example\.com"\n {8}\]\n/,
    },
  },
  // §4.3.2
  aliasError('empty address', { address: '', forwards_to: ADMIN.email }, 'No email address provided.'),
  aliasError(
    'invalid address, shown lowercased and IDN-converted',
    { address: 'Foo..Bar@bücher.de', forwards_to: ADMIN.email },
    'Invalid email address (foo..bar@xn--bcher-kva.de).',
  ),
  aliasError(
    'one of several destinations invalid',
    { address: 'x@example.com', forwards_to: `${ADMIN.email}, not-an-address` },
    'Invalid receiver email address (not-an-address).',
  ),
  aliasError(
    'DCV source with a non-admin destination',
    { address: 'postmaster@example.com', forwards_to: 'someone@example.net' },
    'This alias can only have administrators of this system as destinations because the address is frequently used for domain control validation.',
  ),
  aliasError(
    'permitted sender not a user',
    { address: 'x@example.com', permitted_senders: 'nobody@example.com' },
    'Invalid permitted sender: nobody@example.com is not a user on this system.',
  ),
  aliasError(
    'both lists empty',
    { address: 'x@example.com' },
    'The alias must either forward to an address or have a permitted sender.',
  ),
  aliasError(
    'duplicate without update_if_exists=1',
    { address: 'info@example.com', forwards_to: 'other@example.net', update_if_exists: '0' },
    'Alias already exists (info@example.com).',
  ),
  {
    ref: '§4.3.2',
    what: 'success: kick report starting with "alias added"',
    from: 'code',
    req: addAliasReq({ address: 'info@example.com', forwards_to: 'x@example.net', permitted_senders: '' }),
    want: ok(/^alias added\n/),
  },
  {
    ref: '§4.3.2',
    what: 'update_if_exists=1: "alias updated" and both lists replaced',
    from: 'code',
    seed: (s) =>
      void addAlias(s, { source: 'info@example.com', destination: 'x@example.net', permittedSenders: ADMIN.email }),
    req: async (ctx) => {
      const r = await ctx.send(
        addAliasReq({ address: 'info@example.com', forwards_to: 'y@example.net', update_if_exists: '1' }),
      );
      expect(r.body).toMatch(/^alias updated\n/);
      return { path: '/mail/aliases' };
    },
    want: { status: 200, type: TEXT, body: /(^|\n)info@example\.com\ty@example\.net\t\n/ },
  },
  {
    ref: '§4.3.2',
    what: 'address lowercased and IDN-encoded; destinations split on commas and newlines, IDN-encoded',
    from: 'code',
    admin: false,
    seed: (s) => void addUser(s, { email: 'me@example.com', password: ADMIN.password, privileges: ['admin'] }),
    req: async (ctx) => {
      const r = await ctx.send(
        addAliasReq({ address: 'Info@bücher.de', forwards_to: 'a@bücher.de,\nb@example.net', permitted_senders: '' }),
      );
      expect(r.body).toMatch(/^alias added\n/);
      return { path: '/mail/aliases' };
    },
    want: { status: 200, body: /(^|\n)info@xn--bcher-kva\.de\ta@xn--bcher-kva\.de,b@example\.net\t\n/ },
  },
  {
    ref: '§5.6',
    what: 'a single @domain destination is taken as is (domain alias)',
    from: 'code',
    req: addAliasReq({ address: '@alias.example.net', forwards_to: '@example.com', permitted_senders: '' }),
    want: ok(/^alias added\n/),
  },
  {
    ref: '§5.3',
    what: 'a DCV source may forward to an admin user (with +tag stripped)',
    from: 'code',
    req: addAliasReq({ address: 'abuse@example.com', forwards_to: 'me+tag@example.com', permitted_senders: '' }),
    want: ok(/^alias added\n/),
  },
  {
    ref: '§4.3.2',
    what: 'the address is trimmed (a padded domain is not IDN-converted, so it stays as typed, lowercased)',
    from: 'code',
    req: async (ctx) => {
      const r = await ctx.send(
        addAliasReq({ address: ' Info@example.com ', forwards_to: 'x@example.net', permitted_senders: '' }),
      );
      expect(r.body).toMatch(/^alias added\n/);
      return { path: '/mail/aliases' };
    },
    want: { status: 200, body: /(^|\n)info@example\.com\tx@example\.net\t\n/ },
  },
  {
    ref: '§5.3/§5.6',
    what: 'a DCV source gets no "@domain" shortcut: each destination must be a full address',
    from: 'code',
    req: addAliasReq({ address: 'postmaster@example.com', forwards_to: '@example.com', permitted_senders: '' }),
    want: bad('Invalid receiver email address (@example.com).'),
  },
  // §4.3.3
  {
    ref: '§4.3.3',
    what: 'remove is not lowercased: an uppercase variant is not an alias',
    from: 'verified',
    seed: (s) => void addAlias(s, { source: 'info@example.com', destination: ADMIN.email }),
    req: { path: '/mail/aliases/remove', form: { address: 'Info@example.com' } },
    want: bad("That's not an alias (Info@example.com)."),
  },
  {
    ref: '§4.3.3',
    what: 'remove an address that is not an alias',
    from: 'verified',
    req: { path: '/mail/aliases/remove', form: { address: 'nobody@example.com' } },
    want: bad("That's not an alias (nobody@example.com)."),
  },
  {
    ref: '§4.3.3',
    what: 'auto aliases cannot be removed',
    from: 'code',
    req: { path: '/mail/aliases/remove', form: { address: 'abuse@example.com' } },
    want: bad("That's not an alias (abuse@example.com)."),
  },
  {
    ref: '§4.3.3',
    what: 'remove: kick report starting with "alias removed"',
    from: 'code',
    seed: (s) => void addAlias(s, { source: 'info@example.com', destination: ADMIN.email }),
    req: { path: '/mail/aliases/remove', form: { address: 'info@example.com' } },
    want: ok(/^alias removed\n/),
  },
  // §4.3.4
  {
    ref: '§4.3.4',
    what: 'mail domains: punycode, one per line, any order',
    from: 'verified',
    seed: seedAliases,
    req: { path: '/mail/domains' },
    want: {
      status: 200,
      type: TEXT,
      check: (r) => {
        expect(r.body.endsWith('\n')).toBe(true);
        expect(r.body.split('\n').slice(0, -1).sort()).toEqual(['box.example.com', 'example.com', 'xn--bcher-kva.de']);
      },
    },
  },
];
