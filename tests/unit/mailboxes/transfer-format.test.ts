import { aliasRecords, exportFilename, exportText, userRecords } from '../../../src-main/mailboxes/transfer-export';
import { readRecords } from '../../../src-main/mailboxes/transfer-format';
import type { AliasGroup, MailUserGroup } from '../../../src-shared/domain/miab';
import { SEND_ONLY_ALIAS } from './send-only-alias';

const users: MailUserGroup[] = [
  {
    domain: 'example.com',
    users: [
      {
        email: 'me@example.com',
        privileges: ['admin'],
        status: 'active',
        quota: '2G',
        box_quota: 2147483648,
        box_size: '1.5M',
        percent: '  0%',
        box_count: 12,
      },
      {
        email: 'old@example.com',
        privileges: [],
        status: 'inactive',
        box_quota: '?',
        box_size: '?',
        percent: '?',
        mailbox: '/home/user-data/mail/mailboxes/example.com/old',
      },
    ],
  },
];

const aliases: AliasGroup[] = [
  {
    domain: 'bücher.de',
    aliases: [
      {
        address: '@xn--bcher-kva.de',
        address_display: '@bücher.de',
        auto: false,
        forwards_to: ['a@example.com', 'b@example.com'],
        permitted_senders: ['me@xn--bcher-kva.de'],
      },
      {
        address: 'abuse@xn--bcher-kva.de',
        address_display: 'abuse@bücher.de',
        auto: true,
        forwards_to: ['administrator@box.example.com'],
        permitted_senders: null,
      },
    ],
  },
];

test('users export: the documented columns, sizes as the box shows them, never a password', () => {
  const csv = exportText('users', 'csv', userRecords(users));
  expect(csv).toBe(
    'email,status,admin,quota,used,percent,messages,mailbox\n' +
      'me@example.com,active,yes,2G,1.5M,0%,12,\n' +
      'old@example.com,inactive,no,,,,,/home/user-data/mail/mailboxes/example.com/old\n',
  );
  expect(JSON.parse(exportText('users', 'json', userRecords(users)))).toEqual([
    {
      email: 'me@example.com',
      status: 'active',
      admin: true,
      quota: '2G',
      used: '1.5M',
      percent: '0%',
      messages: 12,
      mailbox: null,
    },
    {
      email: 'old@example.com',
      status: 'inactive',
      admin: false,
      quota: null,
      used: null,
      percent: null,
      messages: null,
      mailbox: '/home/user-data/mail/mailboxes/example.com/old',
    },
  ]);
});

test('aliases export: lists quoted by the CSV library, a leading @ kept from running as a formula, auto aliases left out', () => {
  const csv = exportText('aliases', 'csv', aliasRecords(aliases));
  expect(csv).toBe(
    'address,forwards_to,permitted_senders\n' + `"'@bücher.de","a@example.com,b@example.com",me@xn--bcher-kva.de\n`,
  );
  // Read back, the formula guard comes off and the lists are whole again.
  const read = readRecords('aliases', 'csv', csv);
  expect(read.ok && read.value.map((r) => Object.fromEntries(r.fields))).toEqual([
    { address: '@bücher.de', forwards_to: 'a@example.com,b@example.com', permitted_senders: 'me@xn--bcher-kva.de' },
  ]);
  expect(JSON.parse(exportText('aliases', 'json', aliasRecords(aliases)))).toEqual([
    {
      address: '@bücher.de',
      forwards_to: ['a@example.com', 'b@example.com'],
      permitted_senders: ['me@xn--bcher-kva.de'],
    },
  ]);
});

test('a cell that would start a formula is guarded on export and restored on import', () => {
  const csv = exportText('aliases', 'csv', [
    { address: '=HYPERLINK("x")@example.com', forwards_to: ['-a@example.com'], permitted_senders: [] },
  ]);
  expect(csv.split('\n')[1]).toBe(`"'=HYPERLINK(""x"")@example.com","'-a@example.com",`);
  const read = readRecords('aliases', 'csv', csv);
  expect(read.ok && read.value[0]?.fields.get('address')).toBe('=HYPERLINK("x")@example.com');
  expect(read.ok && read.value[0]?.fields.get('forwards_to')).toBe('-a@example.com');
});

test('import CSV: header case and a byte-order mark forgiven, empty lines skipped, rows numbered from 1', () => {
  const read = readRecords(
    'users',
    'csv',
    '\uFEFFEmail, Password ,ADMIN,quota\r\na@example.com,secret-pw-1,yes,1G\r\n\r\nb@example.com,,,\r\n',
  );
  expect(read.ok && read.value.map((r) => [r.row, Object.fromEntries(r.fields)])).toEqual([
    [1, { email: 'a@example.com', password: 'secret-pw-1', admin: 'yes', quota: '1G' }],
    [2, { email: 'b@example.com', password: '', admin: '', quota: '' }],
  ]);
});

test('import: an unknown column (a misspelt password) or a missing key column refuses the whole file', () => {
  const misspelt = readRecords('users', 'csv', 'email,pasword\na@example.com,x\n');
  expect(!misspelt.ok && misspelt.error).toMatchObject({ code: 'validation' });
  expect(!misspelt.ok && misspelt.error.message).toContain('"pasword"');
  const keyless = readRecords('aliases', 'json', '[{"forwards_to": ["a@example.com"]}]');
  expect(!keyless.ok && keyless.error.message).toBe('The file has no "address" column.');
  expect(readRecords('users', 'json', '{"email": "a@example.com"}').ok).toBe(false);
  expect(readRecords('users', 'json', 'not json').ok).toBe(false);
});

test("import CSV: a row with too many fields is that row's problem, not the file's", () => {
  const read = readRecords(
    'users',
    'csv',
    'email,password\na@example.com,pw-12345678\nb@example.com,pw-12345678,extra\n',
  );
  expect(read.ok && read.value.map((r) => r.problem)).toEqual([undefined, expect.stringContaining('TooManyFields')]);
});

test('import JSON: lists and yes/no values become the same text a CSV cell holds', () => {
  const read = readRecords(
    'users',
    'json',
    '[{"email": "a@example.com", "admin": true, "quota": null, "password": "pw-12345678"}]',
  );
  expect(read.ok && Object.fromEntries(read.value[0]?.fields ?? [])).toEqual({
    email: 'a@example.com',
    admin: 'yes',
    password: 'pw-12345678',
  });
});

test('export file names are safe anywhere and say what they hold', () => {
  expect(exportFilename('mail.example.com', 'users', 'csv', new Date('2026-11-30T01:00:00Z'))).toBe(
    'mail.example.com-users-2026-11-30.csv',
  );
  expect(exportFilename('../my box/', 'aliases', 'json', new Date('2026-11-30T01:00:00Z'))).toBe(
    'my-box-aliases-2026-11-30.json',
  );
});

test('import CSV: a row that stops before its last, empty cells is read with those cells empty', () => {
  const read = readRecords('users', 'csv', 'email,password,admin,quota\na@example.com,pw-12345678\n');
  expect(read.ok && read.value.map((r) => [r.problem, Object.fromEntries(r.fields)])).toEqual([
    [undefined, { email: 'a@example.com', password: 'pw-12345678' }],
  ]);
});

test('aliases export: a send-only alias (listed by the box as forwarding to [""]) forwards to nobody', () => {
  expect(JSON.parse(exportText('aliases', 'json', aliasRecords(SEND_ONLY_ALIAS)))).toEqual([
    { address: 'news@example.com', forwards_to: [], permitted_senders: ['alice@example.com'] },
  ]);
});
