import type { MailDomainUsers, MailUser } from '../../src-shared/contract/mailboxes';

/** One user entry of `GET /mail/users?format=json` (§4.2.1, Power §6.3.3), as the box sends it. */
export interface BoxUserEntry {
  email: string;
  privileges: string[];
  status: 'active' | 'inactive';
  quota?: string;
  box_quota: number | string;
  box_size: string;
  percent: string;
  box_count?: number | string;
  mailbox?: string;
}

/** Turns the box's mixed "?"/number fields into nulls and numbers the UI can sort and format. */
export function toMailUser(entry: BoxUserEntry): MailUser {
  const user: MailUser = {
    email: entry.email,
    status: entry.status,
    privileges: entry.privileges,
    quotaBytes: typeof entry.box_quota === 'number' ? entry.box_quota : null,
    usedDisplay: entry.box_size === '?' ? null : entry.box_size,
    percent: entry.percent === '?' || entry.percent === '' ? null : entry.percent.trim(),
    messages: typeof entry.box_count === 'number' ? entry.box_count : null,
  };
  if (entry.quota !== undefined) user.quota = entry.quota;
  if (entry.mailbox !== undefined) user.mailbox = entry.mailbox;
  return user;
}

export function toMailDomains(groups: Array<{ domain: string; users: BoxUserEntry[] }>): MailDomainUsers[] {
  return groups.map((g) => ({ domain: g.domain, users: g.users.map(toMailUser) }));
}
