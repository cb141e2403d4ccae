/**
 * The rules against the box itself (the emulator, over HTTP): for hundreds of combinations of what an admin may type,
 * a refusal by the rules is the box's refusal word for word, and what the rules accept the box accepts and stores in
 * the form the rules give.
 */
import { addUser } from '../../emulator';
import { call, keyAuth, startTestBox, type TestBox } from '../emulator/emu-client';
import { checkAlias, checkPassword, checkUserAddress, parseQuota } from '../../../src-shared/domain/mail-rules';

const ADMIN = { email: 'me@box.example.com', password: 'admin-password-1' };
let box: TestBox;

beforeAll(async () => {
  box = await startTestBox({
    flavour: 'upstream',
    hostname: 'box.example.com',
    admin: ADMIN,
    seed: (state) => {
      addUser(state, { email: 'alice@example.com', password: 'alice-password-1' });
      addUser(state, { email: 'u3@xn--bcher-kva.de', password: 'u3-password-1' });
    },
  });
});

afterAll(async () => {
  await box?.close();
});

const post = (path: string, form: Record<string, string>) =>
  call(box.emu, path, { form, auth: keyAuth(box.emu), headers: { Accept: '*/*' } });

const USERS = [
  { email: ADMIN.email, admin: true },
  { email: 'alice@example.com', admin: false },
  { email: 'u3@xn--bcher-kva.de', admin: false },
];

it('refuses and accepts aliases exactly as the box does', async () => {
  const addresses = [
    'info@example.com',
    'Info@Example.com',
    '@example.com',
    '@bücher.de',
    'x@bücher.de',
    'abuse@example.com',
    'bad@@example.com',
    '',
    'a..b@example.com',
    'x@example.local',
    'x@localhost',
    'ä@example.com',
  ];
  const destinations = [
    [],
    ['alice@example.com'],
    ['@example.net'],
    ['alice@example.com', '@example.net'],
    ['nope'],
    [ADMIN.email],
    ['u3@bücher.de'],
    ['postmaster@example.org'],
    ['alice+tag@example.com'],
    ['me+x@box.example.com'],
    ['a@b@c'],
  ];
  const senders = [[], ['alice@example.com'], ['zed@example.com'], ['u3@bücher.de']];
  let accepted = 0;
  for (const address of addresses)
    for (const forwardsTo of destinations)
      for (const permittedSenders of senders) {
        const rules = checkAlias({ address, forwardsTo, permittedSenders }, { users: USERS });
        const reply = await post('/mail/aliases/add', {
          address,
          forwards_to: forwardsTo.join(','),
          permitted_senders: permittedSenders.join(','),
          update_if_exists: '0',
        });
        const draft = JSON.stringify({ address, forwardsTo, permittedSenders });
        if (!rules.ok) {
          expect([draft, reply.status, reply.body]).toEqual([draft, 400, rules.message]);
          continue;
        }
        expect([draft, reply.status, reply.body]).toEqual([draft, 200, expect.stringMatching(/^alias added\n/)]);
        accepted += 1;
        // Removing by the rules' form of the address works only if it is the form the box stored.
        const removed = await post('/mail/aliases/remove', { address: rules.value.address });
        expect([draft, removed.status]).toEqual([draft, 200]);
      }
  expect(accepted).toBeGreaterThan(20);
});

it('refuses and accepts new users exactly as the box does', async () => {
  const emails = [
    'dave@example.com',
    'Dave@example.com',
    'dave+x@example.com',
    'dävé@example.com',
    'dave@bücher.de',
    'dave@xn--bcher-kva.de',
    'postmaster@example.com',
    'dave',
    'dave@example.test',
    '',
    ' ',
    'a..b@example.com',
  ];
  const passwords = ['', '   ', 'short', 'long enough', 'pässwört-ok', '😀😀😀😀'];
  const quotas = [undefined, '0', '1.5G', '5T', ' 2g ', ''];
  let accepted = 0;
  for (const email of emails)
    for (const password of passwords)
      for (const quota of quotas) {
        const parsed = quota === undefined ? null : parseQuota(quota);
        const message =
          checkUserAddress(email, true) ?? checkPassword(password) ?? (parsed && !parsed.ok ? parsed.message : null);
        const reply = await post('/mail/users/add', { email, password, ...(quota === undefined ? {} : { quota }) });
        const typed = JSON.stringify({ email, password, quota });
        if (message !== null) {
          expect([typed, reply.status, reply.body]).toEqual([typed, 400, message]);
          continue;
        }
        expect([typed, reply.status, reply.body]).toEqual([typed, 200, expect.stringMatching(/^mail user added\n/)]);
        accepted += 1;
        expect((await post('/mail/users/remove', { email })).status).toBe(200);
      }
  expect(accepted).toBeGreaterThan(10);
});
