import type { RecordType } from 'dns-packet';
import type { CheckArea, CheckFinding } from '../../../src-shared/contract/dns';
import type { DnsClient, Server } from './dns-client';
import { describe, lookup, ok, problem, unknown } from './findings';
import { dkimProblem, dmarcProblem, mtaStsProblem, spfProblem, tlsaProblem } from './mail-records';
import { normaliseName, normaliseServed, resolvedAnswers } from './normalise';
import type { RecordSet } from './records';

/** What the world sees for (name, type) through the resolvers, or the unknown finding when no resolver answered. */
async function served(
  client: DnsClient,
  resolvers: readonly Server[],
  area: CheckArea,
  name: string,
  rtype: RecordType,
): Promise<{ values: string[]; server: Server } | { unknown: CheckFinding }> {
  const found = await lookup(client, resolvers, name, rtype);
  if (found.reply === null) return { unknown: unknown(area, name, rtype, found.server, found.reason) };
  const values = resolvedAnswers(found.reply.answers, name, rtype)
    .map(normaliseServed)
    .filter((v): v is string => v !== null);
  return { values, server: found.server };
}

/**
 * One TXT policy record at `name` (SPF, DMARC, MTA-STS, DKIM): present, exactly one, well-formed. `pick` says which
 * of the TXT values at that name are this kind of record.
 */
async function checkPolicy(
  client: DnsClient,
  resolvers: readonly Server[],
  area: CheckArea,
  name: string,
  label: string,
  pick: (value: string) => boolean,
  check: (value: string) => string | null,
): Promise<CheckFinding> {
  const answer = await served(client, resolvers, area, name, 'TXT');
  if ('unknown' in answer) return answer.unknown;
  const records = answer.values.filter(pick);
  const where = describe(answer.server);
  const values = { expected: [], actual: records };
  if (records.length === 0)
    return problem(
      area,
      'missing',
      name,
      'TXT',
      `There is no ${label} record at ${name} (asked ${where}).`,
      answer.server,
      values,
    );
  if (records.length > 1 && area !== 'dkim')
    return problem(
      area,
      'malformed',
      name,
      'TXT',
      `There are ${records.length} ${label} records at ${name}; receivers ignore all of them when there is more than one.`,
      answer.server,
      values,
    );
  const bad = records.map(check).find((reason) => reason !== null);
  if (bad)
    return problem(
      area,
      'malformed',
      name,
      'TXT',
      `The ${label} record at ${name} is malformed: ${bad}.`,
      answer.server,
      values,
    );
  return ok(area, name, 'TXT', `The ${label} record at ${name} is present and well-formed.`, answer.server, values);
}

/** MX at the box: the most preferred exchangers of a mail domain include the box's hostname. */
async function checkMx(
  client: DnsClient,
  resolvers: readonly Server[],
  domain: string,
  hostname: string,
): Promise<CheckFinding> {
  const answer = await served(client, resolvers, 'mx', domain, 'MX');
  if ('unknown' in answer) return answer.unknown;
  const box = normaliseName(hostname);
  const parsed = answer.values.map((v) => ({ pref: Number(v.split(' ')[0]), host: v.split(' ')[1] ?? '' }));
  const best = Math.min(...parsed.map((p) => p.pref));
  const first = parsed.filter((p) => p.pref === best).map((p) => p.host);
  const values = { expected: [box], actual: answer.values };
  if (answer.values.length === 0)
    return problem(
      'mx',
      'missing',
      domain,
      'MX',
      `${domain} has no MX record (asked ${describe(answer.server)}): mail for it cannot reach the box.`,
      answer.server,
      values,
    );
  if (!first.includes(box))
    return problem(
      'mx',
      'different',
      domain,
      'MX',
      `Mail for ${domain} goes to ${first.join(', ')} first, not to the box (${box}).`,
      answer.server,
      values,
    );
  return ok('mx', domain, 'MX', `Mail for ${domain} goes to the box.`, answer.server, values);
}

async function checkTlsa(client: DnsClient, resolvers: readonly Server[], name: string): Promise<CheckFinding> {
  const answer = await served(client, resolvers, 'tlsa', name, 'TLSA');
  if ('unknown' in answer) return answer.unknown;
  const values = { expected: [], actual: answer.values };
  if (answer.values.length === 0)
    return problem(
      'tlsa',
      'missing',
      name,
      'TLSA',
      `The box publishes a TLSA record at ${name}, but ${describe(answer.server)} does not see it.`,
      answer.server,
      values,
    );
  const bad = answer.values.map(tlsaProblem).find((reason) => reason !== null);
  if (bad)
    return problem(
      'tlsa',
      'malformed',
      name,
      'TLSA',
      `The TLSA record at ${name} is malformed: ${bad}.`,
      answer.server,
      values,
    );
  return ok('tlsa', name, 'TLSA', `The TLSA record at ${name} is present and well-formed.`, answer.server, values);
}

/**
 * The mail checks of one zone, through the resolvers: for every name whose MX the box points at itself, MX, SPF,
 * DKIM (the box's `*._domainkey` records) and DMARC; MTA-STS and TLSA wherever the dump has them.
 */
export async function checkMail(
  client: DnsClient,
  resolvers: readonly Server[],
  hostname: string,
  sets: readonly RecordSet[],
): Promise<CheckFinding[]> {
  const box = normaliseName(hostname);
  const mailDomains = sets
    .filter((s) => s.rtype === 'MX' && s.intended.some((v) => v.split(' ')[1] === box))
    .map((s) => s.name);
  const work: Array<Promise<CheckFinding>> = [];
  for (const domain of mailDomains) {
    work.push(checkMx(client, resolvers, domain, hostname));
    work.push(checkPolicy(client, resolvers, 'spf', domain, 'SPF', (v) => /^v=spf1(\s|$)/i.test(v), spfProblem));
    for (const dkim of sets.filter((s) => s.rtype === 'TXT' && s.name.endsWith(`._domainkey.${domain}`)))
      work.push(
        checkPolicy(client, resolvers, 'dkim', dkim.name, 'DKIM', (v) => /(^|;)\s*(v=DKIM1|p=)/.test(v), dkimProblem),
      );
    work.push(
      checkPolicy(
        client,
        resolvers,
        'dmarc',
        `_dmarc.${domain}`,
        'DMARC',
        (v) => v.startsWith('v=DMARC1'),
        dmarcProblem,
      ),
    );
  }
  for (const sts of sets.filter((s) => s.rtype === 'TXT' && s.name.startsWith('_mta-sts.')))
    work.push(
      checkPolicy(client, resolvers, 'mta-sts', sts.name, 'MTA-STS', (v) => v.startsWith('v=STSv1'), mtaStsProblem),
    );
  for (const tlsa of sets.filter((s) => s.rtype === 'TLSA')) work.push(checkTlsa(client, resolvers, tlsa.name));
  return Promise.all(work);
}
