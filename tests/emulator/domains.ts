/**
 * The domain sets the daemon derives from users, aliases and custom DNS (mailconfig.get_mail_domains,
 * dns_update.get_dns_zones, web_update.get_web_domains). Shared by the mail routes, the kick, DNS and web.
 */
import { emailDomain } from './email-syntax';
import { sortDomains } from './ordering';
import type { BoxState } from './types';

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

export interface MailDomainOptions {
  /** Only aliases whose source passes this test count (the "real mail domain" filter of the kick). */
  filterAliases?: (source: string) => boolean;
  /** Only domains of user accounts. */
  usersOnly?: boolean;
}

/** Mail domains in stored (punycode) form: users, non-auto aliases and Power's noreply addresses. Unordered. */
export function mailDomains(state: BoxState, options: MailDomainOptions = {}): string[] {
  const filter = options.filterAliases ?? ((): boolean => true);
  const names = state.users.map((u) => emailDomain(u.email, false));
  if (!options.usersOnly) {
    names.push(...state.aliases.filter((a) => filter(a.source)).map((a) => emailDomain(a.source, false)));
    if (state.flavour === 'power') names.push(...state.noreply.map((e) => emailDomain(e, false)));
  }
  return unique(names);
}

/** Drop every name that is a subdomain of another name in the list (shortest first, like get_dns_zones). */
function topmost(names: string[]): string[] {
  const zones: string[] = [];
  for (const d of [...names].sort((a, b) => a.length - b.length)) {
    if (!zones.some((z) => d.endsWith('.' + z))) zones.push(d);
  }
  return zones;
}

/** DNS zones (§4.4.1): mail domains plus PRIMARY_HOSTNAME, without subdomains of each other, in domain order. */
export function zoneNames(state: BoxState): string[] {
  return sortDomains(topmost(unique([...mailDomains(state), state.hostname])), state.hostname);
}

/** Names that a custom CNAME, or an A/AAAA to an address other than the box, sends elsewhere. */
export function domainsHostedElsewhere(state: BoxState): Set<string> {
  const own = new Set(['local', state.publicIp, state.publicIpv6].filter((v) => v !== ''));
  return new Set(
    state.customDns
      .filter((r) => r.rtype === 'CNAME' || ((r.rtype === 'A' || r.rtype === 'AAAA') && !own.has(r.value)))
      .map((r) => r.qname),
  );
}

export interface WebDomainOptions {
  includeWwwRedirects?: boolean;
  excludeDnsElsewhere?: boolean;
}

/** Web domains (§4.7), in domain order. PRIMARY_HOSTNAME is always present. */
export function webDomains(state: BoxState, options: WebDomainOptions = {}): string[] {
  const mail = mailDomains(state);
  const names = new Set(mail);
  if (options.includeWwwRedirects ?? true) for (const z of zoneNames(state)) names.add('www.' + z);
  for (const d of mailDomains(state, { usersOnly: true })) {
    names.add('autoconfig.' + d);
    names.add('autodiscover.' + d);
  }
  for (const d of mail) names.add('mta-sts.' + d);
  if (state.flavour === 'power') for (const d of mail) names.add('openpgpkey.' + d);
  if (options.excludeDnsElsewhere ?? true) for (const d of domainsHostedElsewhere(state)) names.delete(d);
  names.add(state.hostname);
  return sortDomains([...names], state.hostname);
}
