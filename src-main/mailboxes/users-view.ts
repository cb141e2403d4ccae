import type { MailDomainUsers, MailUser } from '../../src-shared/contract/mailboxes';
import type { MailUser as BoxUserEntry, MailUserGroup } from '../../src-shared/domain/miab';

/** Turns the box's mixed "?"/number fields (§4.2.1, Power §6.3.3) into nulls and numbers the UI can sort and format. */
export function toMailUser(entry: BoxUserEntry): MailUser {
  const user: MailUser = {
    email: entry.email,
    status: entry.status,
    privileges: entry.privileges,
    quotaBytes: typeof entry.box_quota === 'number' ? entry.box_quota : null,
    usedDisplay: entry.box_size === undefined || entry.box_size === '?' ? null : entry.box_size,
    percent:
      entry.percent === undefined || entry.percent === '?' || entry.percent.trim() === '' ? null : entry.percent.trim(),
    messages: typeof entry.box_count === 'number' ? entry.box_count : null,
  };
  if (entry.quota !== undefined) user.quota = entry.quota;
  if (entry.mailbox !== undefined) user.mailbox = entry.mailbox;
  return user;
}

export function toMailDomains(groups: MailUserGroup[]): MailDomainUsers[] {
  return groups.map((g) => ({ domain: g.domain, users: g.users.map(toMailUser) }));
}
