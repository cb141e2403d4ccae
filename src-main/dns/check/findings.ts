import type { RecordType } from 'dns-packet';
import type { CheckArea, CheckFinding } from '../../../src-shared/contract/dns';
import type { DnsClient, Reply, Server } from './dns-client';
import { formatServer } from './resolvers';

type Kind = NonNullable<CheckFinding['kind']>;

export function ok(
  area: CheckArea,
  name: string,
  rtype: string,
  title: string,
  askedFrom: Server,
  values: { expected?: string[]; actual?: string[] } = {},
): CheckFinding {
  return {
    area,
    status: 'ok',
    name,
    rtype,
    title,
    expected: values.expected ?? [],
    actual: values.actual ?? [],
    askedFrom,
  };
}

export function problem(
  area: CheckArea,
  kind: Kind,
  name: string,
  rtype: string,
  title: string,
  askedFrom: Server,
  values: { expected: string[]; actual: string[] },
): CheckFinding {
  return { area, status: 'problem', kind, name, rtype, title, ...values, askedFrom };
}

export function unknown(area: CheckArea, name: string, rtype: string, askedFrom: Server, reason: string): CheckFinding {
  return {
    area,
    status: 'unknown',
    name,
    rtype,
    title: `No answer from ${describe(askedFrom)} for ${name} ${rtype}: ${reason}. Unknown, not a failure; try again later.`,
    expected: [],
    actual: [],
    askedFrom,
  };
}

/** `ns1.box.example.com (203.0.113.10:53)`, or just the address and port when there is no name. */
export function describe(server: Server): string {
  const where = formatServer(server.address, server.port);
  return server.name === where ? where : `${server.name} (${where})`;
}

/** What a lookup through the resolvers found, and which resolver said it. */
export type Lookup =
  { reply: Extract<Reply, { ok: true }>; server: Server } | { reply: null; server: Server; reason: string };

/**
 * Asks the resolvers in order until one answers: the world's view through the first that works. `resolvers` is
 * never empty (DnsCheck refuses to start without one).
 */
export async function lookup(
  client: DnsClient,
  resolvers: readonly Server[],
  name: string,
  type: RecordType,
): Promise<Lookup> {
  let last: Lookup | undefined;
  for (const server of resolvers) {
    const reply = await client.ask(server, { name, type, recurse: true });
    if (reply.ok) return { reply, server };
    last = { reply: null, server, reason: reply.reason };
  }
  return last ?? { reply: null, server: resolvers[0] as Server, reason: 'no resolver to ask' };
}
