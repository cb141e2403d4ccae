import { fail, type AppError, type Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import { apiKeyPathProblem } from '../../src-shared/domain/api-key-access';
import type { BoxHealth, ProbeReport, Reachability } from '../../src-shared/domain/fleet-health';
import type { BoxApiClient } from '../box/box-api-client';
import type { ExecOptions, ExecResult } from '../ssh/types';
import { backupSummary, factsFromAnswers, NO_API_FACTS, parseProbeApi, tlsSummary, type ApiFacts } from './probe-api';
import { parseProbeOutput } from './probe-report';
import { blankObservation } from './refresh-run';
import { probeCommand } from './probe-script';
import type { SlowFacts } from './probe-slow-facts';

/** What collecting needs: the pool's connection and exec, the box's API client, a clock. */
export interface CollectDeps {
  /** Opens (or reuses) the box's persistent SSH connection. */
  connect(boxId: string): Promise<Result<unknown>>;
  exec(boxId: string, command: string, options?: ExecOptions): Promise<Result<ExecResult>>;
  /** One round trip with nothing run on the box (the pool's); without it, the time of an `exec true`. */
  roundTrip?(boxId: string, options: { timeoutMs: number; signal: AbortSignal }): Promise<Result<number>>;
  api(box: Box): BoxApiClient;
  now?: () => Date;
  /** Limit for opening the connection (the pool's own ready timeout also applies). Default 10 s. */
  connectTimeoutMs?: number;
  /** Limit for the round-trip exec (and the probe when it leaves the slow facts out). Default 20 s. */
  execTimeoutMs?: number;
  /** Limit for a probe that includes the slow facts (duplicity may take a while). Default 120 s. */
  fullProbeTimeoutMs?: number;
  /** Keeps the slow facts between looks; without it every look is a full one. */
  slowFacts?: SlowFacts;
}

/** Users and aliases of a big box, base64: generous, but still a bound on what a box can make us hold. */
const MAX_PROBE_OUTPUT = 32 * 1024 * 1024;

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

/**
 * The API's facts through the SSH tunnel, one call after another (the client serialises calls to a box anyway):
 * the fallback for a box where the probe could not ask the API itself. Failures give null.
 */
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
 * error; a field the box could not tell is null. Everything comes from ONE probe exec (system facts, and the API
 * asked on the box's own loopback), next to a bare round trip on the same persistent connection: a warm look costs
 * about two round trips plus the probe's run time. Only when the probe cannot ask the API (no curl, no readable key)
 * are the API calls made through the tunnel afterwards.
 */
export async function collectBoxHealth(deps: CollectDeps, box: Box, signal: AbortSignal): Promise<BoxHealth> {
  const now = deps.now ?? (() => new Date());
  const connectMs = deps.connectTimeoutMs ?? 10_000;
  const execMs = deps.execTimeoutMs ?? 20_000;
  const base: BoxHealth = {
    ...blankObservation(box.id, now(), 'error'),
    flavour: box.detected?.flavour ?? null,
    version: box.detected?.version ?? null,
  };
  const down = (error: AppError): BoxHealth => ({ ...base, reachability: reachabilityOf(error), error });

  try {
    const connected = await bounded<Result<unknown>>(deps.connect(box.id), connectMs, signal, (why) =>
      fail(why, limitError(why, 'Connecting', connectMs).message),
    );
    if (!connected.ok) return down(connected.error);

    const execOptions: ExecOptions = { timeoutMs: execMs, signal };
    const rtt = (async (): Promise<Result<number>> => {
      if (deps.roundTrip) return deps.roundTrip(box.id, { timeoutMs: execMs, signal });
      const started = performance.now();
      const ran = await deps.exec(box.id, 'true', execOptions);
      return ran.ok ? { ok: true, value: performance.now() - started } : ran;
    })();
    // The API key path goes into a sudo command line on the box: only paths the sudoers rule can name exactly.
    const api =
      apiKeyPathProblem(box.paths.apiKey) === undefined ? { port: box.apiPort, keyPath: box.paths.apiKey } : undefined;
    const kept = deps.slowFacts?.fresh(box.id);
    const probe = deps
      .exec(box.id, probeCommand(box.paths.conf, api, { slow: kept === undefined }), {
        ...execOptions,
        timeoutMs: kept === undefined ? (deps.fullProbeTimeoutMs ?? 120_000) : execMs,
        maxOutputBytes: MAX_PROBE_OUTPUT,
      })
      // It may be left running when the round trip fails first: never an unhandled rejection.
      .catch((err: unknown) => fail('internal', `The health probe failed: ${String(err)}`));

    // A box that does not answer a round trip is cut off here, without waiting for the probe's longer limit.
    const rttResult = await rtt;
    if (!rttResult.ok) return down(rttResult.error);
    const probeResult = await probe;
    let report: ProbeReport | null = null;
    let error: AppError | null = null;
    let facts: ApiFacts | null = null;
    if (probeResult.ok) {
      const parsed = parseProbeOutput(probeResult.value.stdout);
      if (parsed.ok) report = parsed.value;
      else error = parsed.error;
      const answers = parseProbeApi(probeResult.value.stdout);
      if (answers) facts = factsFromAnswers(answers);
    } else {
      error = probeResult.error;
    }
    // No curl, or a key the probe could not read: ask through the tunnel (which reports its own sudo problem).
    facts ??= await bounded<ApiFacts>(apiFacts(deps.api(box)), execMs, signal, () => NO_API_FACTS);
    if (signal.aborted) return down(limitError('cancelled', 'Collecting', execMs));
    if (kept) {
      if (report) report = { ...report, updates: kept.updates };
      facts = { ...facts, backup: kept.backup, tls: kept.tls };
    } else if (report) {
      deps.slowFacts?.store(box.id, { updates: report.updates, backup: facts.backup, tls: facts.tls });
    }
    return {
      ...base,
      reachability: 'up',
      error,
      rttMs: Math.round(rttResult.value * 10) / 10,
      ...facts,
      flavour: facts.flavour ?? deps.api(box).known()?.flavour ?? base.flavour,
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
