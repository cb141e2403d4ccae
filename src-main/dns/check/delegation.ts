import type { Answer } from 'dns-packet';
import type { CheckFinding, ZoneDelegation } from '../../../src-shared/contract/dns';
import type { DnsClient, Reply, Server } from './dns-client';
import { dsMatchesAnyKey, type Dnskey } from './dnssec';
import { describe, lookup, ok, problem, unknown } from './findings';
import { answersFor, normaliseAddress, normaliseName, normaliseServed, resolvedAnswers } from './normalise';

type Answered = Extract<Reply, { ok: true }>;

/** `a.b.example.com` → `b.example.com`, `example.com`, `com`, `.`: where the zone's parent may be cut. */
export function parentCandidates(zone: string): string[] {
  const labels = normaliseName(zone).split('.');
  const out: string[] = [];
  for (let i = 1; i < labels.length; i++) out.push(labels.slice(i).join('.'));
  out.push('.');
  return out;
}

/** At most this many of the parent's servers are tried, in order, until one answers. */
const PARENT_TRIES = 3;

export interface ParentServers {
  parent: string;
  servers: Server[];
}

/**
 * Finds the parent zone's nameservers through the resolvers: the nearest enclosing name that has an NS set, then
 * the addresses of those nameservers (glue from the same answer when given). Null with the reason when it cannot.
 */
export async function findParent(
  client: DnsClient,
  resolvers: readonly Server[],
  zone: string,
  port: number,
): Promise<{ found: ParentServers } | { found: null; reason: string; server: Server }> {
  for (const candidate of parentCandidates(zone)) {
    const found = await lookup(client, resolvers, candidate, 'NS');
    if (found.reply === null) return { found: null, reason: found.reason, server: found.server };
    const names = answersFor(found.reply.answers, candidate, 'NS').map((a) => normaliseServed(a) as string);
    if (names.length === 0) continue;
    const servers: Server[] = [];
    for (const name of names.slice(0, PARENT_TRIES)) {
      const address = await lookup(client, resolvers, name, 'A');
      const a = address.reply ? resolvedAnswers(address.reply.answers, name, 'A') : [];
      for (const answer of a) servers.push({ role: 'parent', name, address: normaliseServed(answer) as string, port });
    }
    if (servers.length === 0)
      return { found: null, reason: `no address for the nameservers of ${candidate}`, server: found.server };
    return { found: { parent: candidate, servers } };
  }
  return { found: null, reason: 'no enclosing zone found', server: resolvers[0] as Server };
}

/** Asks the parent's servers in order, not recursively, until one answers. */
async function askParent(client: DnsClient, servers: readonly Server[], name: string, type: 'NS' | 'DS') {
  let last: { reply: null; server: Server; reason: string } | undefined;
  for (const server of servers) {
    const reply = await client.ask(server, { name, type, recurse: false });
    if (reply.ok) return { reply, server };
    last = { reply: null, server, reason: reply.reason };
  }
  return last as { reply: null; server: Server; reason: string };
}

function setDiff(expected: string[], actual: string[]): 'missing' | 'extra' | 'different' | null {
  const missing = expected.some((v) => !actual.includes(v));
  const extra = actual.some((v) => !expected.includes(v));
  if (missing && extra) return 'different';
  if (missing) return 'missing';
  if (extra) return 'extra';
  return null;
}

function glueOf(reply: Answered, hosts: Set<string>): string[] {
  return reply.additionals
    .filter((a): a is Answer & { type: 'A' | 'AAAA' } => a.type === 'A' || a.type === 'AAAA')
    .filter((a) => hosts.has(normaliseName(a.name)))
    .map((a) => `${normaliseName(a.name)} ${a.type} ${normaliseServed(a) as string}`)
    .sort();
}

/** The parent's referral: its NS set against the box's nameservers, and its glue against the box's addresses. */
export async function checkDelegation(
  client: DnsClient,
  parent: ParentServers,
  zone: string,
  delegation: ZoneDelegation,
): Promise<{ findings: CheckFinding[]; server: Server | null }> {
  const asked = await askParent(client, parent.servers, zone, 'NS');
  if (asked.reply === null)
    return { findings: [unknown('delegation', zone, 'NS', asked.server, asked.reason)], server: null };
  const { reply, server } = asked;
  const referral = [...answersFor(reply.answers, zone, 'NS'), ...answersFor(reply.authorities, zone, 'NS')];
  const actual = [...new Set(referral.map((a) => normaliseServed(a) as string))].sort();
  const expected = [...new Set(delegation.nameservers.map(normaliseName))].sort();
  const findings: CheckFinding[] = [];
  const kind = setDiff(expected, actual);
  const where = describe(server);
  if (kind === null)
    findings.push(
      ok(
        'delegation',
        zone,
        'NS',
        `The parent zone ${parent.parent} delegates ${zone} to the box's nameservers.`,
        server,
        { expected, actual },
      ),
    );
  else
    findings.push(
      problem(
        'delegation',
        kind,
        zone,
        'NS',
        actual.length === 0
          ? `${where} does not delegate ${zone}: set the nameservers ${expected.join(', ')} at the registrar.`
          : `${where} delegates ${zone} to ${actual.join(', ')}; the registrar should have ${expected.join(', ')}.`,
        server,
        { expected, actual },
      ),
    );
  if (delegation.glue.length > 0) {
    const hosts = new Set(delegation.glue.map((g) => normaliseName(g.host)));
    const wanted = delegation.glue
      .flatMap((g) => [
        ...(g.ipv4 ? [`${normaliseName(g.host)} A ${normaliseAddress(g.ipv4)}`] : []),
        ...(g.ipv6 ? [`${normaliseName(g.host)} AAAA ${normaliseAddress(g.ipv6)}`] : []),
      ])
      .sort();
    const glue = glueOf(reply, hosts);
    const glueKind = setDiff(wanted, glue);
    if (glueKind === null)
      findings.push(
        ok('delegation', zone, 'A', `The glue for the box's nameservers at ${parent.parent} is right.`, server, {
          expected: wanted,
          actual: glue,
        }),
      );
    else
      findings.push(
        problem(
          'delegation',
          glueKind,
          zone,
          'A',
          `The glue at ${where} for the box's nameservers is not the box's address: set ${wanted.join(', ')} at the registrar.`,
          server,
          { expected: wanted, actual: glue },
        ),
      );
  }
  return { findings, server };
}

/**
 * The parent's DS set against the keys the box serves (digests computed from its DNSKEY) and the box's own DS
 * records: a problem when no DS at the parent matches either, or when the box has DS records and the parent none.
 */
export async function checkDs(
  client: DnsClient,
  parent: ParentServers,
  boxServer: Server,
  zone: string,
  delegation: ZoneDelegation,
): Promise<CheckFinding[]> {
  const asked = await askParent(client, parent.servers, zone, 'DS');
  if (asked.reply === null) return [unknown('dnssec', zone, 'DS', asked.server, asked.reason)];
  const { reply, server } = asked;
  const parentDs = answersFor(reply.answers, zone, 'DS').map((a) => normaliseServed(a) as string);
  const boxDs = delegation.ds.map((d) => `${d.keyTag} ${d.algorithm} ${d.digestType} ${d.digest.toLowerCase()}`);
  const keysReply = await client.ask(boxServer, { name: zone, type: 'DNSKEY', recurse: false });
  const keys: Dnskey[] | null = keysReply.ok
    ? answersFor(keysReply.answers, zone, 'DNSKEY').flatMap((a) => (a.type === 'DNSKEY' ? [a.data] : []))
    : null;
  const where = describe(server);
  const values = { expected: boxDs, actual: parentDs };
  if (parentDs.length === 0) {
    if (boxDs.length === 0)
      return [
        ok('dnssec', zone, 'DS', `${zone} is not signed by the box, and the parent holds no DS.`, server, values),
      ];
    return [
      problem(
        'dnssec',
        'missing',
        zone,
        'DS',
        `${where} holds no DS for ${zone}: give the registrar the box's DS record (${boxDs[0] ?? ''}) to turn DNSSEC on.`,
        server,
        values,
      ),
    ];
  }
  const matching = parentDs.filter((ds) => boxDs.includes(ds) || (keys !== null && dsMatchesAnyKey(zone, ds, keys)));
  const findings: CheckFinding[] = [];
  if (matching.length === 0)
    findings.push(
      problem(
        'dnssec',
        'mismatch',
        zone,
        'DS',
        `No DS at ${where} matches the box's key${keys === null ? '' : ` (served by ${describe(boxServer)})`}: resolvers that check DNSSEC will refuse ${zone}. Replace it at the registrar with the box's DS record.`,
        server,
        values,
      ),
    );
  else findings.push(ok('dnssec', zone, 'DS', `The DS at ${where} matches the box's key.`, server, values));
  if (keys !== null && boxDs.length > 0 && !boxDs.some((ds) => dsMatchesAnyKey(zone, ds, keys)))
    findings.push(
      problem(
        'dnssec',
        'mismatch',
        zone,
        'DNSKEY',
        `${describe(boxServer)} serves a DNSKEY that matches none of the box's own DS records: the served zone is not the one the box signed.`,
        boxServer,
        { expected: boxDs, actual: keys.map((k) => `${k.flags} 3 ${k.algorithm} ${k.key.toString('base64')}`) },
      ),
    );
  return findings;
}
