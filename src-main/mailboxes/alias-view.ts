import type { MailAlias, MailDomainAliases, MailDomainSummary } from '../../src-shared/contract/mailboxes';
import type { AliasGroup, MailUserGroup } from '../../src-shared/domain/miab';
import { domainToAscii, domainToDisplay, emailToAscii } from '../../src-shared/domain/idn';
import { sortDomains } from '../../src-shared/domain/domain-order';
import { aliasKind } from '../../src-shared/domain/mail-rules';

/**
 * The box's alias listing (§4.3.1) with each row's kind. The box decodes the domains of both lists to Unicode; they
 * are turned back into the stored form here, because the box takes permitted senders only as exact user logins
 * (which are punycode): a list sent back unchanged on update must be accepted.
 */
export function toMailAliases(groups: readonly AliasGroup[]): MailDomainAliases[] {
  return groups.map((group) => ({
    domain: group.domain,
    aliases: group.aliases.map((alias): MailAlias => {
      // The box splits its stored comma list, so a send-only alias (nothing stored) lists [""] (§4.3.1).
      const forwardsTo = alias.forwards_to.filter((to) => to !== '').map(emailToAscii);
      return {
        address: alias.address,
        display: alias.address_display,
        kind: aliasKind({ address: alias.address, forwardsTo }),
        auto: alias.auto,
        forwardsTo,
        permittedSenders: (alias.permitted_senders ?? []).map(emailToAscii),
      };
    }),
  }));
}

/** The box's PRIMARY_HOSTNAME as its automatic hostmaster@ alias gives it (the box keeps that alias at all times, §4.12). */
export function hostnameFromAliases(aliases: readonly AliasGroup[]): string | null {
  const hostmaster = aliases
    .flatMap((group) => group.aliases)
    .find((alias) => alias.auto && alias.address.startsWith('hostmaster@'));
  return hostmaster ? hostmaster.address.slice('hostmaster@'.length) : null;
}

/**
 * The box's mail domains with their counts: the union of the domains of users, aliases and `/mail/domains` (which on
 * Power also holds the noreply address's domain), in the box's domain order when its host name is known.
 */
export function summariseDomains(
  users: readonly MailUserGroup[],
  aliases: readonly AliasGroup[],
  mailDomains: readonly string[],
  primaryHostname: string | null,
): MailDomainSummary[] {
  const byAscii = new Map<string, MailDomainSummary>();
  const entry = (name: string): MailDomainSummary => {
    const ascii = (domainToAscii(name) ?? name).toLowerCase();
    let summary = byAscii.get(ascii);
    if (!summary) {
      summary = { domain: domainToDisplay(ascii), ascii, users: 0, archived: 0, aliases: 0, autoAliases: 0 };
      byAscii.set(ascii, summary);
    }
    return summary;
  };
  for (const group of users) {
    const summary = entry(group.domain);
    for (const user of group.users) {
      if (user.status === 'active') summary.users += 1;
      else summary.archived += 1;
    }
  }
  for (const group of aliases) {
    const summary = entry(group.domain);
    for (const alias of group.aliases) {
      if (alias.auto) summary.autoAliases += 1;
      else summary.aliases += 1;
    }
  }
  for (const name of mailDomains) entry(name);
  if (primaryHostname === null) return [...byAscii.values()];
  return sortDomains([...byAscii.keys()], primaryHostname).map((ascii) => byAscii.get(ascii) as MailDomainSummary);
}
