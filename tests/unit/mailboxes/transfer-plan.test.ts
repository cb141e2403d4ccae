import { readRecords, type ImportRecord } from '../../../src-main/mailboxes/transfer-format';
import { planAliases, planUsers } from '../../../src-main/mailboxes/transfer-plan';
import { MAIL_MESSAGES } from '../../../src-shared/domain/mail-rules';
import type { AliasGroup, MailUserGroup } from '../../../src-shared/domain/miab';
import { SEND_ONLY_ALIAS } from './send-only-alias';

const users: MailUserGroup[] = [
  {
    domain: 'example.com',
    users: [
      { email: 'me@example.com', privileges: ['admin'], status: 'active', quota: '0' },
      { email: 'alice@example.com', privileges: [], status: 'active', quota: '2G' },
      { email: 'gone@example.com', privileges: [], status: 'inactive', mailbox: '/x/gone' },
    ],
  },
];

function records(kind: 'users' | 'aliases', csv: string): ImportRecord[] {
  const read = readRecords(kind, 'csv', csv);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

test('users: create, restore, update, skip and the box rules as errors, with the box texts', () => {
  const plan = planUsers(
    records(
      'users',
      [
        'email,password,admin,quota',
        'new@example.com,new-password-1,yes,1g',
        'gone@example.com,back-password-1,,',
        'alice@example.com,,yes,5G',
        'me@example.com,,yes,0',
        'short@example.com,short,,',
        'Upper@example.com,upper-password-1,,',
        'nopw@example.com,,,',
        'bad@example.com,bad-password-1,maybe,',
        'quota@example.com,quota-password-1,,1.5G',
        'new@example.com,new-password-2,,',
        'alice@example.com,alice-password-2,,',
      ].join('\n'),
    ),
    { groups: users, quotasAbsentReason: null },
  );
  expect(plan.map((entry) => [entry.row.row, entry.row.address, entry.row.action, entry.row.detail])).toEqual([
    [1, 'new@example.com', 'create', 'New user, admin, quota 1G.'],
    [2, 'gone@example.com', 'create', 'Restores the archived mailbox, the default quota.'],
    [3, 'alice@example.com', 'update', 'Grants admin, quota 2G → 5G.'],
    [4, 'me@example.com', 'skip', 'Already on the box as in the file.'],
    [5, 'short@example.com', 'error', MAIL_MESSAGES.shortPassword],
    [6, 'Upper@example.com', 'error', MAIL_MESSAGES.userChars],
    [7, 'nopw@example.com', 'error', MAIL_MESSAGES.noPassword],
    [8, 'bad@example.com', 'error', 'The admin column takes yes or no.'],
    [9, 'quota@example.com', 'error', MAIL_MESSAGES.quotaChars],
    [10, 'new@example.com', 'error', 'Row 1 has the same address; each address may appear once.'],
    [11, 'alice@example.com', 'error', 'Row 3 has the same address; each address may appear once.'],
  ]);
  expect(plan[0]?.op).toEqual({
    kind: 'create',
    email: 'new@example.com',
    password: 'new-password-1',
    admin: true,
    quota: '1G',
  });
  expect(plan[2]?.op).toEqual({ kind: 'update', email: 'alice@example.com', admin: true, quota: '5G' });
  // Only rows that will be sent carry anything to send.
  expect(plan.filter((entry) => entry.op !== null).map((entry) => entry.row.row)).toEqual([1, 2, 3]);
});

test('users: no row says the password, whatever happens to it', () => {
  const plan = planUsers(records('users', 'email,password\nalice@example.com,Sup3r-secret-pw\nx@example.com,Sup3r\n'), {
    groups: users,
    quotasAbsentReason: null,
  });
  expect(plan.map((entry) => entry.row.action)).toEqual(['update', 'error']);
  expect(JSON.stringify(plan.map((entry) => entry.row))).not.toMatch(/Sup3r/);
});

test('users: a quota for a box without quota routes is refused with the reason; no quota is fine', () => {
  const reason = 'Mail user quotas need Mail-in-a-Box v73 or newer; this box runs v72.';
  const plan = planUsers(
    records('users', 'email,password,quota\na@example.com,a-password-1,1G\nb@example.com,b-password-1,\n'),
    {
      groups: users,
      quotasAbsentReason: reason,
    },
  );
  expect(plan.map((entry) => [entry.row.action, entry.row.detail])).toEqual([
    ['error', reason],
    ['create', 'New user, the default quota.'],
  ]);
});

test('users: a DCV address is refused once the box or the file has a user (the box allows it only as the first)', () => {
  const empty: MailUserGroup[] = [];
  const plan = planUsers(
    records('users', 'email,password\nadmin@example.com,admin-password-1\npostmaster@example.com,pm-password-1\n'),
    { groups: empty, quotasAbsentReason: null },
  );
  expect(plan.map((entry) => [entry.row.action, entry.row.detail])).toEqual([
    ['create', 'New user, the default quota.'],
    ['error', MAIL_MESSAGES.dcvUser],
  ]);
});

test('users: an exported archived user fed back is left alone rather than refused for want of a password', () => {
  const plan = planUsers(records('users', 'email,status,admin,quota\nlost@example.com,inactive,no,\n'), {
    groups: users,
    quotasAbsentReason: null,
  });
  expect(plan.map((entry) => entry.row.action)).toEqual(['skip']);
});

const aliases: AliasGroup[] = [
  {
    domain: 'example.com',
    aliases: [
      {
        address: 'info@example.com',
        address_display: 'info@example.com',
        auto: false,
        forwards_to: ['alice@example.com'],
        permitted_senders: null,
      },
      {
        address: 'abuse@example.com',
        address_display: 'abuse@example.com',
        auto: true,
        forwards_to: ['me@example.com'],
        permitted_senders: null,
      },
    ],
  },
  {
    domain: 'bücher.de',
    aliases: [
      {
        address: '@xn--bcher-kva.de',
        address_display: '@bücher.de',
        auto: false,
        forwards_to: ['@example.com'],
        permitted_senders: null,
      },
    ],
  },
];

test('aliases: create, update (both lists replaced), skip, the box rules; an automatic alias replaced by a made one', () => {
  const plan = planAliases(
    records(
      'aliases',
      [
        'address,forwards_to,permitted_senders',
        'Sales@Example.com,"alice@example.com, me@example.com",',
        'info@example.com,me@example.com,alice@example.com',
        '@bücher.de,@example.com,',
        'abuse@example.com,me@example.com,',
        'bad@@example.com,me@example.com,',
        'send@example.com,,nobody@example.com',
        'empty@example.com,,',
      ].join('\n'),
    ),
    aliases,
    users,
  );
  expect(plan.map((entry) => [entry.row.address, entry.row.action, entry.row.detail])).toEqual([
    ['sales@example.com', 'create', 'New alias, forwards to alice@example.com, me@example.com.'],
    [
      'info@example.com',
      'update',
      'Forwards to me@example.com (was alice@example.com); permitted senders alice@example.com (were none).',
    ],
    ['@xn--bcher-kva.de', 'skip', 'Already on the box as in the file.'],
    ['abuse@example.com', 'create', 'New alias in place of the automatic one, forwards to me@example.com.'],
    ['bad@@example.com', 'error', MAIL_MESSAGES.invalidAlias('bad@@example.com')],
    ['send@example.com', 'error', MAIL_MESSAGES.invalidSender('nobody@example.com')],
    ['empty@example.com', 'error', MAIL_MESSAGES.emptyAlias],
  ]);
  expect(plan[0]?.op).toEqual({
    address: 'sales@example.com',
    forwardsTo: ['alice@example.com', 'me@example.com'],
    permittedSenders: [],
    update: false,
  });
  expect(plan[1]?.op).toMatchObject({ update: true, permittedSenders: ['alice@example.com'] });
});

test("users: a row that breaks several rules gets the box's first refusal (address, then password, then quota)", () => {
  const plan = planUsers(
    records('users', 'email,password,quota\nBad@example.com,short,1.5G\nok@example.com,short,1.5G\n'),
    { groups: users, quotasAbsentReason: null },
  );
  expect(plan.map((entry) => entry.row.detail)).toEqual([MAIL_MESSAGES.userChars, MAIL_MESSAGES.shortPassword]);
});

test('aliases: a send-only alias, which the box lists as forwarding to [""], is the same as a file row with no forward-to', () => {
  const plan = planAliases(
    records('aliases', 'address,forwards_to,permitted_senders\nnews@example.com,,alice@example.com\n'),
    SEND_ONLY_ALIAS,
    users,
  );
  expect(plan.map((entry) => entry.row.action)).toEqual(['skip']);
});
