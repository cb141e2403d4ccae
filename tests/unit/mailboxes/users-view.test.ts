import { toMailDomains } from '../../../src-main/mailboxes/users-view';

describe('mail users view', () => {
  it('normalises the verified example of the API reference', () => {
    const view = toMailDomains([
      {
        domain: 'example.com',
        users: [
          {
            box_quota: '?',
            box_size: '?',
            email: 'me@example.com',
            percent: '',
            privileges: ['admin'],
            quota: '0',
            status: 'active',
          },
          {
            box_quota: 2147483648,
            box_size: '1.5M',
            email: 'u2@example.com',
            percent: '  0%',
            privileges: ['admin'],
            quota: '100M',
            status: 'active',
            box_count: 12,
          },
          {
            box_quota: '?',
            box_size: '?',
            email: 'olduser@example.com',
            mailbox: '/home/user-data/mail/mailboxes/example.com/olduser',
            percent: '?',
            privileges: [],
            status: 'inactive',
          },
        ],
      },
    ]);
    expect(view[0]?.users).toEqual([
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
        privileges: ['admin'],
        quota: '100M',
        quotaBytes: 2147483648,
        usedDisplay: '1.5M',
        percent: '0%',
        messages: 12,
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
    ]);
  });
});
