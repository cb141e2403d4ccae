import type { MailDomainUsers } from '../../../src-shared/contract/mailboxes';
import { MAIL_MESSAGES } from '../../../src-shared/domain/mail-rules';
import { generatePassword } from '../../../src-renderer/components/password-generate';
import { passwordStrength } from '../../../src-renderer/components/password-strength';
import { pathForView, sidebarEntries, viewForPath } from '../../../src-renderer/routes';
import { largestMailboxes, mailRows, sizeBytes } from '../../../src-renderer/stores/mailboxes-view';
import { fakeCore, GOOD_KEY } from './fake-core';

const user = (email: string, extra: Partial<MailDomainUsers['users'][number]> = {}) => ({
  email,
  status: 'active' as const,
  privileges: [],
  quota: '0',
  quotaBytes: null,
  usedDisplay: null,
  percent: null,
  messages: null,
  ...extra,
});

const USERS: MailDomainUsers[] = [
  {
    domain: 'example.com',
    users: [
      user('me@example.com', { privileges: ['admin'], usedDisplay: '1.5M' }),
      user('big@example.com', { usedDisplay: '2.0G' }),
      user('old@example.com', {
        status: 'inactive',
        usedDisplay: '512K',
        mailbox: '/home/user-data/mail/mailboxes/example.com/old',
      }),
    ],
  },
  { domain: 'lists.example.org', users: [user('bob@lists.example.org')] },
];

async function coreWithBox(options: Parameters<typeof fakeCore>[0] = {}) {
  const core = fakeCore({ users: USERS, hostKeyStatus: 'trusted', ...options });
  const wizard = core.stores.addServer;
  wizard.getState().open();
  wizard.getState().setField('host', 'box1.example.com');
  wizard.getState().setField('keyPath', GOOD_KEY);
  await wizard.getState().submitDetails();
  const box = await wizard.getState().save();
  if (!box) throw new Error('the fake core did not save the box');
  await core.stores.mailboxes.getState().load(box.id);
  await core.stores.mailboxes.getState().loadCapabilities(box.id);
  return { core, box, edit: core.stores.userEdit, mailboxes: core.stores.mailboxes };
}

const emails = (groups: readonly MailDomainUsers[] | null | undefined) =>
  (groups ?? []).flatMap((group) => group.users.map((u) => `${u.email} ${u.status}`));

describe('changing mail users', () => {
  it('checks the form with the box’s own words before asking it, and keeps what was typed', async () => {
    const { core, box, edit } = await coreWithBox();
    edit.getState().openAdd(box.id);
    edit.getState().setField('email', 'Alice@example.com');
    edit.getState().setField('password', 'short');
    edit.getState().setField('quota', '1.5G');
    expect(await edit.getState().submit()).toBe(false);
    expect(edit.getState().fieldErrors).toEqual({
      email: MAIL_MESSAGES.userChars,
      password: MAIL_MESSAGES.shortPassword,
      quota: MAIL_MESSAGES.quotaChars,
    });
    expect(edit.getState().form).toMatchObject({ email: 'Alice@example.com', password: 'short', quota: '1.5G' });
    expect(core.calls.some((call) => call.method === 'mailboxes.users.add')).toBe(false);
    // Fixing a field clears its message only.
    edit.getState().setField('email', 'alice@example.com');
    expect(Object.keys(edit.getState().fieldErrors).sort()).toEqual(['password', 'quota']);
  });

  it('shows the box’s refusal verbatim and keeps the form open with everything typed', async () => {
    const { box, edit } = await coreWithBox();
    edit.getState().openAdd(box.id);
    edit.getState().setField('email', 'me@example.com');
    edit.getState().setField('password', 'a-long-password');
    expect(await edit.getState().submit()).toBe(false);
    expect(edit.getState().error).toMatchObject({ code: 'box-api-error', message: MAIL_MESSAGES.userExists });
    expect(edit.getState().form).toMatchObject({ kind: 'add', email: 'me@example.com', password: 'a-long-password' });
    expect(edit.getState().busy).toBe(false);
  });

  it('adds a user (IDN domain sent in punycode), closes the dialog, reports and reads the list again', async () => {
    const { box, edit, mailboxes } = await coreWithBox();
    edit.getState().openAdd(box.id);
    edit.getState().setField('email', 'anna@bücher.example');
    edit.getState().setField('password', generatePassword());
    edit.getState().setAdminChoice(true);
    expect(await edit.getState().submit()).toBe(true);
    expect(edit.getState().form).toBeNull();
    expect(edit.getState().outcome).toEqual({
      boxId: box.id,
      text: 'anna@xn--bcher-kva.example added.',
      report: 'mail user added\nupdated DNS: xn--bcher-kva.example',
    });
    await mailboxes.getState().load(box.id);
    expect(emails(mailboxes.getState().byBox[box.id]?.data)).toContain('anna@xn--bcher-kva.example active');
  });

  it('archives, says where the mail stays, and restores by adding the address again', async () => {
    const { box, edit, mailboxes } = await coreWithBox();
    edit.getState().openArchive(box.id, 'bob@lists.example.org');
    expect(await edit.getState().submit()).toBe(true);
    expect(edit.getState().outcome?.text).toBe(
      'bob@lists.example.org archived. Its mail stays on the box; add the address again to restore it.',
    );
    await mailboxes.getState().load(box.id);
    expect(emails(mailboxes.getState().byBox[box.id]?.data)).toContain('bob@lists.example.org inactive');
    edit.getState().openAdd(box.id, { email: 'bob@lists.example.org' });
    edit.getState().setField('password', 'bob-new-password-1');
    expect(await edit.getState().submit()).toBe(true);
    await mailboxes.getState().load(box.id);
    expect(emails(mailboxes.getState().byBox[box.id]?.data)).toContain('bob@lists.example.org active');
  });

  it('grants and revokes admin, and shows a refusal beside the list', async () => {
    const { core, box, edit } = await coreWithBox();
    await edit.getState().setAdmin(box.id, 'bob@lists.example.org', true);
    expect(core.mailUsers[1]?.users[0]?.privileges).toEqual(['admin']);
    expect(edit.getState().outcome?.text).toBe('bob@lists.example.org is now an admin.');
    await edit.getState().setAdmin(box.id, 'nobody@example.com', true);
    expect(edit.getState().adminError).toMatchObject({
      email: 'nobody@example.com',
      report: { message: MAIL_MESSAGES.notAUser('nobody@example.com') },
    });
    expect(edit.getState().adminBusy).toEqual({});
  });

  it('sets a quota upper-cased, and a password only when the box would take it', async () => {
    const { core, box, edit } = await coreWithBox();
    edit.getState().openQuota(box.id, 'bob@lists.example.org', '0');
    edit.getState().setField('quota', ' 2g ');
    expect(await edit.getState().submit()).toBe(true);
    expect(core.mailUsers[1]?.users[0]?.quota).toBe('2G');
    edit.getState().openPassword(box.id, 'bob@lists.example.org');
    edit.getState().setField('password', '       ');
    expect(await edit.getState().submit()).toBe(false);
    expect(edit.getState().fieldErrors.password).toBe(MAIL_MESSAGES.noPassword);
  });

  it('pre-fills Power’s default quota, and sends no quota to a box without quota routes', async () => {
    const power = await coreWithBox({
      mailCapabilities: {
        flavour: 'power',
        version: 'v60.5',
        quotas: true,
        quotasAbsentReason: null,
        defaultQuota: '5G',
      },
    });
    power.edit.getState().openAdd(power.box.id);
    expect(power.edit.getState().form).toMatchObject({ quota: '5G' });

    const old = await coreWithBox({
      mailCapabilities: {
        flavour: 'upstream',
        version: 'v72',
        quotas: false,
        quotasAbsentReason: 'This box runs Mail-in-a-Box v72; quotas need v73 or newer.',
        defaultQuota: null,
      },
    });
    old.edit.getState().openAdd(old.box.id);
    expect(old.edit.getState().form).toMatchObject({ quota: '' });
    old.edit.getState().setField('email', 'new@example.com');
    old.edit.getState().setField('password', 'a-long-password');
    expect(await old.edit.getState().submit()).toBe(true);
    const add = old.core.calls.find((call) => call.method === 'mailboxes.users.add');
    expect(add?.request).not.toHaveProperty('quota');
  });
});

describe('the users list', () => {
  it('filters into domain headings and rows, counting what matched', () => {
    const rows = mailRows(USERS, 'ARCHIVED');
    expect(rows).toEqual([
      { kind: 'domain', key: 'domain example.com', domain: 'example.com', shown: 1, total: 3 },
      { kind: 'user', key: 'user old@example.com', domain: 'example.com', user: USERS[0]?.users[2] },
    ]);
    expect(mailRows(USERS, '').filter((row) => row.kind === 'domain')).toHaveLength(2);
    expect(mailRows(USERS, 'lists.example').map((row) => row.kind)).toEqual(['domain', 'user']);
    expect(mailRows(USERS, 'nobody')).toEqual([]);
  });

  it('reads the box’s sizes and ranks the largest mailboxes, archived ones included', () => {
    expect([sizeBytes('1.5M'), sizeBytes('512K'), sizeBytes('100'), sizeBytes('?'), sizeBytes(null)]).toEqual([
      1.5 * 1024 ** 2,
      512 * 1024,
      100,
      null,
      null,
    ]);
    expect(largestMailboxes(USERS, 2).map((size) => size.email)).toEqual(['big@example.com', 'me@example.com']);
  });
});

describe('passwords', () => {
  it('generates four groups of five unambiguous characters, uniformly', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
    expect(generatePassword()).not.toBe(password);
    // Bytes past the last whole alphabet (here every other one) are skipped, not folded onto its start.
    const skipped = generatePassword((bytes) => bytes.map((_byte, i) => (i % 2 === 0 ? 255 : 0)));
    expect(skipped).toBe('aaaaa-aaaaa-aaaaa-aaaaa');
  });

  it('rates a common password weak and says the box refuses short ones', () => {
    expect(passwordStrength('password123')).toMatchObject({ label: expect.stringMatching(/weak/i) });
    expect(passwordStrength('abc').advice).toBe('The box refuses passwords shorter than 8 characters.');
    expect(passwordStrength(generatePassword())).toMatchObject({ score: 4, advice: null });
    expect(passwordStrength('').label).toBe('Empty');
  });
});

describe('mailboxes routes', () => {
  it('gives the domains and the mail guide their own addresses, under the Mailboxes entry', () => {
    const domains = viewForPath('/box/b1/mailboxes/domains');
    expect(domains).toEqual({ screen: 'box', boxId: 'b1', section: 'mailboxes', tab: 'domains' });
    expect(pathForView(domains)).toBe('/box/b1/mailboxes/domains');
    expect(viewForPath('/box/b1/mailboxes/guide')).toMatchObject({ tab: 'guide' });
    expect(viewForPath('/box/b1/mailboxes/other').screen).toBe('not-found');
    const current = sidebarEntries('b1', domains).filter((entry) => entry.current);
    expect(current.map((entry) => entry.label)).toEqual(['Mailboxes']);
  });
});
