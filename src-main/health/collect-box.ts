import { fail, type AppError, type Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import type {
  BackupSummary,
  BoxHealth,
  ProbeReport,
  Reachability,
  TlsSummary,
} from '../../src-shared/domain/fleet-health';
import type { BackupStatus, SslStatus } from '../../src-shared/domain/miab';
import type { BoxApiClient } from '../box/box-api-client';
import type { ExecOptions, ExecResult } from '../ssh/types';
import { parseProbeOutput } from './probe-report';
import { PROBE_SCRIPT, probeCommand } from './probe-script';

/** What collecting needs: the pool's connection and exec, the box's API client, a clock. */
export interface CollectDeps {
  /** Opens (or reuses) the box's persistent SSH connection. */
  connect(boxId: string): Promise<Result<unknown>>;
  exec(boxId: string, command: string, options?: ExecOptions): Promise<Result<ExecResult>>;
  api(box: Box): BoxApiClient;
  now?: () => Date;
  /** Limit for opening the connection (the pool's own ready timeout also applies). Default 10 s. */
  connectTimeoutMs?: number;
  /** Limit for the probe and the round-trip exec. Default 20 s. */
  execTimeoutMs?: number;
}

type ApiFacts = Pick<BoxHealth, 'flavour' | 'version' | 'backup' | 'tls' | 'counts'>;

const NO_API: ApiFacts = { flavour: null, version: null, backup: null, tls: null, counts: null };

/** An SSH failure as the Fleet screen shows it. */
export function reachabilityOf(error: AppError): Reachability {
  switch (error.code) {
    case 'host-unreachable':
    case 'timeout':
      return 'down';
    case 'host-key-mismatch':
      return 'host-key-changed';
    case 'auth-failed':
      return 'auth-failed';
    default:
      return 'error';
  }
}

/** Resolves with `fallback` once the signal aborts or the time is up, whichever is first, unless `work` is faster. */
function bounded<T>(work: Promise<T>, ms: number, signal: AbortSignal, onLimit: (why: 'timeout' | 'cancelled') => T) {
  return new Promise<T>((resolve) => {
    const done = (value: T): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = (): void => done(onLimit('cancelled'));
    const timer = setTimeout(() => done(onLimit('timeout')), ms);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(done, () => done(onLimit('cancelled')));
  });
}

/** `The certificate expires in 80 days on 2026-07-09.` → the date, as midnight UTC. */
function expiryOf(text: string): string | null {
  const match = /expires in -?\d+ days? on (\d{4}-\d{2}-\d{2})/.exec(text);
  if (!match?.[1]) return null;
  const at = new Date(`${match[1]}T00:00:00Z`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export function tlsSummary(status: SslStatus): TlsSummary {
  let soonestExpiry: string | null = null;
  let soonestDomain: string | null = null;
  let problems = 0;
  for (const entry of status.status) {
    if (entry.status === 'warning' || entry.status === 'danger') problems += 1;
    // A signed certificate close to expiry is `danger` ("Certificate has a problem: The certificate is expiring
    // soon: The certificate expires in 5 days on …"), so the date is read from every entry that states one.
    const expiry = expiryOf(entry.text);
    if (expiry !== null && (soonestExpiry === null || expiry < soonestExpiry)) {
      soonestExpiry = expiry;
      soonestDomain = entry.domain;
    }
  }
  return { soonestExpiry, soonestDomain, problems };
}

/** duplicity's `20260419T010512Z` → ISO 8601. */
function duplicityDate(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** §4.9.1 (the same shape on Power, §6.3.6): `{}` is "off", `{error}` the box's complaint, else newest first. */
export function backupSummary(status: BackupStatus): BackupSummary {
  if ('error' in status) return { lastAt: null, enabled: true, error: status.error };
  if (!('backups' in status)) return { lastAt: null, enabled: false, error: null };
  const dates = status.backups.map((b) => duplicityDate(b.date)).filter((d): d is string => d !== null);
  dates.sort();
  return { lastAt: dates[dates.length - 1] ?? null, enabled: true, error: null };
}

/** The API's facts, one call after another (the client serialises calls to a box anyway). Failures give null. */
async function apiFacts(client: BoxApiClient): Promise<ApiFacts> {
  const detected = await client.detect();
  const version = await client.routes.system.version();
  const backup = await client.routes.backup.status();
  const tls = await client.routes.ssl.status();
  const users = await client.routes.users.list();
  const aliases = await client.routes.aliases.list();
  return {
    flavour: detected.ok ? detected.value.flavour : null,
    version: version.ok ? version.value : detected.ok ? detected.value.version : null,
    backup: backup.ok ? backupSummary(backup.value) : null,
    tls: tls.ok ? tlsSummary(tls.value) : null,
    counts:
      users.ok && aliases.ok
        ? {
            users: users.value.reduce((n, d) => n + d.users.length, 0),
            aliases: aliases.value.reduce((n, d) => n + d.aliases.length, 0),
          }
        : null,
  };
}

function limitError(why: 'timeout' | 'cancelled', what: string, ms: number): AppError {
  return why === 'cancelled'
    ? { code: 'cancelled', message: `${what} was cancelled.`, retryable: true }
    : { code: 'timeout', message: `${what} did not answer within ${Math.round(ms / 1000)} s.`, retryable: true };
}

/**
 * One observation of one box. Never throws: a box that cannot be reached comes back with its reachability and the
 * error; a field the box could not tell is null. The probe exec, a round-trip exec and the API calls run in parallel
 * on the box's one persistent connection, so a warm refresh costs the slowest of them, not their sum.
 */
export async function collectBoxHealth(deps: CollectDeps, box: Box, signal: AbortSignal): Promise<BoxHealth> {
  const now = deps.now ?? (() => new Date());
  const connectMs = deps.connectTimeoutMs ?? 10_000;
  const execMs = deps.execTimeoutMs ?? 20_000;
  const base: BoxHealth = {
    boxId: box.id,
    observedAt: now().toISOString(),
    reachability: 'error',
    error: null,
    rttMs: null,
    flavour: box.detected?.flavour ?? null,
    version: box.detected?.version ?? null,
    latestVersion: null,
    probe: null,
    backup: null,
    tls: null,
    counts: null,
    checks: null,
  };
  const down = (error: AppError): BoxHealth => ({ ...base, reachability: reachabilityOf(error), error });

  try {
    const connected = await bounded<Result<unknown>>(deps.connect(box.id), connectMs, signal, (why) =>
      fail(why, limitError(why, 'Connecting', connectMs).message),
    );
    if (!connected.ok) return down(connected.error);

    const execOptions: ExecOptions = { timeoutMs: execMs, signal };
    const rtt = (async (): Promise<Result<number>> => {
      const started = performance.now();
      const ran = await deps.exec(box.id, 'true', execOptions);
      return ran.ok ? { ok: true, value: performance.now() - started } : ran;
    })();
    const probe = deps.exec(box.id, probeCommand(box.paths.conf), {
      ...execOptions,
      stdin: PROBE_SCRIPT,
      maxOutputBytes: 64 * 1024,
    });
    const api = bounded<ApiFacts>(apiFacts(deps.api(box)), execMs, signal, () => NO_API);

    const [rttResult, probeResult, facts] = await Promise.all([rtt, probe, api]);
    if (!rttResult.ok) return down(rttResult.error);
    let report: ProbeReport | null = null;
    let error: AppError | null = null;
    if (probeResult.ok) {
      const parsed = parseProbeOutput(probeResult.value.stdout);
      if (parsed.ok) report = parsed.value;
      else error = parsed.error;
    } else {
      error = probeResult.error;
    }
    if (signal.aborted) return down(limitError('cancelled', 'Collecting', execMs));
    return {
      ...base,
      reachability: 'up',
      error,
      rttMs: Math.round(rttResult.value * 10) / 10,
      ...facts,
      flavour: facts.flavour ?? base.flavour,
      version: facts.version ?? base.version,
      probe: report,
    };
  } catch (err) {
    return down({
      code: 'internal',
      message: `Collecting failed: ${err instanceof Error ? err.message : String(err)}`,
      retryable: true,
    });
  }
}
