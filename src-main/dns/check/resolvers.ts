import { isIP } from 'node:net';
import { fail, ok, type Result } from '../../../src-shared/contract/result';
import type { Server } from './dns-client';

/**
 * A resolver as typed or as `node:dns` getServers() lists it: `1.1.1.1`, `1.1.1.1:5353`, `2606:4700::1111`,
 * `[2606:4700::1111]:53`. Without a port it is `defaultPort` (53 outside test beds).
 */
export function parseResolver(text: string, defaultPort: number): Result<Server> {
  const trimmed = text.trim();
  let address = trimmed;
  let port = defaultPort;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  const v4WithPort = /^([\d.]+):(\d+)$/.exec(trimmed);
  if (bracketed) {
    address = bracketed[1] as string;
    if (bracketed[2] !== undefined) port = Number(bracketed[2]);
  } else if (v4WithPort) {
    address = v4WithPort[1] as string;
    port = Number(v4WithPort[2]);
  }
  if (isIP(address) === 0)
    return fail('validation', `"${trimmed}" is not a resolver address (an IPv4 or IPv6 address, optionally :PORT).`);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return fail('validation', `"${trimmed}" has no valid port (1-65535).`);
  return ok({ role: 'resolver', name: formatServer(address, port), address, port });
}

/** `IP:PORT`, with brackets around IPv6 addresses, as reports name resolvers. */
export function formatServer(address: string, port: number): string {
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

/** Parses each; the first malformed one is the answer. */
export function parseResolvers(texts: readonly string[], defaultPort: number): Result<Server[]> {
  const servers: Server[] = [];
  for (const text of texts) {
    const parsed = parseResolver(text, defaultPort);
    if (!parsed.ok) return parsed;
    if (!servers.some((s) => s.address === parsed.value.address && s.port === parsed.value.port))
      servers.push(parsed.value);
  }
  return ok(servers);
}
