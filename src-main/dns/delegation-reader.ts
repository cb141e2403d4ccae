import type { ZoneDelegation } from '../../src-shared/contract/dns';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import { apiKeyCommand } from '../box/api-key';
import { parseMailinaboxConf } from '../connect/detect';
import { shellQuote } from '../ssh/key-pairs';
import type { ExecOptions, ExecResult } from '../ssh/types';
import {
  algorithmName,
  dsPath,
  keyProblem,
  nameserversAndGlue,
  parseDsFile,
  parseKeyFile,
  parseKeyValues,
  rankDs,
  readableFilesCommand,
  safeKeyBase,
  safeZone,
  splitSections,
  type BoxAddresses,
} from './delegation';

export interface DelegationInput {
  exec(boxId: string, command: string, options?: ExecOptions): Promise<Result<ExecResult>>;
  boxId: string;
  box: Box;
  zones: readonly string[];
  /** Secondary nameserver hostnames (no `xfr:` entries). */
  secondary: string[];
}

export interface DelegationFacts {
  addresses: BoxAddresses;
  delegation: ZoneDelegation[];
  secondary: string[];
}

const EXEC = { timeoutMs: 15_000, maxOutputBytes: 512 * 1024 };

/** Reads the KSK's public key: directly when readable, else through `sudo -n /usr/bin/cat` as the API key is. */
async function readPublicKey(
  input: DelegationInput,
  path: string,
): Promise<{ key: string | null; problem: string | null }> {
  const user = input.box.user;
  const command = apiKeyCommand(user, path);
  if (!command.ok) return { key: null, problem: keyProblem(user, path, command.error.message) };
  const ran = await input.exec(input.boxId, command.value, EXEC);
  if (!ran.ok) return { key: null, problem: keyProblem(user, path, ran.error.message) };
  if (ran.value.code !== 0) {
    const stderr = ran.value.stderr.trim();
    const reason = /password is required|not allowed|sudoers|terminal is required|askpass/i.test(stderr)
      ? `${user} may not read it without a sudo password`
      : stderr || `exit ${ran.value.code ?? 'by signal'}`;
    return { key: null, problem: keyProblem(user, path, reason) };
  }
  const key = parseKeyFile(ran.value.stdout);
  return key === null
    ? { key: null, problem: keyProblem(user, path, 'it does not hold a DNSKEY record') }
    : { key, problem: null };
}

/**
 * Per zone: the DS records the box wrote (best first), the KSK's public key of the best one's algorithm, and the
 * nameservers and glue. Two commands over SSH: the world-readable files in one go, then the root-only key file.
 */
export async function readDelegation(input: DelegationInput): Promise<Result<DelegationFacts>> {
  const zones = input.zones.filter(safeZone);
  const dnssecDir = `${input.box.paths.storageRoot.replace(/\/+$/, '')}/dns/dnssec`;
  const command = readableFilesCommand(shellQuote, input.box.paths.conf, zones, dnssecDir);
  const ran = await input.exec(input.boxId, command, EXEC);
  if (!ran.ok) return ran;
  const sections = splitSections(ran.value.stdout);
  const conf = parseMailinaboxConf(sections.get('conf') ?? '');
  const hostname = conf['PRIMARY_HOSTNAME'];
  if (!hostname)
    return fail('not-a-box', `${input.box.paths.conf} on the box does not name PRIMARY_HOSTNAME.`, {
      retryable: false,
      detail: { path: input.box.paths.conf },
    });
  const addresses: BoxAddresses = {
    hostname,
    ipv4: conf['PUBLIC_IP'] ?? '',
    ipv6: conf['PUBLIC_IPV6'] ? conf['PUBLIC_IPV6'] : null,
  };
  const keys = new Map<number, { key: string | null; problem: string | null }>();
  const delegation: ZoneDelegation[] = [];
  for (const zone of zones) {
    const file = (sections.get(`ds ${zone}`) ?? '').trim();
    const ds = file === '@@absent' || file === '@@unreadable' ? [] : rankDs(parseDsFile(file));
    let problem: string | null = null;
    if (file === '@@absent')
      problem = `The box has not signed ${zone} yet (${dsPath(zone)} is missing); it does at its next DNS update.`;
    else if (file === '@@unreadable') problem = `${dsPath(zone)} on the box is not readable by ${input.box.user}.`;
    let publicKey: string | null = null;
    const best = ds[0];
    if (best) {
      if (!keys.has(best.algorithm)) {
        const list = parseKeyValues(sections.get(`alg ${algorithmName(best.algorithm)}`) ?? '');
        const base = list['KSK'];
        keys.set(
          best.algorithm,
          base !== undefined && safeKeyBase(base)
            ? await readPublicKey(input, `${dnssecDir}/${base}.key`)
            : {
                key: null,
                problem: `${dnssecDir}/${algorithmName(best.algorithm)}.conf does not name the signing key.`,
              },
        );
      }
      const read = keys.get(best.algorithm);
      publicKey = read?.key ?? null;
      problem = read?.problem ?? null;
    }
    delegation.push({
      zone,
      ds,
      publicKey,
      problem,
      ...nameserversAndGlue(zone, input.zones, addresses, input.secondary),
    });
  }
  return ok({ addresses, delegation, secondary: input.secondary });
}
