import type {
  CustomRecord,
  CustomRecordType,
  DnsCapabilities,
  DsRecord,
  IntendedRecord,
  ZoneRecords,
} from '../../src-shared/contract/dns';
import {
  checkRecord,
  DNS_MESSAGES,
  DNS_TTL_MAX,
  DNS_TTL_MIN,
  isIpv4,
  isIpv6,
  txtStrings,
} from '../../src-shared/domain/dns-rules';

/** The box's two orders for its custom records (§4.4.5 `sort-order`): by domain name, or as they were created. */
export type RecordOrder = 'byName' | 'created';

/** The custom record form as typed: every field a string, so nothing typed is lost or reformatted. */
export interface RecordDraft {
  readonly qname: string;
  readonly rtype: CustomRecordType;
  readonly value: string;
  /** Seconds, or empty for the zone default; only offered where the box keeps TTLs (Power). */
  readonly ttl: string;
}

export type RecordField = 'qname' | 'value' | 'ttl';

/** A checked draft as the store sends it. */
export interface RecordRequest {
  readonly qname: string;
  readonly rtype: CustomRecordType;
  readonly value: string;
  readonly ttl?: number;
}

export const EMPTY_RECORD_DRAFT: RecordDraft = { qname: '', rtype: 'A', value: '', ttl: '' };

/** What each type's value looks like, in the words of the box's Custom DNS page, and an example to type after. */
export const TYPE_HINTS: Readonly<Record<CustomRecordType, { readonly hint: string; readonly example: string }>> = {
  A: {
    hint: 'An IPv4 address, or local for this box’s own address. A record with another address makes the box stop serving the website for this name.',
    example: '203.0.113.5',
  },
  AAAA: { hint: 'An IPv6 address, or local for this box’s own address.', example: '2001:db8::5' },
  CAA: {
    hint: 'Which certificate authorities may issue certificates for this name: flags, tag (issue, issuewild or iodef) and a quoted value.',
    example: '0 issue "letsencrypt.org"',
  },
  CNAME: {
    hint: 'Another host name this name is an alias of. The box adds the final dot if you leave it out; the name then no longer has other records or a website here.',
    example: 'www.example.net.',
  },
  MX: { hint: 'A priority and the host that takes mail for this name.', example: '10 mail.example.com.' },
  NS: {
    hint: 'A nameserver to delegate this subdomain to (not allowed on the zone itself).',
    example: 'ns1.example.net.',
  },
  SRV: { hint: 'Priority, weight, port and target host of a service.', example: '10 10 5060 sip.example.com.' },
  SSHFP: {
    hint: 'An SSH host key fingerprint: algorithm, fingerprint type and the hex digest (ssh-keygen -r prints these).',
    example: '4 2 9d5f0f1ab4e7f5a3bf16e6f1a7c2a5d7b5b3a3f6c7f0f8e1a2b3c4d5e6f7a8b9',
  },
  TXT: {
    hint: 'Any text, in ASCII. Text longer than 255 bytes is published as several strings of up to 255, as the box’s own page advises; resolvers join them.',
    example: 'v=spf1 mx -all',
  },
};

/**
 * The form's check, in one place: the shared rules (the box's own texts where the box would refuse) decide, so the
 * message shown before sending is the one the box would send back. TTLs count only where the box keeps them.
 */
export function checkRecordDraft(
  draft: RecordDraft,
  capabilities: Pick<DnsCapabilities, 'zones' | 'ttl'>,
): { ok: true; request: RecordRequest; storedAs: string } | { ok: false; field: RecordField; message: string } {
  const ttlText = capabilities.ttl ? draft.ttl.trim() : '';
  if (ttlText !== '' && !/^\d+$/.test(ttlText)) return { ok: false, field: 'ttl', message: DNS_MESSAGES.ttlRange };
  const checked = checkRecord(
    { qname: draft.qname, rtype: draft.rtype, value: draft.value, ttl: ttlText === '' ? undefined : Number(ttlText) },
    { zones: capabilities.zones, ttlSupported: capabilities.ttl },
  );
  if (!checked.ok) return { ok: false, field: checked.field, message: checked.message };
  const { qname, rtype, value, ttl, storedAs } = checked.value;
  return { ok: true, request: { qname, rtype, value, ...(ttl === undefined ? {} : { ttl }) }, storedAs };
}

/** A listed record as the form's starting point (to replace its value, or add another beside it). */
export function draftFromRecord(record: CustomRecord): RecordDraft {
  const rtype = TYPE_ORDER.includes(record.rtype as CustomRecordType) ? (record.rtype as CustomRecordType) : 'TXT';
  return { qname: record.qname, rtype, value: record.value, ttl: record.ttl === null ? '' : String(record.ttl) };
}

export const TYPE_ORDER: readonly CustomRecordType[] = ['A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NS', 'SRV', 'SSHFP', 'TXT'];

export const TTL_HINT = `Seconds, from ${DNS_TTL_MIN} to ${DNS_TTL_MAX} (30 days). Leave empty for the zone’s default of one day.`;

/** The records in the box's chosen order; the box numbers both orders itself, so nothing is re-sorted by guesswork. */
export function sortRecords(records: readonly CustomRecord[], order: RecordOrder): CustomRecord[] {
  return [...records].sort((a, b) => (order === 'byName' ? a.byName - b.byName : a.created - b.created));
}

/** How many values (qname, rtype) holds: "delete all" is offered when there is more than one. */
export function valuesOf(records: readonly CustomRecord[], qname: string, rtype: string): number {
  return records.filter((record) => record.qname === qname && record.rtype === rtype).length;
}

/** A record's stable key in a list (the triple is unique on the box). */
export const recordKey = (record: { qname: string; rtype: string; value: string }) =>
  `${record.qname}\n${record.rtype}\n${record.value}`;

/** A character string in zone-file syntax: quoted, with `"` and `\` escaped. */
function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A TXT value as the box publishes it: split into strings of at most 255 bytes, each quoted. */
export function txtAsZoneText(value: string): string {
  return txtStrings(value).map(quoted).join(' ');
}

/** One record in BIND zone-file syntax, with its absolute name (`name.	IN	TXT	"…"`). */
export function recordAsBind(record: Pick<IntendedRecord, 'qname' | 'rtype' | 'value'>): string {
  const value = record.rtype === 'TXT' ? txtAsZoneText(record.value) : record.value;
  return `${record.qname}.\tIN\t${record.rtype}\t${value}`;
}

/** A zone's intended records in BIND syntax, to paste into another DNS provider's import. */
export function zoneAsBind(zone: ZoneRecords): string {
  return [`; ${zone.zone}: the records the box wants the world to see`, ...zone.records.map(recordAsBind)].join('\n');
}

/** The DS records a registrar may be given, best first; the ones the box says not to offer are left out. */
export function offeredDs(ds: readonly DsRecord[]): DsRecord[] {
  return ds
    .filter((record): record is DsRecord & { rank: number } => record.rank !== null)
    .sort((a, b) => a.rank - b.rank);
}

/** Secondary nameserver entries as typed (one per line, or separated by commas or spaces), as the box splits them. */
export function splitEntries(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** The first line of the box's change report, for a short status ("updated DNS: example.com"). */
export function reportHeadline(report: string): string {
  const line = report.split('\n').find((l) => l.trim() !== '');
  return line === undefined || line.trim() === 'OK' ? 'nothing needed to change.' : line.trim();
}

/** An `xfr:` entry's address or subnet, as the box's check takes it (IPv4 or IPv6, with an optional prefix length). */
function isAddressOrSubnet(text: string): boolean {
  const [address = '', prefix, extra] = text.split('/');
  if (extra !== undefined) return false;
  const v4 = isIpv4(address);
  if (!v4 && !isIpv6(address)) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (v4 ? 32 : 128));
}

/**
 * Secondary nameserver entries checked before the box is asked: an `xfr:` entry must hold an address or subnet (the
 * box's own text when it does not), a hostname must look like one. Whether a hostname resolves only the box can say.
 */
export function checkSecondaryEntries(entries: readonly string[]): string | null {
  for (const entry of entries) {
    if (entry.toLowerCase().startsWith('xfr:')) {
      const target = entry.slice(4);
      if (!isAddressOrSubnet(target)) return `'${target}' is not an IPv4 or IPv6 address or subnet.`;
    } else if (!/^(?=.{1,253}\.?$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9-]{2,63}\.?$/i.test(entry)) {
      return `${entry} is not a host name. Write a nameserver’s host name, or xfr: and an address or subnet.`;
    }
  }
  return null;
}
