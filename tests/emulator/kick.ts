/**
 * The "kick" after user and alias changes (§4.12): auto aliases, clean-up of stale admin aliases, then the DNS and
 * web updates. Also the combined alias table (user + auto aliases) the listings and the kick read.
 */
import { dnsUpdate } from './dns-zones';
import { mailDomains } from './domains';
import { domainToDisplay, emailDomain } from './email-syntax';
import { sortEmails } from './ordering';
import type { AliasRecord, EmuBox, BoxState } from './types';
import { webUpdate } from './web';

export interface AliasRow extends AliasRecord {
  auto: boolean;
}

function cmp(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * mailconfig.get_mail_aliases: both tables through a SQL UNION into a dict keyed by source, in email order. When a
 * source is in both tables the row that sorts last (destination, senders, auto) wins, as with SQLite's UNION.
 */
export function aliasRows(state: BoxState): AliasRow[] {
  const bySource = new Map<string, AliasRow>();
  const rows: AliasRow[] = [
    ...state.aliases.map((a) => ({ ...a, auto: false })),
    ...state.autoAliases.map((a) => ({ ...a, auto: true })),
  ];
  for (const row of rows) {
    const prev = bySource.get(row.source);
    const later =
      !prev ||
      (cmp(row.destination, prev.destination) ||
        cmp(row.permittedSenders, prev.permittedSenders) ||
        Number(row.auto) - Number(prev.auto)) > 0;
    if (later) bySource.set(row.source, row);
  }
  return sortEmails([...bySource.keys()], state.hostname).map((s) => bySource.get(s) as AliasRow);
}

export function administratorAddress(state: BoxState): string {
  return 'administrator@' + state.hostname;
}

/** mailconfig.get_required_aliases. */
export function requiredAliases(state: BoxState): Set<string> {
  const required = new Set([administratorAddress(state), 'hostmaster@' + state.hostname]);
  const real = mailDomains(state, {
    filterAliases: (a) =>
      !a.startsWith('postmaster@') && !a.startsWith('admin@') && !a.startsWith('abuse@') && !a.startsWith('@'),
  });
  for (const d of real) for (const l of ['postmaster', 'admin', 'abuse']) required.add(`${l}@${d}`);
  return required;
}

function ensureNoreply(state: BoxState): string {
  const address = 'noreply-daemon@' + state.hostname;
  if (state.flavour !== 'power' || state.noreply.includes(address)) return '';
  state.noreply.push(address);
  return `added noreply address "${address}"\n`;
}

/** Recompute the auto_aliases table: required aliases → administrator, plus @unicode → @punycode maps. */
function rebuildAutoAliases(state: BoxState, required: Set<string>): void {
  const administrator = administratorAddress(state);
  const auto = new Map<string, string>();
  for (const a of required) if (a !== administrator) auto.set(a, administrator);
  for (const d of mailDomains(state)) {
    const u = domainToDisplay(d);
    if (u !== d && !/[\u0080-\u{10ffff}]/u.test(d)) auto.set('@' + u, '@' + d);
  }
  state.autoAliases = [...auto].map(([source, destination]) => ({ source, destination, permittedSenders: null }));
}

/** Bring the auto_aliases table in line with users and aliases (what the kick does first), without DNS or web. */
export function refreshAutoAliases(state: BoxState): void {
  rebuildAutoAliases(state, requiredAliases(state));
}

/** Run the kick and return its report, starting with `mailResult + "\n"` when given. */
export function kick(box: EmuBox, mailResult?: string): string {
  const state = box.state;
  const results: string[] = [];
  if (mailResult !== undefined) results.push(mailResult + '\n');
  results.push(ensureNoreply(state));

  const required = requiredAliases(state);
  rebuildAutoAliases(state, required);

  const administrator = administratorAddress(state);
  for (const row of aliasRows(state)) {
    const user = row.source.slice(0, row.source.indexOf('@'));
    if (
      ['postmaster', 'admin', 'abuse'].includes(user) &&
      !required.has(row.source) &&
      row.destination === administrator &&
      !row.auto
    ) {
      state.aliases = state.aliases.filter((a) => a.source !== row.source);
      results.push(`removed alias ${row.source} (was to ${row.destination}; domain no longer used for email)\n`);
    }
  }

  results.push(dnsUpdate(box));
  results.push(webUpdate(box));
  return results.filter((s) => s !== '').join('');
}

/** Group label of an address for the JSON listings: its domain decoded to Unicode. */
export function displayDomainOf(address: string): string {
  return emailDomain(address, true);
}
