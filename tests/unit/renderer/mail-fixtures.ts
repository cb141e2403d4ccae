import type { MailAlias, MailDomainUsers } from '../../../src-shared/contract/mailboxes';
import type { Box } from '../../../src-shared/domain/box';

/** A saved box as the registry lists it, for tests that put boxes into the fake core directly. */
export function sampleBox(id: string, name = id): Box {
  return {
    id,
    name,
    host: `${id}.example.com`,
    port: 22,
    user: 'root',
    auth: { kind: 'agent' },
    tags: [],
    apiPort: 10222,
    paths: { apiKey: '/var/lib/mailinabox/api.key', conf: '/etc/mailinabox.conf', storageRoot: '/home/user-data' },
    addedAt: '2025-01-01T00:00:00.000Z',
  };
}

const user = (email: string, admin = false): MailDomainUsers['users'][number] => ({
  email,
  status: 'active',
  privileges: admin ? ['admin'] : [],
  quota: '0',
  quotaBytes: null,
  usedDisplay: null,
  percent: null,
  messages: null,
});

/** The users every box of the fake has: an admin and one other. */
export const MAIL_USERS: MailDomainUsers[] = [
  { domain: 'example.com', users: [user('me@example.com', true), user('alice@example.com')] },
];

/** The automatic alias every box keeps for its domain: listed, never changed. */
export const POSTMASTER: MailAlias = {
  address: 'postmaster@example.com',
  display: 'postmaster@example.com',
  kind: 'regular',
  auto: true,
  forwardsTo: ['me@example.com'],
  permittedSenders: [],
};
