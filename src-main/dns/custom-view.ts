import type { CustomRecord, ZoneRecords } from '../../src-shared/contract/dns';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import { isIpv4, isIpv6 } from '../../src-shared/domain/dns-rules';
import { expandIpv6 } from './check/normalise';
import type { CustomDnsRecord, DnsDump, DnsRecordType } from '../../src-shared/domain/miab';

/** One `/dns/custom` row as the contract has it: both sort orders, a TTL only on Power, null zone when none matches. */
export function toCustomRecord(record: CustomDnsRecord, index: number): CustomRecord {
  return {
    qname: record.qname,
    rtype: record.rtype,
    value: record.value,
    ttl: record.ttl ?? null,
    zone: record.zone ?? null,
    created: record['sort-order']?.created ?? index,
    byName: record['sort-order']?.qname ?? index,
  };
}

export function toZoneRecords(dump: DnsDump): ZoneRecords[] {
  return dump.map(([zone, records]) => ({ zone, records }));
}

/** ipaddress.ip_network(strict=True): host bits must be zero. */
function isNetwork(text: string): boolean {
  const [address = '', bitsText = ''] = text.split('/');
  if (!/^\d{1,3}$/.test(bitsText)) return false;
  const bits = Number(bitsText);
  if (isIpv4(address)) {
    if (bits > 32) return false;
    const n = address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
    return (n & ((1n << BigInt(32 - bits)) - 1n)) === 0n;
  }
  if (!isIpv6(address) || bits > 128) return false;
  // An IPv4-mapped form: left to the box.
  if (address.includes('.')) return true;
  const n = expandIpv6(address)
    .split(':')
    .reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  return (n & ((1n << BigInt(128 - bits)) - 1n)) === 0n;
}

/**
 * The entries as the box will split them (commas and spaces separate, §4.4.4), with the box's own refusal for an
 * `xfr:` value that is no address or subnet. Hostnames are left to the box: it must resolve them itself.
 */
export function checkSecondaryEntries(
  entries: readonly string[],
): { ok: true; value: string[] } | { ok: false; message: string } {
  const split = entries.flatMap((e) => e.split(/[,\s]+/)).filter((e) => e !== '');
  for (const entry of split) {
    if (!entry.startsWith('xfr:')) continue;
    const v = entry.slice(4);
    if (!(v.includes('/') ? isNetwork(v) : isIpv4(v) || isIpv6(v)))
      return { ok: false, message: `'${v}' is not an IPv4 or IPv6 address or subnet.` };
  }
  return { ok: true, value: split };
}

interface CustomLookup {
  customFor(qname: string, rtype: DnsRecordType): Promise<Result<CustomDnsRecord[]>>;
}

/**
 * §9.12: an A/AAAA write sent in the wrong encoding is a silent no-op that answers `OK`. After such a write the
 * record is looked up again, so a box that did nothing is reported instead of claimed done.
 */
export async function verifyAddressWrite(
  dns: CustomLookup,
  record: { qname: string; rtype: DnsRecordType; value: string },
  present: boolean,
  report: string,
): Promise<Result<void>> {
  if (record.rtype !== 'A' && record.rtype !== 'AAAA') return ok(undefined);
  const now = await dns.customFor(record.qname, record.rtype);
  if (!now.ok) return now;
  const found = now.value.some((r) => r.value === record.value);
  if (found === present) return ok(undefined);
  const said = report.trim() === '' ? 'nothing' : `"${report.trim()}"`;
  return fail(
    'box-api-error',
    `The box answered ${said}, but ${record.qname} ${record.rtype} ${record.value} is ${present ? 'not' : 'still'} ` +
      'among its custom records.',
    { retryable: false, detail: { qname: record.qname, rtype: record.rtype, report } },
  );
}
