/**
 * The box's "nice" order of domain names (§4.11), for lists Boxfleet puts together from several of the box's answers
 * (the box's own lists already come in it): zone by zone, the zone of PRIMARY_HOSTNAME first and then alphabetically;
 * inside a zone PRIMARY_HOSTNAME, then its subdomains, then by labels read right to left.
 */

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLabels(a: string, b: string): number {
  const x = a.split('.').reverse();
  const y = b.split('.').reverse();
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = compare(x[i] ?? '', y[i] ?? '');
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

export function sortDomains(names: readonly string[], primaryHostname: string): string[] {
  const unique = [...new Set(names)];
  // A zone is the shortest listed name another one ends in; shorter names are looked at first.
  const zoneOf = new Map<string, string>();
  for (const name of [...unique].sort((a, b) => a.length - b.length || compare(a, b))) {
    const zone = [...new Set(zoneOf.values())].find((z) => name.endsWith('.' + z));
    zoneOf.set(name, zone ?? name);
  }
  const holdsPrimary = (zone: string) => zone === primaryHostname || primaryHostname.endsWith('.' + zone);
  const zones = [...new Set(zoneOf.values())].sort(
    (a, b) => Number(!holdsPrimary(a)) - Number(!holdsPrimary(b)) || compare(a, b),
  );
  const rank = (name: string): [number, number, number] => [
    zones.indexOf(zoneOf.get(name) ?? name),
    Number(name !== primaryHostname),
    Number(!name.endsWith('.' + primaryHostname)),
  ];
  return unique.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || compareLabels(a, b);
  });
}
