import { isIPv4, isIPv6 } from 'node:net';
import type { Answer } from 'dns-packet';

/** A name as compared: lower case, no trailing dot (`Box.Example.com.` = `box.example.com`). */
export function normaliseName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  return trimmed === '.' ? '.' : trimmed.replace(/\.$/, '');
}

/** The full, lower-case form of an IPv6 address (`::1` → `0000:…:0001`), so two spellings compare equal. */
export function expandIpv6(address: string): string {
  let text = address.toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4 && isIPv4(v4[1] as string)) {
    const [a, b, c, d] = (v4[1] as string).split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -(v4[1] as string).length) + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16);
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((group) => group.padStart(4, '0')).join(':');
}

/** An address as compared: IPv6 expanded, IPv4 as is. */
export function normaliseAddress(address: string): string {
  const bare = address.trim().replace(/^\[|\]$/g, '');
  return isIPv6(bare) ? expandIpv6(bare) : bare;
}

/** The reverse-lookup name of an address (`1.2.3.4` → `4.3.2.1.in-addr.arpa`, IPv6 nibbles under ip6.arpa). */
export function reverseName(address: string): string {
  if (isIPv4(address)) return address.split('.').reverse().join('.') + '.in-addr.arpa';
  return expandIpv6(address).replace(/:/g, '').split('').reverse().join('.') + '.ip6.arpa';
}

/** Joins a TXT record's strings, as the box writes one value that may have been split into 255-byte strings. */
export function txtText(data: unknown): string {
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((part) => (Buffer.isBuffer(part) ? part.toString('utf8') : String(part))).join('');
}

const spaces = (value: string): string => value.trim().replace(/\s+/g, ' ');

/** Strips one pair of surrounding double quotes and the escapes inside (zone-file spelling of a string). */
function unquote(value: string): string {
  const m = /^"(.*)"$/s.exec(value.trim());
  return m ? (m[1] as string).replace(/\\(.)/g, '$1') : value.trim();
}

/**
 * A value as the box writes it in `/dns/dump` (the zone file's presentation form), in the comparable form of its
 * type: names lower case without the final dot, numbers without padding, hex lower case, TXT as one string.
 */
export function normaliseIntended(rtype: string, value: string): string {
  // Long hex fields may be written in parentheses across lines (`1 2 ( ABCD… )`, as the box writes SSHFP).
  const hex = ['SSHFP', 'TLSA', 'DS'].includes(rtype.toUpperCase());
  const fields = spaces(hex ? value.replace(/[()]/g, ' ') : value).split(' ');
  switch (rtype.toUpperCase()) {
    case 'A':
    case 'AAAA':
      return normaliseAddress(value);
    case 'CNAME':
    case 'NS':
    case 'PTR':
    case 'DNAME':
      return normaliseName(value);
    case 'MX':
      return `${Number(fields[0])} ${normaliseName(fields[1] ?? '')}`;
    case 'SRV':
      return `${Number(fields[0])} ${Number(fields[1])} ${Number(fields[2])} ${normaliseName(fields[3] ?? '')}`;
    case 'TXT':
      // The dump carries the raw value, before the zone file quotes it and splits it into 255-byte strings.
      return value;
    case 'CAA':
      return `${Number(fields[0])} ${(fields[1] ?? '').toLowerCase()} ${unquote(fields.slice(2).join(' '))}`;
    case 'SSHFP':
      return `${Number(fields[0])} ${Number(fields[1])} ${fields.slice(2).join('').toLowerCase()}`;
    case 'TLSA':
      return `${Number(fields[0])} ${Number(fields[1])} ${Number(fields[2])} ${fields.slice(3).join('').toLowerCase()}`;
    case 'DS':
      return `${Number(fields[0])} ${Number(fields[1])} ${Number(fields[2])} ${fields.slice(3).join('').toLowerCase()}`;
    default:
      return spaces(value);
  }
}

/** The types whose served values normaliseServed can put in comparable form; other sets are not compared. */
export const COMPARABLE_TYPES: ReadonlySet<string> = new Set([
  'A',
  'AAAA',
  'CNAME',
  'NS',
  'PTR',
  'DNAME',
  'MX',
  'SRV',
  'TXT',
  'CAA',
  'SSHFP',
  'TLSA',
  'DS',
]);

/** An answer's data in the same comparable form as normaliseIntended; null for types it does not compare. */
export function normaliseServed(answer: Answer): string | null {
  switch (answer.type) {
    case 'A':
    case 'AAAA':
      return normaliseAddress(answer.data);
    case 'CNAME':
    case 'NS':
    case 'PTR':
    case 'DNAME':
      return normaliseName(answer.data);
    case 'MX':
      return `${answer.data.preference ?? 0} ${normaliseName(answer.data.exchange)}`;
    case 'SRV':
      return `${answer.data.priority ?? 0} ${answer.data.weight ?? 0} ${answer.data.port} ${normaliseName(answer.data.target)}`;
    case 'TXT':
      return txtText(answer.data);
    case 'CAA':
      return `${answer.data.flags ?? 0} ${answer.data.tag.toLowerCase()} ${answer.data.value}`;
    case 'SSHFP':
      return `${answer.data.algorithm} ${answer.data.hash} ${answer.data.fingerprint.toLowerCase()}`;
    case 'TLSA':
      return `${answer.data.usage} ${answer.data.selector} ${answer.data.matchingType} ${answer.data.certificate.toString('hex')}`;
    case 'DS':
      return `${answer.data.keyTag} ${answer.data.algorithm} ${answer.data.digestType} ${answer.data.digest.toString('hex')}`;
    default:
      return null;
  }
}

/** The answers for exactly this name and type (a CNAME chain or other sections' records are left out). */
export function answersFor(answers: Answer[], name: string, rtype: string): Answer[] {
  const wanted = normaliseName(name);
  return answers.filter((answer) => answer.type === rtype && normaliseName(answer.name) === wanted);
}

/**
 * The answers for (name, type) after following the CNAMEs in the same answer, as a resolver hands them out: a PTR
 * under RFC 2317 classless delegation, or a DKIM or DMARC record kept at a provider, sits at the end of a chain.
 */
export function resolvedAnswers(answers: Answer[], name: string, rtype: string): Answer[] {
  let current = normaliseName(name);
  for (let hop = 0; hop < 8; hop++) {
    const found = answersFor(answers, current, rtype);
    if (found.length > 0) return found;
    const alias = answersFor(answers, current, 'CNAME')[0];
    if (alias?.type !== 'CNAME') return [];
    current = normaliseName(alias.data);
  }
  return [];
}
