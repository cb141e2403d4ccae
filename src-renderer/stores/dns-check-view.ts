import type { AskedFrom, BoxCheck, CheckArea, CheckFinding, CheckReport } from '../../src-shared/contract/dns';
import { isIpv4, isIpv6 } from '../../src-shared/domain/dns-rules';
import { splitEntries } from './dns-view';

const STATUS_RANK: Readonly<Record<CheckFinding['status'], number>> = { problem: 0, unknown: 1, ok: 2 };

/** Problems first, then what got no answer, then what is right; the engine's order kept within each. */
export function orderFindings(findings: readonly CheckFinding[]): CheckFinding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => STATUS_RANK[a.finding.status] - STATUS_RANK[b.finding.status] || a.index - b.index)
    .map(({ finding }) => finding);
}

export const AREA_LABEL: Readonly<Record<CheckArea, string>> = {
  records: 'Records',
  delegation: 'Delegation',
  dnssec: 'DNSSEC',
  reverse: 'Reverse DNS',
  mx: 'MX',
  spf: 'SPF',
  dkim: 'DKIM',
  dmarc: 'DMARC',
  'mta-sts': 'MTA-STS',
  tlsa: 'TLSA',
};

export const STATUS_LABEL: Readonly<Record<CheckFinding['status'], string>> = {
  problem: 'Problem',
  unknown: 'No answer',
  ok: 'OK',
};

const ROLE_LABEL: Readonly<Record<AskedFrom['role'], string>> = {
  box: 'the box’s nameserver',
  secondary: 'a secondary nameserver',
  resolver: 'resolver',
  parent: 'the parent zone’s nameserver',
};

/** Where an answer came from, in words: "asked the box’s nameserver ns1.box.example.com (203.0.113.10)". */
export function askedFromText(from: AskedFrom): string {
  // A resolver is named by what was typed (`127.0.0.1:5353`): that says nothing the address and port do not.
  const bare = [from.address, `${from.address}:${from.port}`, `[${from.address}]:${from.port}`].includes(from.name);
  const where = bare ? from.address : `${from.name} (${from.address})`;
  const port = from.port === 53 ? '' : `, port ${from.port}`;
  return `asked ${ROLE_LABEL[from.role]} ${where}${port}`;
}

export interface CheckCounts {
  readonly problems: number;
  readonly unknown: number;
  readonly ok: number;
}

export function countFindings(box: BoxCheck): CheckCounts {
  const findings = box.zones.flatMap((zone) => zone.findings);
  return {
    problems: findings.filter((f) => f.status === 'problem').length,
    unknown: findings.filter((f) => f.status === 'unknown').length,
    ok: findings.filter((f) => f.status === 'ok').length,
  };
}

/** One line for a box's result: what is wrong, what got no answer, or that all is right. */
export function summaryText(box: BoxCheck): string {
  if (box.error) return 'Could not ask the box what it intends, so nothing was checked.';
  const counts = countFindings(box);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (counts.problems === 0 && counts.unknown === 0) return `All ${counts.ok} checks are right.`;
  const parts = [plural(counts.problems, 'problem')];
  if (counts.unknown > 0) parts.push(`${counts.unknown} without an answer`);
  return `${parts.join(', ')}, ${counts.ok} right.`;
}

/** Zones with problems first, then those with unanswered questions, then the rest, each in the box's order. */
export function orderZones(box: BoxCheck): BoxCheck['zones'] {
  const rank = (zone: BoxCheck['zones'][number]) => (zone.problems > 0 ? 0 : zone.unknown > 0 ? 1 : 2);
  return box.zones
    .map((zone, index) => ({ zone, index }))
    .sort((a, b) => rank(a.zone) - rank(b.zone) || a.index - b.index)
    .map(({ zone }) => zone);
}

/** The part of a report about one box, or null when the report did not cover it. */
export function boxResult(report: CheckReport | null, boxId: string): BoxCheck | null {
  return report?.boxes.find((box) => box.boxId === boxId) ?? null;
}

/** A resolver as typed: `1.1.1.1`, `1.1.1.1:5353`, `2606:4700::1111` or `[2606:4700::1111]:53`. */
function isResolver(text: string): boolean {
  const port = (p: string) => /^\d{1,5}$/.test(p) && Number(p) >= 1 && Number(p) <= 65535;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return isIpv6(bracketed[1] ?? '') && (bracketed[2] === undefined || port(bracketed[2]));
  if (isIpv6(text)) return true;
  const [address = '', p, extra] = text.split(':');
  return extra === undefined && isIpv4(address) && (p === undefined || port(p));
}

/** The resolvers field's lines (or comma-separated list), and the first one that is not an address, if any. */
export function parseResolvers(text: string): { resolvers: string[]; bad: string | null } {
  const resolvers = splitEntries(text);
  return { resolvers, bad: resolvers.find((entry) => !isResolver(entry)) ?? null };
}
