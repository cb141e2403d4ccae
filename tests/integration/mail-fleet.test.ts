/**
 * Fleet-wide mail through the real core over SSH to the box emulator: a search across an upstream and a Power box
 * (a box that is down is a failure beside the hits), and one user or alias added to several boxes with one outcome
 * per box while one of them is down.
 */
import type { BoxFailure, FleetMailHit, PerBoxOutcome } from '../../src-shared/contract/mail-fleet';
import type { MailDomainAliases, MailDomainUsers } from '../../src-shared/contract/mailboxes';
import { MAIL_MESSAGES } from '../../src-shared/domain/mail-rules';
import { addAlias, addLeftoverMailbox, addUser } from '../emulator';
import { MAIL_ADMIN, useMailBed } from './mailboxes-helpers';

jest.setTimeout(180_000);

const bed = useMailBed(
  [
    {
      name: 'up',
      flavour: 'upstream',
      hostname: 'box.example.com',
      admin: MAIL_ADMIN,
      seed: (state) => {
        addUser(state, { email: 'alice@example.com', password: 'alice-password-1', privileges: ['admin'] });
        addLeftoverMailbox(state, 'gone@example.com');
        addAlias(state, { source: 'sales@example.com', destination: ['alice@example.com'] });
      },
    },
    {
      name: 'pw',
      flavour: 'power',
      hostname: 'mail.example.net',
      admin: MAIL_ADMIN,
      seed: (state) => {
        addUser(state, { email: 'bob@example.net', password: 'bob-password-1' });
        addUser(state, { email: 'alice@xn--bcher-kva.de', password: 'alice-password-1' });
        addAlias(state, { source: 'info@example.net', destination: ['bob@example.net', 'alice@example.com'] });
      },
    },
    { name: 'down', flavour: 'upstream', hostname: 'down.example.org', admin: MAIL_ADMIN },
  ],
  // The third box is in the fleet but does not answer: its sshd is gone.
  async (started) => {
    await started.testbed.box(2).sshd.stop();
  },
);

const id = (name: string): string => bed().id(name);

type Found = { hits: FleetMailHit[]; failures: BoxFailure[] };

const brief = (hit: FleetMailHit) => `${hit.boxName} ${hit.kind} ${hit.display}`;

test('find: users and aliases of both flavours by address, domain or forward-to; the box that is down is listed apart', async () => {
  const found = await bed().call<Found>('mail.find', { text: 'alice' });
  expect(found.hits.map(brief).sort()).toEqual([
    'pw alias info@example.net',
    'pw user alice@bücher.de',
    'up alias sales@example.com',
    'up user alice@example.com',
  ]);
  const upAlice = found.hits.find((hit) => hit.address === 'alice@example.com');
  expect(upAlice).toMatchObject({ boxId: id('up'), domain: 'example.com', status: 'active', admin: true });
  const idn = found.hits.find((hit) => hit.kind === 'user' && hit.boxName === 'pw');
  expect(idn).toMatchObject({ address: 'alice@xn--bcher-kva.de', display: 'alice@bücher.de', domain: 'bücher.de' });
  const info = found.hits.find((hit) => hit.display === 'info@example.net');
  expect(info).toMatchObject({ forwardsTo: ['bob@example.net', 'alice@example.com'], auto: false });
  expect(found.failures).toHaveLength(1);
  expect(found.failures[0]).toMatchObject({ boxId: id('down'), boxName: 'down' });
  expect(['host-unreachable', 'timeout']).toContain(found.failures[0]?.error.code);

  // Archived users are found too, and the search is not case-sensitive.
  const gone = await bed().call<Found>('mail.find', { text: 'GONE@', boxIds: [id('up')] });
  expect(gone.hits.map((hit) => [hit.address, hit.status])).toEqual([['gone@example.com', 'inactive']]);
  expect(gone.failures).toEqual([]);

  // Empty text lists everything on the boxes named, automatic aliases included and marked.
  const all = await bed().call<Found>('mail.find', { text: '', boxIds: [id('pw')] });
  expect(all.hits.some((hit) => hit.auto && hit.address.startsWith('postmaster@'))).toBe(true);
  expect(all.hits.every((hit) => hit.boxId === id('pw'))).toBe(true);
});

test('add a user to three boxes, one of them down: one outcome per box, in the order asked', async () => {
  const outcomes = await bed().call<PerBoxOutcome[]>('mail.addUser', {
    boxIds: [id('down'), id('up'), id('pw')],
    email: 'carol@example.com',
    password: 'carol-password-1',
    admin: false,
    quota: '1g',
  });
  expect(outcomes.map((o) => [o.boxName, o.ok])).toEqual([
    ['down', false],
    ['up', true],
    ['pw', true],
  ]);
  expect(outcomes[1]?.ok && outcomes[1].report).toMatch(/^mail user added\n/);
  expect(!outcomes[0]?.ok && outcomes[0]?.error.code).toMatch(/host-unreachable|timeout/);
  for (const box of ['up', 'pw']) {
    const groups = await bed().call<MailDomainUsers[]>('mailboxes.users.list', { boxId: id(box) });
    const carol = groups.flatMap((g) => g.users).find((u) => u.email === 'carol@example.com');
    expect(carol).toMatchObject({ status: 'active', quota: '1G', privileges: [] });
  }
  // No answer carries the password back.
  expect(JSON.stringify(outcomes)).not.toContain('carol-password-1');

  // Again: both boxes that answer refuse it in their own words, the down box is still down.
  const again = await bed().call<PerBoxOutcome[]>('mail.addUser', {
    boxIds: [id('up'), id('pw'), id('down')],
    email: 'carol@example.com',
    password: 'carol-password-1',
    admin: false,
  });
  expect(again.map((o) => (o.ok ? 'ok' : `${o.error.code}: ${o.error.message}`))).toEqual([
    `box-api-error: ${MAIL_MESSAGES.userExists}`,
    `box-api-error: ${MAIL_MESSAGES.userExists}`,
    expect.stringMatching(/^(host-unreachable|timeout): /),
  ]);
});

test('rules every box applies alike are refused once, before any box is asked', async () => {
  const short = await bed().refusal('mail.addUser', {
    boxIds: [id('up'), id('pw')],
    email: 'dave@example.com',
    password: 'short',
    admin: false,
  });
  expect(short).toMatchObject({ code: 'validation', message: MAIL_MESSAGES.shortPassword });
  const upper = await bed().refusal('mail.addUser', {
    boxIds: [id('up')],
    email: 'Dave@example.com',
    password: 'dave-password-1',
    admin: false,
  });
  expect(upper).toMatchObject({ code: 'validation', message: MAIL_MESSAGES.userChars });
  const found = await bed().call<Found>('mail.find', { text: 'dave', boxIds: [id('up'), id('pw')] });
  expect(found.hits).toEqual([]);
});

test('add an alias to several boxes, one down; update replaces it where it exists', async () => {
  const added = await bed().call<PerBoxOutcome[]>('mail.addAlias', {
    boxIds: [id('up'), id('down'), id('pw')],
    address: 'help@example.com',
    forwardsTo: ['carol@example.com'],
    permittedSenders: [],
    update: false,
  });
  expect(added.map((o) => [o.boxName, o.ok, o.ok ? o.report.split('\n')[0] : o.error.code])).toEqual([
    ['up', true, 'alias added'],
    ['down', false, expect.stringMatching(/host-unreachable|timeout/)],
    ['pw', true, 'alias added'],
  ]);
  const updated = await bed().call<PerBoxOutcome[]>('mail.addAlias', {
    boxIds: [id('up'), id('pw')],
    address: 'help@example.com',
    forwardsTo: ['carol@example.com', 'alice@example.com'],
    permittedSenders: ['carol@example.com'],
    update: true,
  });
  expect(updated.map((o) => o.ok && o.report.split('\n')[0])).toEqual(['alias updated', 'alias updated']);
  for (const box of ['up', 'pw']) {
    const groups = await bed().call<MailDomainAliases[]>('mailboxes.aliases.list', { boxId: id(box) });
    const help = groups.flatMap((g) => g.aliases).find((a) => a.address === 'help@example.com');
    expect(help).toMatchObject({
      forwardsTo: ['carol@example.com', 'alice@example.com'],
      permittedSenders: ['carol@example.com'],
    });
  }
  // Without update, the box's refusal comes back verbatim.
  const exists = await bed().call<PerBoxOutcome[]>('mail.addAlias', {
    boxIds: [id('pw')],
    address: 'help@example.com',
    forwardsTo: ['carol@example.com'],
    permittedSenders: [],
    update: false,
  });
  expect(exists[0]).toMatchObject({
    ok: false,
    error: { code: 'box-api-error', message: MAIL_MESSAGES.aliasExists('help@example.com') },
  });
});

test('a box id that is not in the fleet is an outcome of its own, not the end of the change', async () => {
  const outcomes = await bed().call<PerBoxOutcome[]>('mail.addAlias', {
    boxIds: ['no-such-box', id('up')],
    address: 'team@example.com',
    forwardsTo: ['alice@example.com'],
    permittedSenders: [],
    update: false,
  });
  expect(outcomes.map((o) => [o.boxId, o.ok ? 'ok' : o.error.code])).toEqual([
    ['no-such-box', 'not-found'],
    [id('up'), 'ok'],
  ]);
});
