import type { MailDomainUsers } from '../../../src-shared/contract/mailboxes';
import {
  countUsers,
  filterMailUsers,
  formatPercent,
  formatQuota,
  formatStatus,
  formatUsed,
} from '../../../src-renderer/stores/mailboxes-view';
import { fakeCore, GOOD_KEY, NEW_FINGERPRINT } from './fake-core';

const USERS: MailDomainUsers[] = [
  {
    domain: 'example.com',
    users: [
      {
        email: 'me@example.com',
        status: 'active',
        privileges: ['admin'],
        quota: '0',
        quotaBytes: null,
        usedDisplay: null,
        percent: null,
        messages: null,
      },
      {
        email: 'u2@example.com',
        status: 'active',
        privileges: [],
        quota: '100M',
        quotaBytes: 104857600,
        usedDisplay: '1.5M',
        percent: '  1%',
        messages: 3,
      },
      {
        email: 'olduser@example.com',
        status: 'inactive',
        privileges: [],
        quotaBytes: null,
        usedDisplay: null,
        percent: null,
        messages: null,
        mailbox: '/home/user-data/mail/mailboxes/example.com/olduser',
      },
    ],
  },
  {
    domain: 'bücher.de',
    users: [
      {
        email: 'u3@xn--bcher-kva.de',
        status: 'active',
        privileges: [],
        quota: '2147483648',
        quotaBytes: null,
        usedDisplay: null,
        percent: null,
        messages: null,
      },
    ],
  },
];

async function coreWithBox(users: MailDomainUsers[]) {
  const core = fakeCore({ users, hostKeyStatus: 'trusted' });
  const wizard = core.stores.addServer;
  wizard.getState().open();
  for (const [field, value] of [
    ['host', 'box1.example.com'],
    ['keyPath', GOOD_KEY],
  ] as const)
    wizard.getState().setField(field, value);
  await wizard.getState().submitDetails();
  const box = await wizard.getState().save();
  if (!box) throw new Error('the fake core did not save the box');
  return { core, box };
}

describe('mail users', () => {
  it('formats what the box reports the way its admin panel words it', () => {
    const [me, u2, old] = USERS[0]?.users ?? [];
    if (!me || !u2 || !old) throw new Error('fixture');
    expect([formatStatus(me), formatStatus(old)]).toEqual(['Active', 'Archived']);
    expect([formatQuota(me), formatQuota(u2), formatQuota(old)]).toEqual(['Unlimited', '100 MB', '—']);
    expect(formatQuota({ quota: '2147483648' })).toBe('2 GB');
    expect(formatQuota({ quota: '1500000' })).toBe('1.4 MB');
    expect([formatUsed(me), formatUsed(u2)]).toEqual(['—', '1.5M']);
    expect([formatPercent(me), formatPercent(u2)]).toEqual(['—', '1%']);
  });

  it('filters by address, domain, status or privilege, dropping empty domains', () => {
    const emails = (query: string) => filterMailUsers(USERS, query).flatMap((g) => g.users.map((u) => u.email));
    expect(emails('')).toHaveLength(4);
    expect(emails('  U2@')).toEqual(['u2@example.com']);
    expect(emails('archived')).toEqual(['olduser@example.com']);
    expect(emails('admin')).toEqual(['me@example.com']);
    expect(filterMailUsers(USERS, 'bücher').map((g) => g.domain)).toEqual(['bücher.de']);
    expect(filterMailUsers(USERS, 'nobody')).toEqual([]);
    expect(countUsers(USERS)).toBe(4);
  });

  it('loads a box’s users through the contract and keeps them when a reload fails', async () => {
    const { core, box } = await coreWithBox(USERS);
    const mailboxes = core.stores.mailboxes;
    const loading = mailboxes.getState().load(box.id);
    expect(mailboxes.getState().byBox[box.id]?.status).toBe('loading');
    await loading;
    expect(mailboxes.getState().byBox[box.id]).toMatchObject({ status: 'ready', error: null });
    expect(countUsers(mailboxes.getState().byBox[box.id]?.data ?? [])).toBe(4);

    // The box leaves the registry: a reload fails with guidance, the last list stays under the banner.
    core.boxes.splice(0);
    await mailboxes.getState().load(box.id);
    expect(mailboxes.getState().byBox[box.id]).toMatchObject({ status: 'failed', error: { code: 'not-found' } });
    expect(countUsers(mailboxes.getState().byBox[box.id]?.data ?? [])).toBe(4);
  });

  it('forgets the users and filter of a box removed from the fleet', async () => {
    const { core, box } = await coreWithBox(USERS);
    await core.stores.mailboxes.getState().load(box.id);
    core.stores.mailboxes.getState().setFilter(box.id, 'u2');
    const removed = await core.stores.boxActions.getState().remove(box.id);
    expect(removed.ok).toBe(true);
    await core.stores.fleet.getState().load();
    expect(core.stores.mailboxes.getState().byBox[box.id]).toBeUndefined();
    expect(core.stores.mailboxes.getState().filter[box.id]).toBeUndefined();
    expect(core.stores.navigation.getState()).toMatchObject({ selectedBoxId: null, view: { screen: 'fleet' } });
  });

  it('shows a changed host key met while loading users as the stop on the box overview', async () => {
    const { core, box } = await coreWithBox(USERS);
    core.changeHostKey();
    await core.stores.mailboxes.getState().load(box.id);
    expect(core.stores.mailboxes.getState().byBox[box.id]?.error).toMatchObject({ code: 'host-key-mismatch' });
    expect(core.stores.boxActions.getState().tests[box.id]).toMatchObject({
      status: 'failed',
      changedKey: { fingerprint: NEW_FINGERPRINT },
    });
  });
});
