import type { AliasKind, MailAlias, MailDomainAliases, MailDomainUsers } from '../../src-shared/contract/mailboxes';
import type { AppError } from '../../src-shared/contract/result';
import { emailToAscii } from '../../src-shared/domain/idn';
import { checkAlias } from '../../src-shared/domain/mail-rules';

/** An alias as the admin types it: each list as free text, one address per line or comma-separated. */
export interface AliasDraft {
  readonly address: string;
  readonly forwardsTo: string;
  readonly permittedSenders: string;
}

export const EMPTY_ALIAS_DRAFT: AliasDraft = { address: '', forwardsTo: '', permittedSenders: '' };

/** The draft for editing an existing alias: its lists one per line, as the box's own form shows them. */
export function draftFromAlias(alias: MailAlias): AliasDraft {
  return {
    address: alias.display,
    forwardsTo: alias.forwardsTo.join('\n'),
    permittedSenders: alias.permittedSenders.join('\n'),
  };
}

/** Splits a list the way the box does (§4.3.2): on commas and newlines, each part trimmed, empty parts dropped. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * What kind of alias a draft makes, told apart the same way as the box's list (§4.3.2): an address with an empty
 * local part forwards a whole domain, to another domain (a domain alias) or to addresses (a catch-all); an alias
 * with no forward-to but permitted senders only sends.
 */
export function draftKind(draft: AliasDraft): AliasKind {
  const forwards = splitAddresses(draft.forwardsTo);
  if (forwards.length === 0 && splitAddresses(draft.permittedSenders).length > 0) return 'send-only';
  if (!draft.address.trim().startsWith('@')) return 'regular';
  return forwards.length === 1 && forwards[0]?.startsWith('@') ? 'domain-alias' : 'catch-all';
}

export const KIND_LABEL: Readonly<Record<AliasKind, string>> = {
  regular: 'Alias',
  'catch-all': 'Catch-all',
  'domain-alias': 'Domain alias',
  'send-only': 'Send-only',
};

/** What a kind does, in a sentence for the form. */
export function describeKind(kind: AliasKind, draft: AliasDraft): string {
  const domain = draft.address.trim().replace(/^.*@/, '') || 'the domain';
  switch (kind) {
    case 'regular':
      return 'Mail to this address goes to every forward-to address.';
    case 'catch-all':
      return `A catch-all: mail to any address at ${domain} that has no user or alias of its own goes to the forward-to addresses.`;
    case 'domain-alias':
      return `A domain alias: mail to anyone@${domain} goes to the same name at the other domain.`;
    case 'send-only':
      return 'Send-only: nothing is forwarded; the permitted senders may send mail as this address.';
  }
}

/** The fields a check can point at. */
export type AliasField = 'address' | 'forwardsTo' | 'permittedSenders';

/**
 * The box's own checks (§5.6, §5.3) made before sending, with the box's words, so the message is the same before and
 * after. `users` are the box's mail users when known; without them the checks that need them (permitted senders are
 * users, DCV aliases forward to admins) are left to the box, which answers verbatim.
 */
export function checkAliasDraft(
  draft: AliasDraft,
  users: ReadonlyArray<{ email: string; admin: boolean }> | null,
): { field: AliasField; message: string } | null {
  const forwardsTo = splitAddresses(draft.forwardsTo);
  const permittedSenders = splitAddresses(draft.permittedSenders);
  const assumed = [...forwardsTo, ...permittedSenders].map((email) => ({ email: emailToAscii(email), admin: true }));
  const result = checkAlias({ address: draft.address, forwardsTo, permittedSenders }, { users: users ?? assumed });
  if (result.ok) return null;
  const field = result.field === 'forwardsTo' || result.field === 'permittedSenders' ? result.field : 'address';
  return { field, message: result.message };
}

/** The box's active users as the alias checks need them: login and whether it is an admin. */
export function aliasCheckUsers(groups: readonly MailDomainUsers[]): Array<{ email: string; admin: boolean }> {
  return groups.flatMap((group) =>
    group.users
      .filter((user) => user.status === 'active')
      .map((user) => ({ email: user.email, admin: user.privileges.includes('admin') })),
  );
}

/** Case-insensitive match on the address (either form), its domain, its kind and its lists; empty groups drop out. */
export function filterAliases(groups: readonly MailDomainAliases[], query: string): MailDomainAliases[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return groups.filter((group) => group.aliases.length > 0);
  const matches = (alias: MailAlias, domain: string) =>
    [alias.address, alias.display, domain, KIND_LABEL[alias.kind], ...alias.forwardsTo, ...alias.permittedSenders].some(
      (text) => text.toLowerCase().includes(needle),
    );
  return groups
    .map((group) => ({ domain: group.domain, aliases: group.aliases.filter((alias) => matches(alias, group.domain)) }))
    .filter((group) => group.aliases.length > 0);
}

export function countAliases(groups: readonly MailDomainAliases[]): { made: number; auto: number } {
  const all = groups.flatMap((group) => group.aliases);
  const auto = all.filter((alias) => alias.auto).length;
  return { made: all.length - auto, auto };
}

/** The first line of the box's change report ("alias added"), for a short confirmation; the rest is DNS detail. */
export function reportHeadline(report: string): string {
  return report.split('\n')[0]?.trim() ?? '';
}

/**
 * A refusal is the box (or the same rule checked in main first) saying no to what was typed: a 400 from the box, or a
 * `validation` failure. Anything else is a problem reaching the box, which retrying may fix.
 */
export function isRefusal(error: AppError): boolean {
  return error.code === 'validation' || (error.code === 'box-api-error' && !error.retryable);
}
