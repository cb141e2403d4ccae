/**
 * The app's refresh as the benchmark drives it: createFleetHealth (src-main/health/fleet-health-wiring.ts, what the
 * core builds) on the app's SSH pool and API clients, with the benchmark's boxes as the fleet and a data directory of
 * its own. A refresh is FleetHealthService.refresh: a job, the schedule's concurrency, per-box timeouts, the collector,
 * the health cache and history.
 */
import { fail, ok } from '../src-shared/contract/result';
import { BoxApiClients } from '../src-main/box/box-api-clients';
import { EventBus } from '../src-main/events/event-bus';
import { createFleetHealth } from '../src-main/health/fleet-health-wiring';
import { Jobs } from '../src-main/jobs/jobs';
import { makeTempDir } from '../tests/harness/temp';
import { benchBoxAsBox, judge } from './fleet-observation';
import { benchPool, type FleetRefresher, type RefreshOutcome, type RefresherOptions } from './fleet-driver';

export async function serviceRefresher(options: RefresherOptions): Promise<FleetRefresher> {
  const pool = await benchPool(options.boxes);
  const apis = new BoxApiClients({ ssh: pool });
  const boxes = options.boxes.map(benchBoxAsBox);
  const byId = new Map(boxes.map((box) => [box.id, box]));
  // Under the harness's temp root: removed at the end, or by its reaper if this process is killed.
  const dataDir = await makeTempDir('bench-data', 0o700);
  const log = (message: string): void => void process.stderr.write(`${message}\n`);
  const bus = new EventBus();
  const jobs = new Jobs({ bus, log });
  const health = await createFleetHealth({
    dataDir,
    onProblem: (problem) => log(`fleet health: ${problem.file}: ${problem.message}`),
    log,
    bus,
    jobs,
    fleet: { list: async () => ok(boxes) },
    pool,
    api: async (boxId) => {
      const box = byId.get(boxId);
      return box ? ok(apis.for(box)) : fail('not-found', `No bench box ${boxId}.`);
    },
    apiFor: (box) => apis.for(box),
  });
  if (health.scheduler.get().concurrency !== options.concurrency) {
    const set = await health.scheduler.set({ concurrency: options.concurrency });
    if (!set.ok) throw new Error(`concurrency ${options.concurrency}: ${set.error.message}`);
  }
  return {
    name: `FleetHealthService.refresh as the core wires it, concurrency ${health.scheduler.get().concurrency}`,
    async refresh() {
      const outcome: RefreshOutcome = { ok: 0, failures: {} };
      const started = await health.service.refresh();
      if (!started.ok) throw new Error(`refresh did not start: ${started.error.message}`);
      const result = await started.value.result;
      if (!result.ok) throw new Error(`refresh failed: ${result.error.message}`);
      for (const observation of result.value) judge(outcome, observation);
      return outcome;
    },
    connected: () => options.boxes.filter((box) => pool.isConnected(box.id)).length,
    close: async () => {
      await health.close();
      jobs.close();
      apis.closeAll();
      pool.closeAll();
    },
  };
}
