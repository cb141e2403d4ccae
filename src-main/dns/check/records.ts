import type { RecordType } from 'dns-packet';
import type { CheckFinding, IntendedRecord } from '../../../src-shared/contract/dns';
import type { DnsClient, Reply, Server } from './dns-client';
import { describe, ok, problem, unknown } from './findings';
import { answersFor, COMPARABLE_TYPES, normaliseIntended, normaliseName, normaliseServed } from './normalise';

/** One (qname, type) of the dump with the values the box intends, in comparable form. */
export interface RecordSet {
  name: string;
  rtype: string;
  intended: string[];
}

/**
 * Groups the dump's records by (qname, type), keeping the dump's order. Types this check cannot compare are left
 * out rather than reported missing.
 */
export function recordSets(records: readonly IntendedRecord[]): RecordSet[] {
  const sets = new Map<string, RecordSet>();
  for (const record of records) {
    const name = normaliseName(record.qname);
    const rtype = record.rtype.toUpperCase();
    if (!COMPARABLE_TYPES.has(rtype)) continue;
    const key = `${name} ${rtype}`;
    const set = sets.get(key) ?? { name, rtype, intended: [] };
    const value = normaliseIntended(rtype, record.value);
    if (!set.intended.includes(value)) set.intended.push(value);
    sets.set(key, set);
  }
  return [...sets.values()];
}

/** The values served for a set: answers of that name and type, plus a referral's NS for a delegated subdomain. */
export function servedValues(reply: Extract<Reply, { ok: true }>, name: string, rtype: string): string[] {
  const records = answersFor(reply.answers, name, rtype);
  if (rtype === 'NS' && records.length === 0) records.push(...answersFor(reply.authorities, name, rtype));
  return [...new Set(records.map(normaliseServed).filter((v): v is string => v !== null))];
}

/** Missing, extra, or different (both at once) values of one set, or null when served is as intended. */
export function compareSet(set: RecordSet, served: readonly string[], server: Server): CheckFinding | null {
  const missing = set.intended.filter((value) => !served.includes(value));
  const extra = served.filter((value) => !set.intended.includes(value));
  if (missing.length === 0 && extra.length === 0) return null;
  const values = { expected: set.intended, actual: [...served] };
  const where = describe(server);
  const label = `${set.name} ${set.rtype}`;
  if (missing.length > 0 && extra.length > 0)
    return problem(
      'records',
      'different',
      set.name,
      set.rtype,
      `${where} serves a different ${label} than the box intends: ${extra.join(', ')} instead of ${missing.join(', ')}.`,
      server,
      values,
    );
  if (missing.length > 0)
    return problem(
      'records',
      'missing',
      set.name,
      set.rtype,
      served.length === 0
        ? `${where} does not serve ${label} (${missing.join(', ')}), which the box intends.`
        : `${where} lacks ${missing.join(', ')} of ${label}, which the box intends.`,
      server,
      values,
    );
  return problem(
    'records',
    'extra',
    set.name,
    set.rtype,
    `${where} serves ${extra.join(', ')} for ${label}, which the box does not intend.`,
    server,
    values,
  );
}

/** Whether an authoritative server's reply is an answer from the zone (or a referral below it), not a lame one. */
function isAuthoritative(reply: Extract<Reply, { ok: true }>, name: string): boolean {
  if (reply.authoritative) return true;
  return reply.answers.length === 0 && reply.authorities.some((r) => r.type === 'NS' && normaliseName(r.name) === name);
}

/**
 * Asks one server every set of the zone and compares. Problems are one finding each; unanswered questions fold into
 * one unknown finding for the server, and a server that serves everything as intended gets one ok finding.
 */
export async function checkRecordsOn(
  client: DnsClient,
  server: Server,
  zone: string,
  sets: readonly RecordSet[],
): Promise<CheckFinding[]> {
  const recurse = server.role === 'resolver';
  const replies = await Promise.all(
    sets.map((set) => client.ask(server, { name: set.name, type: set.rtype as RecordType, recurse })),
  );
  const findings: CheckFinding[] = [];
  const unanswered: string[] = [];
  let reason = '';
  replies.forEach((reply, index) => {
    const set = sets[index] as RecordSet;
    if (!reply.ok) {
      unanswered.push(`${set.name} ${set.rtype}`);
      reason = reply.reason;
      return;
    }
    if (!recurse && !isAuthoritative(reply, set.name)) {
      unanswered.push(`${set.name} ${set.rtype}`);
      reason = 'the server does not answer authoritatively for the zone';
      return;
    }
    const finding = compareSet(set, servedValues(reply, set.name, set.rtype), server);
    if (finding) findings.push(finding);
  });
  if (unanswered.length > 0) {
    // A few are named; a server that answered nothing is one sentence, not a list of every record set.
    const which = unanswered.length <= 5 ? ` (${unanswered.join(', ')})` : '';
    findings.push({
      ...unknown('records', zone, '*', server, reason),
      title: `${describe(server)} did not answer ${unanswered.length} of ${sets.length} questions${which}: ${reason}. Unknown, not a failure; try again later.`,
    });
  }
  if (findings.length === 0)
    findings.push(
      ok('records', zone, '*', `${describe(server)} serves all ${sets.length} record sets as the box intends.`, server),
    );
  return findings;
}
