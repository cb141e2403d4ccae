import type { FleetMailHit } from '../../src-shared/contract/mail-fleet';

/** One person across the fleet: every mailbox with their address, and every alias anywhere that forwards to it. */
export interface Person {
  /** Lowercased stored address: the key people are grouped by. */
  readonly key: string;
  readonly display: string;
  readonly domain: string;
  readonly mailboxes: readonly FleetMailHit[];
  readonly forwardedFrom: readonly FleetMailHit[];
}

/**
 * Groups the fleet's users by address, for admins who think in people rather than boxes: the same address on two
 * boxes is one person with two mailboxes. Aliases are attached to each person they forward to (either address form).
 */
export function groupPeople(hits: readonly FleetMailHit[]): Person[] {
  const byKey = new Map<
    string,
    { display: string; domain: string; mailboxes: FleetMailHit[]; forwardedFrom: FleetMailHit[] }
  >();
  for (const hit of hits) {
    if (hit.kind !== 'user') continue;
    const key = hit.address.toLowerCase();
    const person = byKey.get(key) ?? { display: hit.display, domain: hit.domain, mailboxes: [], forwardedFrom: [] };
    person.mailboxes.push(hit);
    byKey.set(key, person);
  }
  const displayToKey = new Map([...byKey].map(([key, person]) => [person.display.toLowerCase(), key]));
  for (const hit of hits) {
    if (hit.kind !== 'alias') continue;
    for (const target of hit.forwardsTo) {
      const lower = target.toLowerCase();
      const person = byKey.get(lower) ?? byKey.get(displayToKey.get(lower) ?? '');
      if (person && !person.forwardedFrom.includes(hit)) person.forwardedFrom.push(hit);
    }
  }
  return [...byKey]
    .map(([key, person]) => ({ key, ...person }))
    .sort((a, b) => a.domain.localeCompare(b.domain) || a.key.localeCompare(b.key));
}

/** People whose address, domain, box or forwarding aliases contain the text (case-insensitive). */
export function filterPeople(people: readonly Person[], query: string): Person[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [...people];
  return people.filter((person) =>
    [
      person.key,
      person.display,
      person.domain,
      ...person.mailboxes.map((hit) => hit.boxName),
      ...person.forwardedFrom.map((hit) => hit.display),
    ].some((text) => text.toLowerCase().includes(needle)),
  );
}

/** Where a user's mailbox stands on one box, in the box's own words. */
export function mailboxLabel(hit: FleetMailHit): string {
  const status = hit.status === 'active' ? 'active' : 'archived';
  return hit.admin ? `${status}, admin` : status;
}
