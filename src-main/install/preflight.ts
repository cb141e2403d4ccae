import { Resolver } from 'node:dns/promises';
import { z } from 'zod';
import type { PreflightFacts, PreflightResult } from '../../src-shared/contract/install';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { Flavour } from '../../src-shared/domain/box';
import {
  evaluatePreflight,
  pickIpv4,
  pickIpv6,
  type BoxFacts,
  type DnsFacts,
} from '../../src-shared/domain/install-preflight';
import type { ExecOptions, ExecResult } from '../ssh/types';
import { PREFLIGHT_SCRIPT, preflightCommand } from './box-scripts';

/** What the preflight script prints: every value a string, checked before any of it is believed. */
const rawSchema = z.object({
  privilege: z.enum(['root', 'sudo', 'none']),
  ssh: z.string().default(''),
  osId: z.string().default(''),
  osVersion: z.string().default(''),
  osPretty: z.string().default(''),
  arch: z.string().default(''),
  memKb: z.string().default(''),
  diskFreeKb: z.string().default(''),
  tmpOptions: z.string().default(''),
  wgetrc: z.enum(['yes', 'no']),
  cloudInit: z.enum(['yes', 'no']),
  aptHolders: z.string().default(''),
  port25: z.enum(['open', 'closed', 'unknown']),
  fqdn: z.string().default(''),
  ipv4: z.string().default(''),
  ipv6: z.string().default(''),
  existing: z.literal('yes').optional(),
  existingHostname: z.string().default(''),
  existingVersion: z.string().default(''),
  existingOrigin: z.string().default(''),
  end: z.literal('1'),
});

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());
const numberOrNull = (value: string): number | null => (/^[0-9]{1,15}$/.test(value.trim()) ? Number(value) : null);
const words = (value: string): string[] => value.split(/\s+/).filter((word) => word !== '');

/** The script's JSON → facts; null when it is not what the script prints. */
export function parsePreflightOutput(stdout: string): BoxFacts | null {
  const line = stdout.split('\n').find((l) => l.startsWith('{"privilege"'));
  if (line === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = rawSchema.safeParse(json);
  if (!parsed.success) return null;
  const raw = parsed.data;
  const origin = raw.existingOrigin.toLowerCase();
  return {
    osId: orNull(raw.osId.toLowerCase()),
    osVersion: orNull(raw.osVersion),
    osPretty: orNull(raw.osPretty),
    arch: orNull(raw.arch),
    memKb: numberOrNull(raw.memKb),
    diskFreeKb: numberOrNull(raw.diskFreeKb),
    tmpOptions: orNull(raw.tmpOptions),
    wgetrc: raw.wgetrc === 'yes',
    privilege: raw.privilege,
    cloudInitRunning: raw.cloudInit === 'yes',
    aptHolders: words(raw.aptHolders),
    port25: raw.port25,
    fqdn: orNull(raw.fqdn),
    ipv4: words(raw.ipv4),
    ipv6: words(raw.ipv6),
    // $SSH_CONNECTION: client address, client port, server address, server port.
    sshServerIp: words(raw.ssh)[2] ?? null,
    existing:
      raw.existing === 'yes'
        ? {
            hostname: orNull(raw.existingHostname),
            version: orNull(raw.existingVersion),
            flavour: origin.includes('power-mailinabox') ? 'power' : origin === '' ? null : 'upstream',
          }
        : null,
  };
}

/** Forward and reverse lookups of the chosen hostname, from the desktop, as the world sees them. */
export type DnsLookup = (hostname: string, address: string | null) => Promise<DnsFacts>;

export const systemDnsLookup: DnsLookup = async (hostname, address) => {
  const resolver = new Resolver({ timeout: 3000, tries: 1 });
  const [addresses, reverse] = await Promise.all([
    resolver.resolve4(hostname).catch(() => null),
    address === null ? Promise.resolve(null) : resolver.reverse(address).catch(() => null),
  ]);
  return { hostname, addresses, reverse };
};

export interface PreflightDeps {
  exec(targetId: string, command: string, options?: ExecOptions): Promise<Result<ExecResult>>;
  lookup: DnsLookup;
  smtpProbe: { host: string; port: number };
}

export function factsForAnswers(facts: BoxFacts): PreflightFacts {
  return {
    os: facts.osPretty ?? ([facts.osId, facts.osVersion].filter(Boolean).join(' ') || null),
    arch: facts.arch,
    ramMb: facts.memKb === null ? null : Math.round(facts.memKb / 1024),
    freeDiskGb: facts.diskFreeKb === null ? null : Math.round((facts.diskFreeKb / 1024 / 1024) * 10) / 10,
    ipv4: pickIpv4(facts),
    ipv6: pickIpv6(facts),
    fqdn: facts.fqdn,
    existing: facts.existing,
  };
}

/** One exec of the preflight script on the connected server, then the DNS hints from here. */
export async function runPreflight(
  deps: PreflightDeps,
  request: { targetId: string; confPath: string; flavour: Flavour; hostname?: string | undefined },
): Promise<Result<PreflightResult & { raw: BoxFacts }>> {
  const ran = await deps.exec(request.targetId, preflightCommand(request.confPath, deps.smtpProbe), {
    stdin: PREFLIGHT_SCRIPT,
    timeoutMs: 60_000,
    maxOutputBytes: 256 * 1024,
  });
  if (!ran.ok) return ran;
  const facts = parsePreflightOutput(ran.value.stdout);
  if (facts === null)
    return fail(
      'internal',
      'The server did not answer the preflight checks as expected (is it a Linux with a POSIX sh?).',
      {
        retryable: false,
        detail: { exit: ran.value.code, stderr: ran.value.stderr.slice(0, 2000) },
      },
    );
  const hostname = request.hostname?.trim() || facts.fqdn;
  const dns: DnsFacts =
    hostname && hostname.includes('.')
      ? await deps.lookup(hostname, pickIpv4(facts))
      : { hostname: null, addresses: null, reverse: null };
  return ok({ checks: evaluatePreflight(facts, request.flavour, dns), facts: factsForAnswers(facts), raw: facts });
}
