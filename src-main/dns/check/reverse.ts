import type { CheckFinding } from '../../../src-shared/contract/dns';
import type { DnsClient, Server } from './dns-client';
import { describe, lookup, ok, problem, unknown } from './findings';
import { normaliseAddress, normaliseName, normaliseServed, resolvedAnswers, reverseName } from './normalise';

/**
 * PTR of one of the box's addresses (it should name the box), then forward confirmation: the name the PTR gives
 * resolves back to the same address. Mail servers that receive from the box check both.
 */
export async function checkReverse(
  client: DnsClient,
  resolvers: readonly Server[],
  hostname: string,
  address: string,
): Promise<CheckFinding[]> {
  const family = address.includes(':') ? 'AAAA' : 'A';
  const ptrName = reverseName(address);
  const box = normaliseName(hostname);
  const found = await lookup(client, resolvers, ptrName, 'PTR');
  if (found.reply === null) return [unknown('reverse', ptrName, 'PTR', found.server, found.reason)];
  const names = resolvedAnswers(found.reply.answers, ptrName, 'PTR').map((a) => normaliseServed(a) as string);
  const values = { expected: [box], actual: names };
  const where = describe(found.server);
  if (names.length === 0)
    return [
      problem(
        'reverse',
        'missing',
        ptrName,
        'PTR',
        `${address} has no reverse DNS (PTR) at ${where}: ask whoever gives you the address (the hosting provider) to set it to ${box}.`,
        found.server,
        values,
      ),
    ];
  if (!names.includes(box))
    return [
      problem(
        'reverse',
        'different',
        ptrName,
        'PTR',
        `The reverse DNS (PTR) of ${address} is ${names.join(', ')}, not ${box}: ask the hosting provider to set it to ${box}.`,
        found.server,
        values,
      ),
    ];
  const forward = await lookup(client, resolvers, box, family);
  if (forward.reply === null) return [unknown('reverse', box, family, forward.server, forward.reason)];
  const addresses = resolvedAnswers(forward.reply.answers, box, family).map((a) => normaliseServed(a) as string);
  const wanted = normaliseAddress(address);
  if (!addresses.includes(wanted))
    return [
      problem(
        'reverse',
        'mismatch',
        box,
        family,
        `${address}'s reverse DNS names ${box}, but ${box} does not resolve back to ${address} at ${describe(forward.server)} (forward-confirmed reverse DNS fails).`,
        forward.server,
        { expected: [wanted], actual: addresses },
      ),
    ];
  return [
    ok(
      'reverse',
      ptrName,
      'PTR',
      `${address} has reverse DNS ${box}, and ${box} resolves back to it.`,
      found.server,
      values,
    ),
  ];
}
