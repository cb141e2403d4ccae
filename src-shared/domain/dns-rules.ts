/**
 * The box's rules for custom DNS records (§4.4.7, §5.7, Power's TTLs §6.3.4), checked before the box is asked, and
 * the stricter per-type checks Boxfleet adds where the box takes anything (MX, SRV, SSHFP, CAA are free text to it and
 * published as typed, so a typo becomes a broken zone). Where the box itself refuses, the text is the box's own, so a
 * message shown before sending reads the same as the one the box would send back. The renderer shows these messages.
 */
import { domainToAscii } from './idn';

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NS', 'SRV', 'SSHFP', 'TXT'] as const;
export type DnsType = (typeof DNS_RECORD_TYPES)[number];

/** Power's TTL bounds (the box clamps to them; Boxfleet refuses outside them). Same numbers as the contract's. */
export const DNS_TTL_MIN = 30;
export const DNS_TTL_MAX = 2_592_000;

/** Python's repr() of a str, as the box quotes a value in its messages. */
function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(q === "'" ? /'/g : /"/g, '\\' + q);
  return q + body + q;
}

export const DNS_MESSAGES = {
  // The box's own texts (§4.4.7).
  notManaged: (qname: string) => `${qname} is not a domain name or a subdomain of a domain name managed by this box.`,
  invalidName: 'Invalid name.',
  v6ForA: "That's an IPv6 address.",
  v4ForAaaa: "That's an IPv4 address.",
  notAnAddress: (value: string) => `${pyRepr(value)} does not appear to be an IPv4 or IPv6 address`,
  nsAtApex: 'NS records can only be set for subdomains.',
  invalidValue: 'Invalid value.',
  noValue: 'No value for the record provided.',
  // Boxfleet's own: the box would publish these values as typed.
  mx: 'An MX value is "PRIORITY HOST", for example "10 mail.example.com." (priority 0 to 65535).',
  srv: 'An SRV value is "PRIORITY WEIGHT PORT TARGET", for example "10 10 5060 sip.example.com." (each number 0 to 65535).',
  sshfp:
    'An SSHFP value is "ALGORITHM TYPE FINGERPRINT", for example "4 2 <64 hex digits>": algorithm 1-4 or 6, type 1 (SHA-1, 40 hex digits) or 2 (SHA-256, 64 hex digits).',
  caa: 'A CAA value is FLAGS TAG "VALUE", for example 0 issue "letsencrypt.org" (flags 0 or 128; tag issue, issuewild or iodef).',
  txtAscii: 'Write a TXT value in ASCII: an upstream box drops every other character without saying so.',
  txtControl: 'A TXT value cannot hold line breaks or other control characters.',
  ttlRange: `A TTL is a whole number of seconds from ${DNS_TTL_MIN} to ${DNS_TTL_MAX} (30 days).`,
  ttlUpstream: 'Custom TTLs need Power Mail-in-a-Box; upstream Mail-in-a-Box always uses the zone default (one day).',
  /** The box adds the final dot itself (§4.4.7): shown as a hint, never a refusal. */
  finalDot: (stored: string) => `The box stores this as ${stored} (it adds the final dot itself).`,
} as const;

/** A value the box would accept (as the box will store it), or the refusal text and the field at fault. */
export type DnsRuleResult<T> =
  { ok: true; value: T } | { ok: false; message: string; field: 'qname' | 'value' | 'ttl' };

const refuse = <T>(field: 'qname' | 'value' | 'ttl', message: string): DnsRuleResult<T> => ({
  ok: false,
  message,
  field,
});

/** dns_update.DOMAIN_RE (v75): a permissive host name that allows `_` and a leading `*.`. */
const DOMAIN_RE = /^(?!-)(?:[*][.])?(?:[a-zA-Z\d\-_]{0,62}[a-zA-Z\d_]\.){1,126}(?!\d+)[a-zA-Z\d_]{1,63}(\.?)$/;

/** Python's ipaddress.IPv4Address: four decimal octets, no leading zeros. */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** Python's ipaddress.IPv6Address (without a scope id): eight groups, at most one `::`, an optional dotted IPv4 tail. */
export function isIpv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || text.split('::').length > 2) return false;
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0) return false;
  const tail = text.slice(lastColon + 1);
  // A dotted IPv4 tail stands for the last two groups.
  const body = tail.includes('.') ? (isIpv4(tail) ? text.slice(0, lastColon + 1) + '0:0' : null) : text;
  if (body === null) return false;
  const hex = (g: string) => /^[0-9A-Fa-f]{1,4}$/.test(g);
  if (body.includes('::')) {
    const [head = '', rest = ''] = body.split('::');
    const h = head === '' ? [] : head.split(':');
    const t = rest === '' ? [] : rest.split(':');
    return [...h, ...t].every(hex) && h.length + t.length < 8;
  }
  const all = body.split(':');
  return all.length === 8 && all.every(hex);
}

/** The zone holding `qname` (apex or `.zone` suffix), the first in the box's order, as the box picks it. */
export function zoneOf(qname: string, zones: readonly string[]): string | null {
  return zones.find((zone) => qname === zone || qname.endsWith('.' + zone)) ?? null;
}

/**
 * The name as the box must be sent it: lowercase punycode (the box neither lowercases nor converts, §4.4.7), no final
 * dot. Then the box's own checks: inside one of its zones, and (unless it starts with `_`) its name pattern.
 */
export function checkQname(input: string, zones: readonly string[]): DnsRuleResult<{ qname: string; zone: string }> {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '') return refuse('qname', DNS_MESSAGES.invalidName);
  const wildcard = trimmed.startsWith('*.');
  const ascii = domainToAscii(wildcard ? trimmed.slice(2) : trimmed);
  const qname = ascii === null ? trimmed : (wildcard ? '*.' : '') + ascii.toLowerCase();
  const zone = zoneOf(qname, zones);
  if (zone === null) return refuse('qname', DNS_MESSAGES.notManaged(qname));
  if (!qname.startsWith('_') && !DOMAIN_RE.test(qname)) return refuse('qname', DNS_MESSAGES.invalidName);
  return { ok: true, value: { qname, zone } };
}

const num16 = (text: string | undefined): boolean =>
  text !== undefined && /^\d{1,5}$/.test(text) && Number(text) <= 65535;

/** A host name as a target (MX, SRV, CNAME, NS): the box's pattern once a final dot is there. */
function hostTarget(text: string | undefined): boolean {
  if (text === undefined) return false;
  return text === '.' || DOMAIN_RE.test(text.endsWith('.') ? text : text + '.');
}

/** Where an exact IP value is needed: the box's texts, in the box's order. */
function checkAddress(rtype: 'A' | 'AAAA', value: string): DnsRuleResult<string> {
  if (value === 'local') return { ok: true, value };
  if (isIpv4(value)) return rtype === 'A' ? { ok: true, value } : refuse('value', DNS_MESSAGES.v4ForAaaa);
  if (isIpv6(value)) return rtype === 'AAAA' ? { ok: true, value } : refuse('value', DNS_MESSAGES.v6ForA);
  return refuse('value', DNS_MESSAGES.notAnAddress(value));
}

/**
 * A value pasted in zone-file form, one or more quoted strings (`"v=DKIM1; k=rsa; " "p=MIIB..."`), as the text
 * those strings hold. The box quotes and splits the value itself when it writes the zone, so quotes sent along would
 * be published as part of the text. Null when the value is not entirely quoted strings.
 */
export function unquoteTxt(value: string): string | null {
  if (!/^"(?:[^"\\]|\\.)*"(?:\s+"(?:[^"\\]|\\.)*")*$/.test(value)) return null;
  return [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1')).join('');
}

/**
 * How the box publishes a TXT value: split into character strings of at most 255 bytes (write_nsd_zone), each a
 * separate string in the answer and joined by the reader. For showing what a long value becomes; never sent.
 */
export function txtStrings(value: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += 255) parts.push(value.slice(i, i + 255));
  return parts;
}

function checkTxt(value: string): DnsRuleResult<string> {
  const text = unquoteTxt(value) ?? value;
  if (text === '') return refuse('value', DNS_MESSAGES.noValue);
  // Any C0 control (tab included) or DEL would break the one-line entry the box writes into the zone file.
  if ([...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return refuse('value', DNS_MESSAGES.txtControl);
  if ([...text].some((c) => c.charCodeAt(0) > 0x7e)) return refuse('value', DNS_MESSAGES.txtAscii);
  return { ok: true, value: text };
}

function checkCaa(value: string): DnsRuleResult<string> {
  const m = /^(\d{1,3})\s+([A-Za-z0-9]+)\s+"([^"]*)"$/.exec(value);
  if (!m || !['0', '128'].includes(m[1] ?? '') || !['issue', 'issuewild', 'iodef'].includes(m[2] ?? ''))
    return refuse('value', DNS_MESSAGES.caa);
  if (m[2] === 'iodef' && !/^(mailto:|https?:\/\/)\S+$/.test(m[3] ?? '')) return refuse('value', DNS_MESSAGES.caa);
  return { ok: true, value: `${m[1]} ${m[2]} "${m[3]}"` };
}

/** One value, checked for its type; the answer is the value as Boxfleet sends it (trimmed, TXT unquoted). */
export function checkValue(rtype: DnsType, input: string, atApex: boolean): DnsRuleResult<string> {
  const value = input.trim();
  if (value === '') return refuse('value', DNS_MESSAGES.noValue);
  const fields = value.split(/\s+/);
  switch (rtype) {
    case 'A':
    case 'AAAA':
      return checkAddress(rtype, value);
    case 'CNAME':
    case 'NS':
      if (rtype === 'NS' && atApex) return refuse('qname', DNS_MESSAGES.nsAtApex);
      return hostTarget(value) && fields.length === 1
        ? { ok: true, value }
        : refuse('value', DNS_MESSAGES.invalidValue);
    case 'MX':
      return fields.length === 2 && num16(fields[0]) && hostTarget(fields[1])
        ? { ok: true, value: fields.join(' ') }
        : refuse('value', DNS_MESSAGES.mx);
    case 'SRV':
      return fields.length === 4 && num16(fields[0]) && num16(fields[1]) && num16(fields[2]) && hostTarget(fields[3])
        ? { ok: true, value: fields.join(' ') }
        : refuse('value', DNS_MESSAGES.srv);
    case 'SSHFP': {
      const [alg, type, hex] = fields;
      const length = type === '1' ? 40 : type === '2' ? 64 : -1;
      return fields.length === 3 &&
        ['1', '2', '3', '4', '6'].includes(alg ?? '') &&
        hex !== undefined &&
        hex.length === length &&
        /^[0-9A-Fa-f]+$/.test(hex)
        ? { ok: true, value: fields.join(' ') }
        : refuse('value', DNS_MESSAGES.sshfp);
    }
    case 'CAA':
      return checkCaa(value);
    case 'TXT':
      return checkTxt(value);
  }
}

/** Power's optional TTL; on upstream any TTL is refused (the box has no such field). */
export function checkTtl(ttl: number | undefined, ttlSupported: boolean): DnsRuleResult<number | undefined> {
  if (ttl === undefined) return { ok: true, value: undefined };
  if (!ttlSupported) return refuse('ttl', DNS_MESSAGES.ttlUpstream);
  if (!Number.isInteger(ttl) || ttl < DNS_TTL_MIN || ttl > DNS_TTL_MAX) return refuse('ttl', DNS_MESSAGES.ttlRange);
  return { ok: true, value: ttl };
}

export interface RecordInput {
  qname: string;
  rtype: DnsType;
  value: string;
  ttl?: number | undefined;
}

export interface CheckedRecord {
  qname: string;
  rtype: DnsType;
  value: string;
  ttl?: number;
  zone: string;
  /** What the box will store when it differs from what is sent (a CNAME/NS target gains its final dot). */
  storedAs: string;
}

/** A whole record, in the box's order of checks: name, then value, then Boxfleet's TTL check. */
export function checkRecord(
  input: RecordInput,
  box: { zones: readonly string[]; ttlSupported: boolean },
): DnsRuleResult<CheckedRecord> {
  const name = checkQname(input.qname, box.zones);
  if (!name.ok) return name;
  const { qname, zone } = name.value;
  const value = checkValue(input.rtype, input.value, qname === zone);
  if (!value.ok) return value;
  const ttl = checkTtl(input.ttl, box.ttlSupported);
  if (!ttl.ok) return ttl;
  const storedAs =
    (input.rtype === 'CNAME' || input.rtype === 'NS') && !value.value.endsWith('.') ? value.value + '.' : value.value;
  return {
    ok: true,
    value: {
      qname,
      rtype: input.rtype,
      value: value.value,
      ...(ttl.value !== undefined ? { ttl: ttl.value } : {}),
      zone,
      storedAs,
    },
  };
}

/** A value for removing one record: as stored on the box, only trimmed (and a TXT unquoted), never refused. */
export function removalValue(rtype: DnsType, value: string): string {
  const trimmed = value.trim();
  if (rtype === 'TXT') return unquoteTxt(trimmed) ?? trimmed;
  return trimmed;
}
