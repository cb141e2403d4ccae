/**
 * Mail users through the real core over SSH to the box emulator, on both flavours: every operation of the box's
 * Users page, the refusals the rules catch before the box is asked (with the box's own text), the box's refusal
 * passed on verbatim, and quotas on a box that has no quota routes.
 */
import type { MailCapabilities, MailDomainUsers, MailGuide, MailUser } from '../../src-shared/contract/mailboxes';
import { MAIL_MESSAGES } from '../../src-shared/domain/mail-rules';
import { addUser } from '../emulator';
import { MAIL_ADMIN, seedAliceAndArchived, UP_WITH_ALICE, useMailBed } from './mailboxes-helpers';

jest.setTimeout(180_000);

const bed = useMailBed([
  UP_WITH_ALICE,
  {
    name: 'pw',
    flavour: 'power',
    hostname: 'mail.example.net',
    admin: MAIL_ADMIN,
    seed: (state) => {
      seedAliceAndArchived(state);
      state.defaultQuota = '5G';
    },
  },
  {
    name: 'old',
    flavour: 'upstream',
    hostname: 'old.example.org',
    admin: MAIL_ADMIN,
    seed: (state) => {
      // Per-user quotas came in v73: a v72 box has no quota routes.
      state.version = 'v72';
      addUser(state, { email: 'alice@example.org', password: 'alice-password-1' });
    },
  },
]);

const id = (name: string): string => bed().id(name);

async function user(boxId: string, email: string): Promise<MailUser | undefined> {
  const groups = await bed().call<MailDomainUsers[]>('mailboxes.users.list', { boxId });
  return groups.flatMap((g) => g.users).find((u) => u.email === email);
}

describe.each([
  ['up', 'upstream', 'box.example.com'],
  ['pw', 'power', 'mail.example.net'],
] as const)('mail users on %s (%s)', (name, flavour, hostname) => {
  it('tells what the box offers: quotas, and on Power the default quota for new users', async () => {
    const capabilities = await bed().call<MailCapabilities>('mailboxes.capabilities', { boxId: id(name) });
    expect(capabilities).toEqual({
      flavour,
      version: flavour === 'power' ? 'v60.5' : 'v75',
      quotas: true,
      quotasAbsentReason: null,
      defaultQuota: flavour === 'power' ? '5G' : null,
    });
  });

  it('adds a user (admin, with a quota), lists it grouped by domain, and refuses a duplicate with the box text', async () => {
    const boxId = id(name);
    const added = await bed().call<{ report: string }>('mailboxes.users.add', {
      boxId,
      email: 'bob@example.com',
      password: 'bob-password-1',
      admin: true,
      quota: ' 500m ',
    });
    expect(added.report).toMatch(/^mail user added\n/);
    const bob = await user(boxId, 'bob@example.com');
    expect(bob).toMatchObject({ status: 'active', privileges: ['admin'], quota: '500M' });
    const groups = await bed().call<MailDomainUsers[]>('mailboxes.users.list', { boxId });
    expect(groups.find((g) => g.domain === 'example.com')?.users.map((u) => u.email)).toEqual(
      expect.arrayContaining(['alice@example.com', 'bob@example.com', 'gone@example.com']),
    );

    const duplicate = await bed().refusal('mailboxes.users.add', {
      boxId,
      email: 'bob@example.com',
      password: 'bob-password-2',
      admin: false,
    });
    // The rules cannot know the box's users: the box refuses, and its text comes through as it wrote it.
    expect(duplicate).toMatchObject({ code: 'box-api-error', message: 'User already exists.' });
  });

  it("gives a new user the box's default quota when none is given", async () => {
    const boxId = id(name);
    await bed().call('mailboxes.users.add', {
      boxId,
      email: 'carol@example.com',
      password: 'carol-pass-1',
      admin: false,
    });
    expect(await bed().call('mailboxes.users.quota', { boxId, email: 'carol@example.com' })).toEqual({
      quota: flavour === 'power' ? '5G' : '0',
    });
  });

  it.each([
    ['an address without a domain', 'nobody', 'password-123', MAIL_MESSAGES.invalidEmail],
    ['a non-ASCII local part', 'jürgen@example.com', 'password-123', MAIL_MESSAGES.invalidEmail],
    ['an upper-case address', 'Dave@example.com', 'password-123', MAIL_MESSAGES.userChars],
    ['a Unicode domain (not punycode)', 'dave@bücher.de', 'password-123', MAIL_MESSAGES.userChars],
    ['a special-use domain', 'dave@example.test', 'password-123', MAIL_MESSAGES.invalidEmail],
    ['a DCV address once users exist', 'postmaster@example.com', 'password-123', MAIL_MESSAGES.dcvUser],
    ['a short password', 'dave@example.com', 'short', MAIL_MESSAGES.shortPassword],
    ['a blank password', 'dave@example.com', '         ', MAIL_MESSAGES.noPassword],
  ])('refuses %s before asking the box, with the text the box gives', async (_what, email, password, message) => {
    const boxId = id(name);
    const refused = await bed().refusal('mailboxes.users.add', { boxId, email, password, admin: false });
    expect(refused).toMatchObject({ code: 'validation', message });
    // The box itself says the same when asked directly.
    const api = await bed().core.boxes.api(boxId);
    if (!api.ok) throw new Error(api.error.message);
    const direct = await api.value.routes.users.add({ email, password });
    expect(direct).toMatchObject({ ok: false, error: { code: 'box-api-error', message } });
    expect(await user(boxId, email)).toBeUndefined();
  });

  it.each([
    ['1.5G', MAIL_MESSAGES.quotaChars],
    ['5T', MAIL_MESSAGES.invalidQuota],
    ['   ', MAIL_MESSAGES.noQuota],
  ])('refuses the quota %j with the box text, on add and on set', async (quota, message) => {
    const boxId = id(name);
    expect(
      await bed().refusal('mailboxes.users.add', {
        boxId,
        email: 'erin@example.com',
        password: 'erin-password',
        admin: false,
        quota,
      }),
    ).toMatchObject({ code: 'validation', message, detail: { field: 'quota' } });
    expect(await bed().refusal('mailboxes.users.setQuota', { boxId, email: 'alice@example.com', quota })).toMatchObject(
      {
        code: 'validation',
        message,
      },
    );
    const api = await bed().core.boxes.api(boxId);
    if (!api.ok) throw new Error(api.error.message);
    expect(await api.value.routes.users.setQuota('alice@example.com', quota)).toMatchObject({
      ok: false,
      error: { message },
    });
  });

  it('reads and sets quotas ("0" is unlimited)', async () => {
    const boxId = id(name);
    expect(await bed().call('mailboxes.users.quota', { boxId, email: 'alice@example.com' })).toEqual({ quota: '2G' });
    await bed().call('mailboxes.users.setQuota', { boxId, email: 'alice@example.com', quota: '750m' });
    expect(await bed().call('mailboxes.users.quota', { boxId, email: 'alice@example.com' })).toEqual({ quota: '750M' });
    await bed().call('mailboxes.users.setQuota', { boxId, email: 'alice@example.com', quota: '0' });
    expect(await user(boxId, 'alice@example.com')).toMatchObject({ quota: '0', percent: null });
    const unknown = await bed().refusal('mailboxes.users.setQuota', { boxId, email: 'zed@example.com', quota: '1G' });
    expect(unknown).toMatchObject({ code: 'box-api-error', message: "That's not a user (zed@example.com)." });
    expect(await bed().refusal('mailboxes.users.quota', { boxId, email: 'zed@example.com' })).toMatchObject({
      code: 'box-api-error',
      message: "That's not a user (zed@example.com).",
    });
    expect(
      await bed().refusal('mailboxes.users.setAdmin', { boxId, email: 'zed@example.com', admin: true }),
    ).toMatchObject({ code: 'box-api-error', message: "That's not a user (zed@example.com)." });
  });

  it('sets a password (the new one logs in, the old one no longer does), refusing a short one', async () => {
    const boxId = id(name);
    expect(
      await bed().refusal('mailboxes.users.setPassword', { boxId, email: 'alice@example.com', password: 'seven77' }),
    ).toMatchObject({ code: 'validation', message: MAIL_MESSAGES.shortPassword });
    await bed().call('mailboxes.users.setPassword', { boxId, email: 'alice@example.com', password: 'a new password' });
    const api = await bed().core.boxes.api(boxId);
    if (!api.ok) throw new Error(api.error.message);
    // The box's own login route checks the stored hash.
    const login = await api.value.routes.session.login('alice@example.com', 'a new password');
    expect(login).toMatchObject({ ok: true, value: { status: 'ok' } });
    const old = await api.value.routes.session.login('alice@example.com', 'alice-password-1');
    expect(old).toMatchObject({ ok: true, value: { status: 'invalid' } });
    expect(
      await bed().refusal('mailboxes.users.setPassword', { boxId, email: 'zed@example.com', password: 'long enough' }),
    ).toMatchObject({ code: 'box-api-error', message: "That's not a user (zed@example.com)." });
  });

  it('grants and revokes admin', async () => {
    const boxId = id(name);
    await bed().call('mailboxes.users.setAdmin', { boxId, email: 'alice@example.com', admin: true });
    expect((await user(boxId, 'alice@example.com'))?.privileges).toEqual(['admin']);
    await bed().call('mailboxes.users.setAdmin', { boxId, email: 'alice@example.com', admin: false });
    expect((await user(boxId, 'alice@example.com'))?.privileges).toEqual([]);
  });

  it('archives a user: the mailbox stays listed as archived with its path, and re-adding restores the address', async () => {
    const boxId = id(name);
    await bed().call('mailboxes.users.add', {
      boxId,
      email: 'frank@example.com',
      password: 'frank-pass-1',
      admin: false,
    });
    const archived = await bed().call<{ report: string }>('mailboxes.users.archive', {
      boxId,
      email: 'frank@example.com',
    });
    expect(archived.report).toMatch(/^mail user removed\n/);
    const frank = await user(boxId, 'frank@example.com');
    expect(frank).toMatchObject({ status: 'inactive', privileges: [] });
    expect(frank?.mailbox).toMatch(/\/mail\/mailboxes\/example\.com\/frank$/);
    expect(frank?.quota).toBeUndefined();
    await bed().call('mailboxes.users.add', {
      boxId,
      email: 'frank@example.com',
      password: 'frank-pass-2',
      admin: false,
    });
    expect(await user(boxId, 'frank@example.com')).toMatchObject({ status: 'active' });
    expect(await bed().refusal('mailboxes.users.archive', { boxId, email: 'zed@example.com' })).toMatchObject({
      code: 'box-api-error',
      message: "That's not a user (zed@example.com).",
    });
  });

  it("gives the box's mail guide for its own host name", async () => {
    const guide = await bed().call<MailGuide>('mailboxes.guide', { boxId: id(name) });
    expect(guide.hostname).toBe(hostname);
    const by = (protocol: string) => guide.entries.find((e) => e.protocol === protocol);
    expect(by('imap')).toMatchObject({ host: hostname, port: 993, security: 'SSL/TLS' });
    expect(by('smtp')).toMatchObject({ host: hostname, port: 465, security: 'SSL/TLS' });
    expect(by('pop')).toMatchObject({ port: 995 });
    expect(by('webmail')?.url).toBe(`https://${hostname}/mail`);
    expect(by('carddav')?.url).toBe(`https://${hostname}/.well-known/carddav`);
    expect(by('caldav')?.url).toBe(`https://${hostname}/.well-known/caldav`);
    expect(by('activesync')).toMatchObject({ host: hostname });
  });
});

describe('a box without quota routes (upstream v72)', () => {
  it('says quotas are absent and why', async () => {
    const capabilities = await bed().call<MailCapabilities>('mailboxes.capabilities', { boxId: id('old') });
    expect(capabilities).toMatchObject({ flavour: 'upstream', version: 'v72', quotas: false, defaultQuota: null });
    expect(capabilities.quotasAbsentReason).toContain('v73');
  });

  it('answers not-supported to every quota request, and still adds users without one', async () => {
    const boxId = id('old');
    for (const [method, request] of [
      ['mailboxes.users.quota', { boxId, email: 'alice@example.org' }],
      ['mailboxes.users.setQuota', { boxId, email: 'alice@example.org', quota: '1G' }],
      [
        'mailboxes.users.add',
        { boxId, email: 'gail@example.org', password: 'gail-password', admin: false, quota: '1G' },
      ],
    ] as const) {
      expect(await bed().refusal(method, request)).toMatchObject({ code: 'not-supported' });
    }
    expect(await user(boxId, 'gail@example.org')).toBeUndefined();
    await bed().call('mailboxes.users.add', {
      boxId,
      email: 'gail@example.org',
      password: 'gail-password',
      admin: false,
    });
    expect(await user(boxId, 'gail@example.org')).toMatchObject({ status: 'active' });
  });
});
