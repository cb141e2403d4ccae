import { isIP } from 'node:net';
import type { CheckFinding, ZoneCheck, ZoneRecords } from '../../../src-shared/contract/dns';
import type { OutsideFacts } from '../outside-facts';
import type { DnsClient, Server } from './dns-client';
import { checkDelegation, checkDs, findParent } from './delegation';
import { lookup, unknown } from './findings';
import { checkMail } from './mail';
import { normaliseName, normaliseServed, resolvedAnswers } from './normalise';
import { checkRecordsOn, recordSets } from './records';
import { checkReverse } from './reverse';

export interface CheckEnv {
  client: DnsClient;
  /** Never empty. */
  resolvers: Server[];
  /** Where nameservers listen (53 outside test beds). */
  port: number;
}

/** The servers that should answer authoritatively for the box's zones, and why any could not be found. */
export interface Authoritative {
  servers: Server[];
  findings: CheckFinding[];
}

/**
 * The box's own nameservers (ns1/ns2.<hostname> both answer at the box's addresses, so each address is asked once)
 * and the secondary nameservers, whose addresses come from the resolvers.
 */
export async function authoritativeServers(env: CheckEnv, facts: OutsideFacts): Promise<Authoritative> {
  const name = `ns1.${normaliseName(facts.hostname)}`;
  const servers: Server[] = [];
  // An address the box does not have (empty, or not an address at all) is not asked: there is no one there.
  if (isIP(facts.ipv4) === 4) servers.push({ role: 'box', name, address: facts.ipv4, port: env.port });
  if (facts.ipv6 && isIP(facts.ipv6) === 6) servers.push({ role: 'box', name, address: facts.ipv6, port: env.port });
  const findings: CheckFinding[] = [];
  const secondaries = await Promise.all(
    facts.secondaryNameservers.map(async (host) => {
      const found = await lookup(env.client, env.resolvers, host, 'A');
      if (found.reply === null)
        return { host, servers: [], unknown: unknown('records', host, 'A', found.server, found.reason) };
      const addresses = resolvedAnswers(found.reply.answers, host, 'A').map((a) => normaliseServed(a) as string);
      return {
        host,
        servers: addresses.map((address): Server => ({
          role: 'secondary',
          name: normaliseName(host),
          address,
          port: env.port,
        })),
        unknown:
          addresses.length === 0
            ? unknown('records', host, 'A', found.server, `the secondary nameserver ${host} has no address`)
            : null,
      };
    }),
  );
  for (const s of secondaries) {
    servers.push(...s.servers);
    if (s.unknown) findings.push(s.unknown);
  }
  return { servers, findings };
}

/** The zone holding the box's own name: its reverse DNS is reported there (the longest matching zone). */
export function hostZone(facts: OutsideFacts): string | null {
  const host = normaliseName(facts.hostname);
  const matching = facts.zones
    .map((z) => normaliseName(z.zone))
    .filter((zone) => host === zone || host.endsWith(`.${zone}`))
    .sort((a, b) => b.length - a.length);
  return matching[0] ?? (facts.zones[0] ? normaliseName(facts.zones[0].zone) : null);
}

/** Every check of one zone, its questions asked at once. */
export async function checkZone(
  env: CheckEnv,
  facts: OutsideFacts,
  zone: ZoneRecords,
  authoritative: Authoritative,
): Promise<ZoneCheck> {
  const name = normaliseName(zone.zone);
  const sets = recordSets(zone.records);
  const delegation = facts.delegation.find((d) => normaliseName(d.zone) === name);
  const work: Array<Promise<CheckFinding[]>> = [
    ...[...authoritative.servers, ...env.resolvers].map((server) => checkRecordsOn(env.client, server, name, sets)),
    checkMail(env.client, env.resolvers, facts.hostname, sets),
  ];
  const boxServer = authoritative.servers[0];
  if (delegation && boxServer)
    work.push(
      findParent(env.client, env.resolvers, name, env.port).then(async (parent) => {
        if (parent.found === null)
          return [
            unknown(
              'delegation',
              name,
              'NS',
              parent.server,
              `the parent zone's nameservers could not be found (${parent.reason})`,
            ),
          ];
        const [delegated, ds] = await Promise.all([
          checkDelegation(env.client, parent.found, name, delegation),
          checkDs(env.client, parent.found, boxServer, name, delegation),
        ]);
        return [...delegated.findings, ...ds];
      }),
    );
  if (hostZone(facts) === name) {
    if (isIP(facts.ipv4) === 4) work.push(checkReverse(env.client, env.resolvers, facts.hostname, facts.ipv4));
    if (facts.ipv6 && isIP(facts.ipv6) === 6)
      work.push(checkReverse(env.client, env.resolvers, facts.hostname, facts.ipv6));
    work.push(Promise.resolve(authoritative.findings));
  }
  const findings = (await Promise.all(work)).flat();
  return {
    zone: name,
    findings,
    problems: findings.filter((f) => f.status === 'problem').length,
    unknown: findings.filter((f) => f.status === 'unknown').length,
  };
}
