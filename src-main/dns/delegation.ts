/**
 * What a registrar needs for each zone, read from the box the way its status checks read it (status_checks.py
 * check_dnssec): the DS records dns_update wrote next to the zone file after signing, the KSK's public key from
 * STORAGE_ROOT/dns/dnssec, and the nameservers and glue from /etc/mailinabox.conf and the secondary nameservers.
 */
import type { DsRecord, ZoneDelegation } from '../../src-shared/contract/dns';
import { sudoersLine } from '../../src-shared/domain/api-key-access';
import { zoneOf } from '../../src-shared/domain/dns-rules';

/** Where dns_update writes each zone (`/etc/nsd/zones/<zone>.txt`) and its DS records (`<zonefile>.ds`). */
export const NSD_ZONES_DIR = '/etc/nsd/zones';
export const dsPath = (zone: string): string => `${NSD_ZONES_DIR}/${zone}.txt.ds`;

const ALGORITHM_NAMES: Record<number, string> = { 7: 'RSASHA1-NSEC3-SHA1', 8: 'RSASHA256', 13: 'ECDSAP256SHA256' };
const DIGEST_NAMES: Record<number, string> = { 1: 'SHA-1', 2: 'SHA-256', 4: 'SHA-384' };
/** status_checks.py preferred_ds_order, low to high; pairs not listed must not be offered. */
const PREFERRED: ReadonlyArray<readonly [number, number]> = [
  [7, 2],
  [8, 4],
  [13, 4],
  [8, 2],
  [13, 2],
];

export const algorithmName = (alg: number): string => ALGORITHM_NAMES[alg] ?? `algorithm ${alg}`;

/** A zone name safe to put in a shell command and a path (checked again here: the list comes from the box). */
export const safeZone = (zone: string): boolean => /^[a-z0-9_](?:[a-z0-9_.-]{0,251}[a-z0-9_])?$/.test(zone);

/**
 * The DS lines as `ldns-key2ds -n` writes them: `<zone>.\t<ttl>\tIN\tDS\t<keytag> <alg> <digest type> <digest>`.
 * Lines that do not have that shape are left out (the box's file is untrusted input).
 */
export function parseDsFile(text: string): Omit<DsRecord, 'rank'>[] {
  const out: Omit<DsRecord, 'rank'>[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const rdata = line.split('\t')[4];
    const m = rdata === undefined ? null : /^(\d{1,5}) (\d{1,3}) (\d{1,3}) ([0-9A-Fa-f]{20,128})$/.exec(rdata);
    if (!m) continue;
    const [keyTag, algorithm, digestType] = [Number(m[1]), Number(m[2]), Number(m[3])];
    out.push({
      keyTag,
      algorithm,
      algorithmName: algorithmName(algorithm),
      digestType,
      digestTypeName: DIGEST_NAMES[digestType] ?? `digest type ${digestType}`,
      digest: (m[4] as string).toUpperCase(),
      record: line,
    });
  }
  return out;
}

/** Best first, as the box's status page offers them; pairs the box never offers come last with rank null. */
export function rankDs(records: Omit<DsRecord, 'rank'>[]): DsRecord[] {
  const score = (r: Omit<DsRecord, 'rank'>) =>
    PREFERRED.findIndex(([alg, digest]) => alg === r.algorithm && digest === r.digestType);
  const sorted = [...records].sort((a, b) => score(b) - score(a));
  let next = 0;
  return sorted.map((r) => ({ ...r, rank: score(r) < 0 ? null : next++ }));
}

/** `KEY=VALUE` lines (the algorithm's `.conf`: `KSK=<file base>`, `ZSK=...`, maybe `DOMAINS=...`). */
export function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out[m[1] as string] = (m[2] as string).trim();
  }
  return out;
}

/** The base64 public key of an ldns `.key` file (`_domain_.\tIN\tDNSKEY\t257 3 13 <base64> ;{id = ...}`). */
export function parseKeyFile(text: string): string | null {
  const m = /\bDNSKEY\s+\d+\s+3\s+\d+\s+([A-Za-z0-9+/]+={0,2})/.exec(text);
  return m ? (m[1] as string) : null;
}

/** A KSK file base as ldns-keygen names it (`K_domain_.+013+12345`): also what goes into a path and a sudoers line. */
export const safeKeyBase = (base: string): boolean => /^K[A-Za-z0-9_.-]*\+\d{3}\+\d{5}$/.test(base);

/** The next step when the KSK's public key cannot be read by a login that is not root. */
export function keyProblem(user: string, path: string, reason: string): string {
  return (
    `The public key of the zone's signing key (${path}) could not be read: ${reason}. The DS records above do not ` +
    `need it; for a registrar that asks for the key itself, log in as root or allow exactly this read with ` +
    `the sudoers line "${sudoersLine(user, path)}" (written with visudo).`
  );
}

export interface BoxAddresses {
  hostname: string;
  ipv4: string;
  ipv6: string | null;
}

/** ns1/ns2 under the box's name plus the secondary nameservers; glue only for the zone holding the box's name. */
export function nameserversAndGlue(
  zone: string,
  zones: readonly string[],
  box: BoxAddresses,
  secondary: readonly string[],
): Pick<ZoneDelegation, 'nameservers' | 'glue'> {
  const own = [`ns1.${box.hostname}`, `ns2.${box.hostname}`];
  const glue =
    zoneOf(box.hostname, zones) === zone ? own.map((host) => ({ host, ipv4: box.ipv4 || null, ipv6: box.ipv6 })) : [];
  return { nameservers: [...own, ...secondary], glue };
}

/**
 * One shell command printing, in sections, what delegation needs that any login may read: mailinabox.conf, each
 * zone's DS file, and each algorithm's key list. A section says `@@absent` or `@@unreadable` instead of failing.
 */
export function readableFilesCommand(quote: (s: string) => string, conf: string, zones: string[], dnssecDir: string) {
  const show =
    'show() { if [ ! -e "$1" ]; then echo @@absent; elif [ -r "$1" ]; then cat "$1"; else echo @@unreadable; fi; }';
  const parts = [show, `echo '@@section conf'`, `show ${quote(conf)}`];
  for (const zone of zones) parts.push(`echo '@@section ds ${zone}'`, `show ${quote(dsPath(zone))}`);
  parts.push(
    `for f in ${quote(dnssecDir)}/*.conf; do [ -e "$f" ] || continue; echo "@@section alg $(basename "$f" .conf)"; show "$f"; done`,
  );
  return parts.join('\n');
}

/** The sections of `readableFilesCommand`'s output by name (`conf`, `ds <zone>`, `alg <NAME>`). */
export function splitSections(stdout: string): Map<string, string> {
  const sections = new Map<string, string>();
  let name: string | null = null;
  let body: string[] = [];
  const flush = () => {
    if (name !== null) sections.set(name, body.join('\n'));
  };
  for (const line of stdout.split('\n')) {
    const m = /^@@section (.+)$/.exec(line);
    if (m) {
      flush();
      name = m[1] as string;
      body = [];
    } else body.push(line);
  }
  flush();
  return sections;
}
