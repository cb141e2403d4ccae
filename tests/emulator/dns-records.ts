/**
 * Custom DNS records (§4.4.5–§4.4.7, §5.7, Power TTLs §6.3.4): validation and storage as in
 * dns_update.set_custom_dns_record / write_custom_dns_config, and the JSON listing of /dns/custom.
 */
import { isIP } from 'node:net';
import { zoneNames } from './domains';
import { sortDomains } from './ordering';
import type { BoxState, CustomDnsRecord } from './types';

const DOMAIN_RE = /^(?!-)(?:[*][.])?(?:[a-zA-Z\d\-_]{0,62}[a-zA-Z\d_]\.){1,126}(?!\d+)[a-zA-Z\d_]{1,63}(\.?)$/;
const FREE_TYPES = new Set(['TXT', 'SRV', 'MX', 'SSHFP', 'CAA']);

/** A validation failure the route answers with 400 text (Python's ValueError inside the view's try). */
export class DnsValueError extends Error {}

/** Python's repr() of a str, enough for the messages that quote a value. */
export function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(q === "'" ? /'/g : /"/g, '\\' + q);
  return q + body + q;
}

export type DnsAction = 'add' | 'set' | 'remove';

/** Power TTLs are clamped to 30 … 2592000 (30 days). */
export function clampTtl(ttl: number): number {
  return Math.min(2592000, Math.max(30, ttl));
}

function validate(state: BoxState, qname: string, rtype: string, value: string): string {
  if (qname.startsWith('_')) return value;
  if (!DOMAIN_RE.test(qname)) throw new DnsValueError('Invalid name.');
  if (rtype === 'A' || rtype === 'AAAA') {
    if (value === 'local') return value;
    const family = isIP(value);
    if (family === 0) throw new DnsValueError(`${pyRepr(value)} does not appear to be an IPv4 or IPv6 address`);
    if (rtype === 'A' && family !== 4) throw new DnsValueError("That's an IPv6 address.");
    if (rtype === 'AAAA' && family !== 6) throw new DnsValueError("That's an IPv4 address.");
    return value;
  }
  if (rtype === 'CNAME' || rtype === 'NS') {
    if (rtype === 'NS' && zoneNames(state).includes(qname))
      throw new DnsValueError('NS records can only be set for subdomains.');
    const v = value.endsWith('.') ? value : value + '.';
    if (!DOMAIN_RE.test(v)) throw new DnsValueError('Invalid value.');
    return v;
  }
  if (FREE_TYPES.has(rtype)) return value;
  throw new DnsValueError(`Unknown record type '${rtype}'.`);
}

/** The order write_custom_dns_config gives: qnames in first-seen order, inside a qname rtypes in first-seen order. */
function fileOrder(records: CustomDnsRecord[]): CustomDnsRecord[] {
  const out: CustomDnsRecord[] = [];
  for (const q of [...new Set(records.map((r) => r.qname))]) {
    const ofQ = records.filter((r) => r.qname === q);
    for (const t of [...new Set(ofQ.map((r) => r.rtype))]) out.push(...ofQ.filter((r) => r.rtype === t));
  }
  return out;
}

/**
 * set_custom_dns_record: true when the stored records changed. `value` null means "no value" (DELETE all, or the
 * silent no-op of an empty A/AAAA without X-Forwarded-For). `ttl` is Power's; undefined = none.
 */
export function setCustomDnsRecord(
  state: BoxState,
  qname: string,
  rtypeIn: string,
  valueIn: string | null,
  action: DnsAction,
  ttl?: number,
): boolean {
  if (!zoneNames(state).some((z) => qname === z || qname.endsWith('.' + z))) {
    throw new DnsValueError(`${qname} is not a domain name or a subdomain of a domain name managed by this box.`);
  }
  const rtype = rtypeIn.toUpperCase();
  const value = valueIn === null ? null : validate(state, qname, rtype, valueIn);
  const t = ttl === undefined ? undefined : clampTtl(ttl);
  const next: CustomDnsRecord[] = [];
  let changed = false;
  let needsAdd = true;
  for (const r of state.customDns) {
    const sameName = r.qname === qname && r.rtype === rtype;
    if (action === 'add') {
      if (sameName && r.value === value) return false;
    } else if (action === 'set') {
      if (sameName) {
        if (r.value === value && r.ttl === t) {
          needsAdd = false;
        } else {
          changed = true;
          continue;
        }
      }
    } else if (sameName && (value === null || r.value === value)) {
      changed = true;
      continue;
    }
    next.push(r);
  }
  if (action !== 'remove' && needsAdd && value !== null) {
    const rec: CustomDnsRecord = { qname, rtype, value };
    if (t !== undefined) rec.ttl = t;
    next.push(rec);
    changed = true;
  }
  if (changed) state.customDns = fileOrder(next);
  return changed;
}

interface ListedRecord {
  qname: string;
  rtype: string;
  value: string;
  'sort-order': { created: number; qname: number };
  zone?: string;
  ttl?: number | null;
}

/** dns_get_records: the JSON of /dns/custom (optionally filtered to a qname and rtype). */
export function listCustomRecords(state: BoxState, qname?: string, rtype?: string): ListedRecord[] {
  const zones = sortDomains(zoneNames(state), state.hostname);
  const rows: ListedRecord[] = state.customDns
    .filter((r) => (!qname || r.qname === qname) && (!rtype || r.rtype === rtype))
    .map((r, i) => {
      const row: ListedRecord = {
        qname: r.qname,
        rtype: r.rtype,
        value: r.value,
        'sort-order': { created: i, qname: 0 },
      };
      const zone = zones.find((z) => r.qname === z || r.qname.endsWith('.' + z));
      if (zone !== undefined) row.zone = zone;
      if (state.flavour === 'power') row.ttl = r.ttl ?? null;
      return row;
    });
  const order = sortDomains(
    rows.map((r) => r.qname),
    state.hostname,
  );
  const key = (r: ListedRecord): [number, number, string] => [
    r.zone !== undefined ? zones.indexOf(r.zone) : 0,
    order.indexOf(r.qname),
    r.rtype,
  ];
  [...rows]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return ka[0] - kb[0] || ka[1] - kb[1] || (ka[2] < kb[2] ? -1 : ka[2] > kb[2] ? 1 : 0);
    })
    .forEach((r, i) => {
      r['sort-order'].qname = i;
    });
  return rows;
}
