/**
 * Import and export of users and aliases through the real core over SSH to the box emulator, on both flavours and
 * on an upstream box without quota routes: a dry run with mixed rows that changes nothing, the same file applied as
 * a `mail.import` job with a result per row, passwords nowhere in what comes back, and export round trips.
 */
import type { JobInfo } from '../../src-shared/contract/jobs';
import type { ImportRow } from '../../src-shared/contract/mail-fleet';
import type { MailDomainAliases, MailDomainUsers, MailUser } from '../../src-shared/contract/mailboxes';
import { MAIL_MESSAGES } from '../../src-shared/domain/mail-rules';
import { addAlias, addUser } from '../emulator';
import { verifyPassword } from '../emulator/passwords';
import { MAIL_ADMIN, UP_WITH_ALICE, useMailBed } from './mailboxes-helpers';

jest.setTimeout(180_000);

const bed = useMailBed([
  UP_WITH_ALICE,
  {
    name: 'pw',
    flavour: 'power',
    hostname: 'mail.example.net',
    admin: MAIL_ADMIN,
    seed: (state) => {
      addUser(state, { email: 'bob@example.net', password: 'bob-password-1' });
      addAlias(state, { source: 'info@example.net', destination: ['bob@example.net'] });
      addAlias(state, { source: 'old@example.net', destination: ['bob@example.net'] });
      addAlias(state, { source: '@xn--bcher-kva.de', destination: ['@example.net'] });
      // Send-only: the box lists it as forwarding to [""].
      addAlias(state, { source: 'news@example.net', destination: '', permittedSenders: ['bob@example.net'] });
    },
  },
  {
    name: 'old',
    flavour: 'upstream',
    hostname: 'old.example.org',
    admin: MAIL_ADMIN,
    seed: (state) => {
      state.version = 'v72';
    },
  },
]);

const id = (name: string): string => bed().id(name);

async function users(box: string): Promise<MailUser[]> {
  const groups = await bed().call<MailDomainUsers[]>('mailboxes.users.list', { boxId: id(box) });
  return groups.flatMap((group) => group.users);
}

/** Applies an import and waits for its job to end (listening before it starts, so no event is missed). */
async function applyImport(request: object): Promise<{ job: JobInfo; rows: ImportRow[]; seen: JobInfo[] }> {
  const seen: JobInfo[] = [];
  let jobId = '';
  let finish: (info: JobInfo) => void = () => undefined;
  const ended = new Promise<JobInfo>((resolve) => (finish = resolve));
  const stop = bed().core.events.on((name, payload) => {
    if (name !== 'jobs.progress') return;
    const info = payload as JobInfo;
    seen.push(info);
    if (info.jobId === jobId && info.state !== 'running') finish(info);
  });
  try {
    jobId = (await bed().call<{ jobId: string }>('mail.applyImport', request)).jobId;
    const already = seen.find((info) => info.jobId === jobId && info.state !== 'running');
    const job = already ?? (await ended);
    const { rows } = await bed().call<{ rows: ImportRow[] }>('mail.importResult', { jobId });
    return { job, rows, seen: seen.filter((info) => info.jobId === jobId) };
  } finally {
    stop();
  }
}

const USERS_CSV = [
  'email,password,admin,quota',
  'new1@example.com,new1-password-1,yes,1g',
  'gone@example.com,gone-password-1,,',
  'alice@example.com,alice-password-2,yes,5G',
  'me@box.example.com,,yes,',
  'short@example.com,short,,',
  'Bad@example.com,bad-password-1,,',
  'new2@example.com,,,',
].join('\n');

const brief = (rows: ImportRow[]) => rows.map((row) => [row.address, row.action]);

test('users: the dry run says what each row would do and sends nothing; applying does it, one result per row', async () => {
  const before = await users('up');
  const { rows: planned } = await bed().call<{ rows: ImportRow[] }>('mail.planImport', {
    boxId: id('up'),
    kind: 'users',
    format: 'csv',
    text: USERS_CSV,
  });
  expect(brief(planned)).toEqual([
    ['new1@example.com', 'create'],
    ['gone@example.com', 'create'],
    ['alice@example.com', 'update'],
    ['me@box.example.com', 'skip'],
    ['short@example.com', 'error'],
    ['Bad@example.com', 'error'],
    ['new2@example.com', 'error'],
  ]);
  expect(planned.map((row) => row.detail)).toEqual([
    'New user, admin, quota 1G.',
    'Restores the archived mailbox, the default quota.',
    'Sets the password, grants admin, quota 2G → 5G.',
    'Already on the box as in the file.',
    MAIL_MESSAGES.shortPassword,
    MAIL_MESSAGES.userChars,
    MAIL_MESSAGES.noPassword,
  ]);
  expect(await users('up')).toEqual(before);

  const { job, rows, seen } = await applyImport({ boxId: id('up'), kind: 'users', format: 'csv', text: USERS_CSV });
  expect(job).toMatchObject({
    kind: 'mail.import',
    boxId: id('up'),
    state: 'done',
    detail: '2 created, 1 updated, 1 skipped, 3 not sent (errors in the file)',
  });
  expect(seen[0]).toMatchObject({ state: 'running', value: 0 });
  expect(rows.map((row) => [row.address, row.action, row.applied])).toEqual([
    ['new1@example.com', 'create', true],
    ['gone@example.com', 'create', true],
    ['alice@example.com', 'update', true],
    ['me@box.example.com', 'skip', undefined],
    ['short@example.com', 'error', undefined],
    ['Bad@example.com', 'error', undefined],
    ['new2@example.com', 'error', undefined],
  ]);
  const after = new Map((await users('up')).map((user) => [user.email, user]));
  expect(after.get('new1@example.com')).toMatchObject({ status: 'active', privileges: ['admin'], quota: '1G' });
  expect(after.get('gone@example.com')).toMatchObject({ status: 'active' });
  expect(after.get('alice@example.com')).toMatchObject({ privileges: ['admin'], quota: '5G' });
  expect(after.has('short@example.com') || after.has('new2@example.com')).toBe(false);
  const state = bed().testbed.box(0).emulator.state;
  const stored = state.users.find((user) => user.email === 'alice@example.com');
  expect(stored && verifyPassword('alice-password-2', stored.password)).toBe(true);

  // Nothing that comes back (rows, the job as listed, its events) holds a password from the file.
  const listed = await bed().call<JobInfo[]>('jobs.list', {});
  const everything = JSON.stringify([planned, rows, seen, listed]);
  for (const secret of ['new1-password-1', 'gone-password-1', 'alice-password-2', 'bad-password-1']) {
    expect(everything).not.toContain(secret);
  }

  // Applied again, the file changes nothing: what it set is there, and the restored user is now a user.
  const again = await applyImport({ boxId: id('up'), kind: 'users', format: 'csv', text: USERS_CSV });
  expect(again.rows.slice(0, 4).map((row) => row.action)).toEqual(['update', 'update', 'update', 'skip']);
  expect(again.rows.slice(0, 3).map((row) => row.detail)).toEqual([
    'Sets the password.',
    'Sets the password.',
    'Sets the password.',
  ]);
});

test('aliases from JSON on Power: create, update, skip, an automatic alias replaced, the DCV and unknown-sender rows refused', async () => {
  const text = JSON.stringify([
    { address: 'sales@example.net', forwards_to: ['bob@example.net', 'me@box.example.com'], permitted_senders: [] },
    { address: 'info@example.net', forwards_to: 'me@box.example.com', permitted_senders: ['bob@example.net'] },
    { address: '@bücher.de', forwards_to: ['@example.net'] },
    { address: 'postmaster@example.net', forwards_to: ['bob@example.net'] },
    { address: 'abuse@example.net', forwards_to: ['me@box.example.com'] },
    { address: 'send@example.net', forwards_to: [], permitted_senders: ['nobody@example.net'] },
  ]);
  const request = { boxId: id('pw'), kind: 'aliases', format: 'json', text };
  const { rows: planned } = await bed().call<{ rows: ImportRow[] }>('mail.planImport', request);
  expect(planned.map((row) => [row.address, row.action, row.detail])).toEqual([
    ['sales@example.net', 'create', 'New alias, forwards to bob@example.net, me@box.example.com.'],
    [
      'info@example.net',
      'update',
      'Forwards to me@box.example.com (was bob@example.net); permitted senders bob@example.net (were none).',
    ],
    ['@xn--bcher-kva.de', 'skip', 'Already on the box as in the file.'],
    ['postmaster@example.net', 'error', MAIL_MESSAGES.dcvAlias],
    ['abuse@example.net', 'create', 'New alias in place of the automatic one, forwards to me@box.example.com.'],
    ['send@example.net', 'error', MAIL_MESSAGES.invalidSender('nobody@example.net')],
  ]);
  const { job, rows } = await applyImport(request);
  expect(job.state).toBe('done');
  expect(rows.map((row) => row.applied)).toEqual([true, true, undefined, undefined, true, undefined]);
  const groups = await bed().call<MailDomainAliases[]>('mailboxes.aliases.list', { boxId: id('pw') });
  const byAddress = new Map(groups.flatMap((group) => group.aliases).map((alias) => [alias.address, alias]));
  expect(byAddress.get('sales@example.net')?.forwardsTo).toEqual(['bob@example.net', 'me@box.example.com']);
  expect(byAddress.get('info@example.net')).toMatchObject({
    forwardsTo: ['me@box.example.com'],
    permittedSenders: ['bob@example.net'],
  });
  // The made abuse@ alias took the automatic one's place.
  expect(byAddress.get('abuse@example.net')).toMatchObject({ auto: false, forwardsTo: ['me@box.example.com'] });
});

test('export round trip: a box exported and fed back to itself changes nothing; aliases carried to another box', async () => {
  for (const format of ['csv', 'json'] as const) {
    for (const box of ['up', 'pw']) {
      const exported = await bed().call<{ text: string; filename: string }>('mail.export', {
        boxId: id(box),
        kind: 'users',
        format,
      });
      expect(exported.filename).toMatch(new RegExp(`^${box}-users-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
      const { rows } = await bed().call<{ rows: ImportRow[] }>('mail.planImport', {
        boxId: id(box),
        kind: 'users',
        format,
        text: exported.text,
      });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((row) => row.action !== 'skip')).toEqual([]);
    }
  }
  const csv = await bed().call<{ text: string }>('mail.export', { boxId: id('up'), kind: 'users', format: 'csv' });
  expect(csv.text.split('\n')[0]).toBe('email,status,admin,quota,used,percent,messages,mailbox');

  const aliases = await bed().call<{ text: string }>('mail.export', {
    boxId: id('pw'),
    kind: 'aliases',
    format: 'csv',
  });
  expect(aliases.text.split('\n')[0]).toBe('address,forwards_to,permitted_senders');
  expect(aliases.text).toContain(`"'@bücher.de","'@example.net",\n`);
  expect(aliases.text).not.toContain('postmaster@');
  const same = await bed().call<{ rows: ImportRow[] }>('mail.planImport', {
    boxId: id('pw'),
    kind: 'aliases',
    format: 'csv',
    text: aliases.text,
  });
  expect(same.rows.map((row) => row.action)).toEqual(same.rows.map(() => 'skip'));
  expect(same.rows.map((row) => row.address)).toContain('news@example.net');

  // On another box: info@ (given bob@example.net as its permitted sender by the previous test) is refused there, where
  // bob is not a user; the rest is made.
  const carried = await applyImport({ boxId: id('up'), kind: 'aliases', format: 'csv', text: aliases.text });
  expect(carried.job.state).toBe('done');
  const byAddress = new Map(carried.rows.map((row) => [row.address, row]));
  expect(byAddress.get('@xn--bcher-kva.de')).toMatchObject({ action: 'create', applied: true });
  expect(byAddress.get('info@example.net')).toMatchObject({
    action: 'error',
    detail: MAIL_MESSAGES.invalidSender('bob@example.net'),
  });
});

test('a box without quota routes: a quota in the file is refused with the reason, the rest applied', async () => {
  const text = 'email,password,quota\nq1@example.org,q1-password-1,1G\nq2@example.org,q2-password-1,\n';
  const { job, rows } = await applyImport({ boxId: id('old'), kind: 'users', format: 'csv', text });
  expect(job.state).toBe('done');
  expect(rows.map((row) => [row.action, row.applied])).toEqual([
    ['error', undefined],
    ['create', true],
  ]);
  expect(rows[0]?.detail).toMatch(/^Mail user quotas need Mail-in-a-Box v73 or newer; this box runs v72\./);
  expect((await users('old')).map((user) => user.email)).toContain('q2@example.org');
});

test('a file that cannot be read is refused at once, not as a job; an unknown job has no result', async () => {
  const bad = await bed().refusal('mail.applyImport', {
    boxId: id('up'),
    kind: 'users',
    format: 'csv',
    text: 'mail,pass\nx@example.com,y\n',
  });
  expect(bad.code).toBe('validation');
  expect(bad.message).toContain('Unknown column "mail", "pass"');
  const none = await bed().refusal('mail.importResult', { jobId: 'no-such-job' });
  expect(none.code).toBe('not-found');
});
