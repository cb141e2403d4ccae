/**
 * What the fleet benchmark measures on Boxfleet's side: one full refresh of a set of boxes through the app's own
 * SSH pool (persistent connections, host keys checked). The measuring process builds exactly this and nothing
 * else, so its RSS is the refresh's.
 */
import { readFileSync } from 'node:fs';
import { ok, type Result } from '../src-shared/contract/result';
import { HostKeys } from '../src-main/hostkeys/host-keys';
import { MemoryKnownHostsStorage } from '../src-main/hostkeys/known-hosts-storage';
import { SshPool } from '../src-main/ssh/ssh-pool';
import type { SshTarget } from '../src-main/ssh/types';
import { fleetProbe, parseProbeOutput } from './fleet-probe';

/** One box as the benchmark hands it to the measuring process. */
export interface BenchBox {
  id: string;
  host: string;
  port: number;
  user: string;
  privateKeyPath: string;
  hostKeyType: string;
  hostKeyFingerprint: string;
  /** The management API's port on the box's loopback, and the box's file locations. */
  apiPort: number;
  paths: { apiKey: string; conf: string; storageRoot: string };
}

export interface RefreshOutcome {
  ok: number;
  /** Box id → why, for the first few failures. */
  failures: Record<string, string>;
}

export interface FleetRefresher {
  readonly name: string;
  refresh(): Promise<RefreshOutcome>;
  /** Boxes whose SSH connection is open now. */
  connected(): number;
  close(): Promise<void>;
}

export interface RefresherOptions {
  boxes: BenchBox[];
  concurrency: number;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function mapLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/** The pool every refresher uses: host keys pinned in memory, one key file read once per path. */
export async function benchPool(boxes: BenchBox[]): Promise<SshPool> {
  const hostKeys = new HostKeys({ storage: new MemoryKnownHostsStorage(), readSystemKnownHosts: async () => null });
  for (const box of boxes) await hostKeys.trust(box.host, box.port, box.hostKeyType, box.hostKeyFingerprint);
  const keys = new Map<string, string>();
  const byId = new Map(boxes.map((box) => [box.id, box]));
  return new SshPool({
    hostKeys,
    resolveTarget: async (id): Promise<Result<SshTarget>> => {
      const box = byId.get(id);
      if (!box) throw new Error(`no bench box ${id}`);
      let privateKey = keys.get(box.privateKeyPath);
      if (privateKey === undefined) {
        privateKey = readFileSync(box.privateKeyPath, 'utf8');
        keys.set(box.privateKeyPath, privateKey);
      }
      return ok({ host: box.host, port: box.port, user: box.user, auth: { kind: 'key', privateKey } });
    },
  });
}

/** Connect (when needed) and run `true`, one exec per box: the SSH fan-out with (almost) no work on the box. */
export async function noopRefresher(options: RefresherOptions): Promise<FleetRefresher> {
  const pool = await benchPool(options.boxes);
  return {
    name: `exec true (SshPool, concurrency ${options.concurrency})`,
    async refresh() {
      const outcome: RefreshOutcome = { ok: 0, failures: {} };
      await mapLimit(options.boxes, options.concurrency, async (box) => {
        const done = await pool.exec(box.id, 'true', { timeoutMs: 60_000 });
        if (!done.ok) return noteFailure(outcome, box.id, `${done.error.code}: ${done.error.message}`);
        if (done.value.code !== 0) return noteFailure(outcome, box.id, `exit ${done.value.code}`);
        outcome.ok += 1;
      });
      return outcome;
    },
    connected: () => options.boxes.filter((box) => pool.isConnected(box.id)).length,
    close: async () => pool.closeAll(),
  };
}

/**
 * Connect (when needed) and run only the probe, one exec per box, bounded fan-out: the SSH floor under a refresh. Full
 * (slow facts) on a box's first look, fast after, as the collector does with its SlowFacts.
 */
export async function probeRefresher(options: RefresherOptions): Promise<FleetRefresher> {
  const pool = await benchPool(options.boxes);
  const probe = fleetProbe();
  const looked = new Set<string>();
  return {
    name: `probe exec only (SshPool, concurrency ${options.concurrency})`,
    async refresh() {
      const outcome: RefreshOutcome = { ok: 0, failures: {} };
      await mapLimit(options.boxes, options.concurrency, async (box) => {
        const done = await pool.exec(box.id, probe.command(box, !looked.has(box.id)), { timeoutMs: 120_000 });
        if (!done.ok) return noteFailure(outcome, box.id, `${done.error.code}: ${done.error.message}`);
        if (parseProbeOutput(done.value.stdout) === null) {
          return noteFailure(
            outcome,
            box.id,
            `not a ProbeReport: ${done.value.stdout.slice(0, 120)} ${done.value.stderr}`,
          );
        }
        looked.add(box.id);
        outcome.ok += 1;
      });
      return outcome;
    },
    connected: () => options.boxes.filter((box) => pool.isConnected(box.id)).length,
    close: async () => pool.closeAll(),
  };
}

export function noteFailure(outcome: RefreshOutcome, id: string, why: string): void {
  if (Object.keys(outcome.failures).length < 5) outcome.failures[id] = why;
}
