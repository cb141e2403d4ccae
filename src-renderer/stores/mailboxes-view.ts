import type { MailDomainUsers, MailUser } from '../../src-shared/contract/mailboxes';

/** Mail-in-a-Box's own word for an inactive user is "archived": its mailbox stays on disk. */
export function formatStatus(user: Pick<MailUser, 'status'>): string {
  return user.status === 'active' ? 'Active' : 'Archived';
}

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** Bytes in the box's binary units (its own quota strings use M = 1024², G = 1024³). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${UNITS[unit]}`;
}

/** "0" is unlimited; plain digits are bytes; "500M"/"2G" read as the admin typed them; archived users have none. */
export function formatQuota(user: Pick<MailUser, 'quota'>): string {
  const quota = user.quota?.trim();
  if (quota === undefined || quota === '') return '—';
  if (/^0+$/.test(quota)) return 'Unlimited';
  if (/^\d+$/.test(quota)) return formatBytes(Number(quota));
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT])B?$/i.exec(quota);
  if (match) return `${match[1]} ${(match[2] ?? '').toUpperCase()}B`;
  return quota;
}

export function formatUsed(user: Pick<MailUser, 'usedDisplay'>): string {
  return user.usedDisplay ?? '—';
}

/** The box pads percentages ("  0%"); `null` means not known, which is also what unlimited quotas give. */
export function formatPercent(user: Pick<MailUser, 'percent'>): string {
  return user.percent?.trim() || '—';
}

/** Case-insensitive match on the address, its domain, status and privileges; empty groups drop out. */
export function filterMailUsers(groups: readonly MailDomainUsers[], query: string): MailDomainUsers[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return groups.filter((group) => group.users.length > 0);
  const matches = (user: MailUser, domain: string) =>
    [user.email, domain, formatStatus(user), ...user.privileges].some((text) => text.toLowerCase().includes(needle));
  return groups
    .map((group) => ({ domain: group.domain, users: group.users.filter((user) => matches(user, group.domain)) }))
    .filter((group) => group.users.length > 0);
}

export function countUsers(groups: readonly MailDomainUsers[]): number {
  return groups.reduce((total, group) => total + group.users.length, 0);
}
