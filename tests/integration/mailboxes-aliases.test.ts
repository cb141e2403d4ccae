/**
 * Aliases and mail domains through the real core over SSH to the box emulator, on both flavours: the four kinds of
 * alias, automatic ones marked, IDN domains, update, remove, every alias refusal with the box's own text, and the
 * domain counts.
 */
import type { MailAlias, MailDomainAliases, MailDomainSummary } from '../../src-shared/contract/mailboxes';
import { MAIL_MESSAGES } from '../../src-shared/domain/mail-rules';
import { addUser, type BoxState } from '../emulator';
import { MAIL_ADMIN, useMailBed } from './mailboxes-helpers';

jest.setTimeout(180_000);

const seed = (state: BoxState) => {
  addUser(state, { email: 'alice@example.com', password: 'alice-password-1' });
  addUser(state, { email: 'bob@example.com', password: 'bob-password-1' });
  addUser(state, { email: 'u3@xn--bcher-kva.de', password: 'u3-password-1' });
};
const bed = useMailBed([
  { name: 'up', flavour: 'upstream', hostname: 'box.example.com', admin: MAIL_ADMIN, seed },
  { name: 'pw', flavour: 'power', hostname: 'box.example.com', admin: MAIL_ADMIN, seed },
]);

const id = (name: string): string => bed().id(name);

async function aliases(boxId: string): Promise<MailDomainAliases[]> {
  return bed().call<MailDomainAliases[]>('mailboxes.aliases.list', { boxId });
}

async function alias(boxId: string, address: string): Promise<MailAlias | undefined> {
  return (await aliases(boxId)).flatMap((g) => g.aliases).find((a) => a.address === address);
}

const add = (boxId: string, address: string, forwardsTo: string[], permittedSenders: string[] = [], update = false) =>
  bed().call<{ report: string }>('mailboxes.aliases.add', { boxId, address, forwardsTo, permittedSenders, update });

describe.each(['up', 'pw'] as const)('aliases on %s', (name) => {
  it('adds the four kinds of alias and lists each with its kind', async () => {
    const boxId = id(name);
    expect((await add(boxId, 'Info@Example.com', ['alice@example.com', 'bob@example.com'])).report).toMatch(
      /^alias added\n/,
    );
    await add(boxId, '@example.com', ['alice@example.com']);
    await add(boxId, '@example.net', ['@example.com']);
    await add(boxId, 'noreply@example.com', [], ['alice@example.com']);

    // Stored lowercase, as the box does.
    expect(await alias(boxId, 'info@example.com')).toEqual({
      address: 'info@example.com',
      display: 'info@example.com',
      kind: 'regular',
      auto: false,
      forwardsTo: ['alice@example.com', 'bob@example.com'],
      permittedSenders: [],
    });
    expect(await alias(boxId, '@example.com')).toMatchObject({ kind: 'catch-all', forwardsTo: ['alice@example.com'] });
    expect(await alias(boxId, '@example.net')).toMatchObject({ kind: 'domain-alias', forwardsTo: ['@example.com'] });
    expect(await alias(boxId, 'noreply@example.com')).toMatchObject({
      kind: 'send-only',
      forwardsTo: [],
      permittedSenders: ['alice@example.com'],
    });
  });

  it('marks the automatic aliases', async () => {
    const boxId = id(name);
    const postmaster = await alias(boxId, 'postmaster@example.com');
    expect(postmaster).toMatchObject({ auto: true, kind: 'regular', forwardsTo: ['administrator@box.example.com'] });
    expect(await alias(boxId, 'hostmaster@box.example.com')).toMatchObject({ auto: true });
    expect((await alias(boxId, 'info@example.com'))?.auto).toBe(false);
    // The box does not remove an automatic alias; its own text says so.
    expect(await bed().refusal('mailboxes.aliases.remove', { boxId, address: 'postmaster@example.com' })).toMatchObject(
      {
        code: 'box-api-error',
        message: "That's not an alias (postmaster@example.com).",
      },
    );
  });

  it('takes an international domain in Unicode, stores it in punycode and shows it in Unicode', async () => {
    const boxId = id(name);
    await add(boxId, 'info@bücher.de', ['u3@bücher.de'], ['u3@xn--bcher-kva.de']);
    const listed = await alias(boxId, 'info@xn--bcher-kva.de');
    expect(listed).toMatchObject({
      display: 'info@bücher.de',
      forwardsTo: ['u3@xn--bcher-kva.de'],
      permittedSenders: ['u3@xn--bcher-kva.de'],
    });
    const group = (await aliases(boxId)).find((g) => g.aliases.some((a) => a.address === 'info@xn--bcher-kva.de'));
    expect(group?.domain).toBe('bücher.de');
    // What the list gives back is accepted unchanged as an update (permitted senders must be exact logins).
    if (!listed) throw new Error('no alias');
    expect((await add(boxId, listed.address, listed.forwardsTo, listed.permittedSenders, true)).report).toMatch(
      /^alias updated\n/,
    );
    expect(
      (await bed().call<{ report: string }>('mailboxes.aliases.remove', { boxId, address: 'info@bücher.de' })).report,
    ).toMatch(/^alias removed\n/);
    expect(await alias(boxId, 'info@xn--bcher-kva.de')).toBeUndefined();
  });

  it('updates an alias only when asked, replacing both lists, and removes it', async () => {
    const boxId = id(name);
    await add(boxId, 'sales@example.com', ['alice@example.com'], ['bob@example.com']);
    const again = await bed().refusal('mailboxes.aliases.add', {
      boxId,
      address: 'sales@example.com',
      forwardsTo: ['bob@example.com'],
      permittedSenders: [],
      update: false,
    });
    expect(again).toMatchObject({ code: 'box-api-error', message: MAIL_MESSAGES.aliasExists('sales@example.com') });
    expect((await add(boxId, 'sales@example.com', ['bob@example.com'], [], true)).report).toMatch(/^alias updated\n/);
    expect(await alias(boxId, 'sales@example.com')).toMatchObject({
      forwardsTo: ['bob@example.com'],
      permittedSenders: [],
    });
    // The box does not lowercase on remove; the service sends the stored form.
    await bed().call('mailboxes.aliases.remove', { boxId, address: 'SALES@example.com' });
    expect(await alias(boxId, 'sales@example.com')).toBeUndefined();
    expect(await bed().refusal('mailboxes.aliases.remove', { boxId, address: 'sales@example.com' })).toMatchObject({
      code: 'box-api-error',
      message: MAIL_MESSAGES.notAnAlias('sales@example.com'),
    });
  });

  it.each([
    ['an empty address', '', ['alice@example.com'], [], MAIL_MESSAGES.noEmail],
    [
      'an invalid address',
      'bad@@example.com',
      ['alice@example.com'],
      [],
      MAIL_MESSAGES.invalidAlias('bad@@example.com'),
    ],
    [
      'a special-use domain',
      'x@example.local',
      ['alice@example.com'],
      [],
      MAIL_MESSAGES.invalidAlias('x@example.local'),
    ],
    [
      'an invalid destination',
      'x@example.com',
      ['alice@example.com', 'nope'],
      [],
      MAIL_MESSAGES.invalidReceiver('nope'),
    ],
    [
      '@domain among several destinations',
      'x@example.com',
      ['alice@example.com', '@example.net'],
      [],
      MAIL_MESSAGES.invalidReceiver('@example.net'),
    ],
    [
      'a permitted sender that is not a user',
      'x@example.com',
      [],
      ['zed@example.com'],
      MAIL_MESSAGES.invalidSender('zed@example.com'),
    ],
    ['neither destinations nor senders', 'x@example.com', [], [], MAIL_MESSAGES.emptyAlias],
    ['a DCV alias to a non-admin', 'abuse@example.com', ['alice@example.com'], [], MAIL_MESSAGES.dcvAlias],
    [
      'a DCV alias to a whole domain',
      'webmaster@example.com',
      ['@example.net'],
      [],
      MAIL_MESSAGES.invalidReceiver('@example.net'),
    ],
  ])(
    'refuses %s before asking the box, with the text the box gives',
    async (_what, address, forwardsTo, senders, message) => {
      const boxId = id(name);
      const refused = await bed().refusal('mailboxes.aliases.add', {
        boxId,
        address,
        forwardsTo,
        permittedSenders: senders,
        update: false,
      });
      expect(refused).toMatchObject({ code: 'validation', message });
      const api = await bed().core.boxes.api(boxId);
      if (!api.ok) throw new Error(api.error.message);
      const direct = await api.value.routes.aliases.add({ address, forwardsTo, permittedSenders: senders });
      expect(direct).toMatchObject({ ok: false, error: { code: 'box-api-error', message } });
    },
  );

  it('lets a DCV alias forward to an admin', async () => {
    const boxId = id(name);
    await add(boxId, 'webmaster@example.com', ['me@box.example.com']);
    expect(await alias(boxId, 'webmaster@example.com')).toMatchObject({ auto: false, kind: 'regular' });
  });

  it('lists the mail domains with user and alias counts', async () => {
    const boxId = id(name);
    const domains = await bed().call<MailDomainSummary[]>('mailboxes.domains', { boxId });
    const example = domains.find((d) => d.ascii === 'example.com');
    const listed = (await aliases(boxId)).find((g) => g.domain === 'example.com')?.aliases ?? [];
    expect(example).toEqual({
      domain: 'example.com',
      ascii: 'example.com',
      users: 2,
      archived: 0,
      aliases: listed.filter((a) => !a.auto).length,
      autoAliases: listed.filter((a) => a.auto).length,
    });
    expect(example?.autoAliases).toBe(3);
    expect(domains.find((d) => d.ascii === 'xn--bcher-kva.de')).toMatchObject({ domain: 'bücher.de', users: 1 });
    expect(domains.find((d) => d.ascii === 'box.example.com')).toMatchObject({ users: 1 });
    // In the box's order: the zone of its host name first, the host name first in it.
    expect(domains.slice(0, 2).map((d) => d.ascii)).toEqual(['box.example.com', 'example.com']);
  });
});
