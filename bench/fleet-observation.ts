/**
 * Boxfleet's per-box collector (src-main/health/collect-box.ts) over the bench boxes: the probe exec, a round-trip
 * exec and the API facts on each box's one persistent connection, bounded fan-out across boxes. A box counts as
 * answered when it is up with a probe report and its version from the API.
 */
import type { Box } from '../src-shared/domain/box';
import type { BoxHealth } from '../src-shared/domain/fleet-health';
import { BoxApiClients } from '../src-main/box/box-api-clients';
import { collectBoxHealth, type CollectDeps } from '../src-main/health/collect-box';
import { SlowFacts } from '../src-main/health/probe-slow-facts';
import type { SshPool } from '../src-main/ssh/ssh-pool';
import {
  benchPool,
  mapLimit,
  noteFailure,
  type BenchBox,
  type FleetRefresher,
  type RefreshOutcome,
  type RefresherOptions,
} from './fleet-driver';

export function benchBoxAsBox(box: BenchBox): Box {
  return {
    id: box.id,
    name: box.id,
    host: box.host,
    port: box.port,
    user: box.user,
    auth: { kind: 'key', keyPath: box.privateKeyPath, hasPassphrase: false },
    tags: [],
    apiPort: box.apiPort,
    paths: box.paths,
    addedAt: new Date(0).toISOString(),
  };
}

/** How one observation counts in the benchmark: answered, or why not. */
export function judge(outcome: RefreshOutcome, health: BoxHealth): void {
  if (health.reachability !== 'up') {
    noteFailure(outcome, health.boxId, `${health.reachability}: ${health.error?.message ?? ''}`);
  } else if (health.probe === null) {
    noteFailure(outcome, health.boxId, `no probe report: ${health.error?.message ?? ''}`);
  } else if (health.version === null) {
    noteFailure(outcome, health.boxId, 'the API gave no version');
  } else {
    outcome.ok += 1;
  }
}

export function collectDeps(pool: SshPool): CollectDeps {
  const apis = new BoxApiClients({ ssh: pool });
  return {
    connect: (id) => pool.connection(id),
    exec: (id, command, options) => pool.exec(id, command, options),
    api: (box) => apis.for(box),
    // As the app keeps them: the slow facts of a box's first look serve the next hour's looks.
    slowFacts: new SlowFacts(),
  };
}

export async function collectorRefresher(options: RefresherOptions): Promise<FleetRefresher> {
  const pool = await benchPool(options.boxes);
  const deps = collectDeps(pool);
  const boxes = options.boxes.map(benchBoxAsBox);
  return {
    name: `collectBoxHealth per box (probe + RTT exec + API facts), concurrency ${options.concurrency}`,
    async refresh() {
      const outcome: RefreshOutcome = { ok: 0, failures: {} };
      const signal = new AbortController().signal;
      await mapLimit(boxes, options.concurrency, async (box) =>
        judge(outcome, await collectBoxHealth(deps, box, signal)),
      );
      return outcome;
    },
    connected: () => options.boxes.filter((box) => pool.isConnected(box.id)).length,
    close: async () => pool.closeAll(),
  };
}
