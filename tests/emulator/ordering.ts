/**
 * The daemon's "nice" domain and email ordering (§4.11), ported from utils.sort_domains / sort_email_addresses so
 * every list the emulator returns comes out in the same order a real box would give.
 */

/** Python's `<` on strings: code-point order (identical to UTF-16 order for the names we handle). */
function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpLabels(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = cmpStr(a[i] as string, b[i] as string);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Sort domain names: zones (PRIMARY's first, then alphabetical), inside a zone PRIMARY, its subdomains, then labels right-to-left. */
export function sortDomains(names: string[], primaryHostname: string): string[] {
  const unique = [...new Set(names)];
  // Shortest first so a zone is always seen before its subdomains; ties broken alphabetically for determinism
  // (Python iterates a set there, whose order does not matter for the result).
  const byLength = [...unique].sort((a, b) => a.length - b.length || cmpStr(a, b));
  const zoneOf = new Map<string, string>();
  for (const d of byLength) {
    let zone = d;
    for (const z of zoneOf.values()) {
      if (d.endsWith('.' + z)) {
        zone = z;
        break;
      }
    }
    zoneOf.set(d, zone);
  }
  const isPrimaryZone = (z: string): boolean => z === primaryHostname || primaryHostname.endsWith('.' + z);
  const zones = [...new Set(zoneOf.values())].sort(
    (a, b) => Number(!isPrimaryZone(a)) - Number(!isPrimaryZone(b)) || cmpStr(a, b),
  );
  const zoneIndex = new Map(zones.map((z, i) => [z, i]));
  const key = (d: string): [number, number, number, string[]] => [
    zoneIndex.get(zoneOf.get(d) as string) as number,
    Number(d !== primaryHostname),
    Number(!d.endsWith('.' + primaryHostname)),
    d.split('.').reverse(),
  ];
  return unique.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || cmpLabels(ka[3], kb[3]);
  });
}

/** Sort addresses: by domain in domain ordering, then alphabetically; addresses without `@` last. Duplicates collapse. */
export function sortEmails(emails: string[], primaryHostname: string): string[] {
  const remaining = new Set(emails);
  const domains = new Set<string>();
  for (const e of remaining) {
    const at = e.indexOf('@');
    if (at >= 0) domains.add(e.slice(at + 1));
  }
  const out: string[] = [];
  for (const domain of sortDomains([...domains], primaryHostname)) {
    const inDomain = [...remaining].filter((e) => e.endsWith('@' + domain)).sort(cmpStr);
    out.push(...inDomain);
    for (const e of inDomain) remaining.delete(e);
  }
  out.push(...[...remaining].sort(cmpStr));
  return out;
}
