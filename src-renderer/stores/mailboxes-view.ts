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

/** One line of the virtualized list: a domain's heading, or one of its users. */
export type MailRow =
  | {
      readonly kind: 'domain';
      /** Stable across filters: the list keeps focus and measured heights by it. */
      readonly key: string;
      readonly domain: string;
      readonly shown: number;
      readonly total: number;
    }
  | { readonly kind: 'user'; readonly key: string; readonly domain: string; readonly user: MailUser };

/** Per user, the lower-cased text the filter looks in, built once per list the box sent (not per keystroke). */
const haystacks = new WeakMap<readonly MailDomainUsers[], readonly (readonly string[])[]>();

function haystacksOf(groups: readonly MailDomainUsers[]): readonly (readonly string[])[] {
  let known = haystacks.get(groups);
  if (known === undefined) {
    known = groups.map((group) =>
      group.users.map((user) =>
        [user.email, group.domain, formatStatus(user), ...user.privileges].join('\n').toLowerCase(),
      ),
    );
    haystacks.set(groups, known);
  }
  return known;
}

/**
 * The rows of the list for a filter: each domain with a matching user gets its heading, then those users. The
 * same match as filterMailUsers, on text lower-cased once per list, so a keystroke over 10,000 users stays within
 * a frame.
 */
export function mailRows(groups: readonly MailDomainUsers[], query: string): MailRow[] {
  const needle = query.trim().toLowerCase();
  const texts = haystacksOf(groups);
  const rows: MailRow[] = [];
  groups.forEach((group, g) => {
    const text = texts[g] ?? [];
    const users = needle === '' ? group.users : group.users.filter((_user, u) => (text[u] ?? '').includes(needle));
    if (users.length === 0) return;
    rows.push({
      kind: 'domain',
      key: `domain ${group.domain}`,
      domain: group.domain,
      shown: users.length,
      total: group.users.length,
    });
    for (const user of users) rows.push({ kind: 'user', key: `user ${user.email}`, domain: group.domain, user });
  });
  return rows;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** The box's mailbox size ("1.5M", "512K", "0.0", "?") in bytes; null when it does not know. */
export function sizeBytes(usedDisplay: string | null): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)\s*$/i.exec(usedDisplay ?? '');
  if (!match) return null;
  return Number(match[1]) * (SIZE_UNITS[(match[2] ?? '').toUpperCase()] ?? 1);
}

export interface MailboxSize {
  readonly email: string;
  readonly bytes: number;
  readonly display: string;
}

/** The largest mailboxes the box reports a size for, largest first (archived ones too: they hold disk). */
export function largestMailboxes(groups: readonly MailDomainUsers[], count: number): MailboxSize[] {
  const sized: MailboxSize[] = [];
  for (const group of groups) {
    for (const user of group.users) {
      const bytes = sizeBytes(user.usedDisplay);
      if (bytes !== null && bytes > 0) sized.push({ email: user.email, bytes, display: user.usedDisplay ?? '' });
    }
  }
  return sized.sort((a, b) => b.bytes - a.bytes || a.email.localeCompare(b.email)).slice(0, count);
}
