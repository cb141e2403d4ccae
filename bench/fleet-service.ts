/**
 * The app's refresh as the benchmark drives it: FleetHealthService (a job, bounded concurrency, per-box timeout, the
 * health cache and history written to a data directory) over collectBoxHealth on the app's SSH pool and API clients,
 * composed here as the core composes it, with the benchmark's boxes as the fleet.
 */
import { fail, ok } from '../src-shared/contract/result';
import { EventBus } from '../src-main/events/event-bus';
import { collectBoxHealth } from '../src-main/health/collect-box';
import { FleetHealthService } from '../src-main/health/fleet-health-service';
import { HealthStore } from '../src-main/health/health-store';
import { realTimers } from '../src-main/health/refresh-run';
import { Jobs } from '../src-main/jobs/jobs';
import { makeTempDir } from '../tests/harness/temp';
import { benchBoxAsBox, collectDeps, judge } from './fleet-collector';
import { benchPool, type FleetRefresher, type RefreshOutcome, type RefresherOptions } from './fleet-driver';

export async function serviceRefresher(options: RefresherOptions): Promise<FleetRefresher> {
  const pool = await benchPool(options.boxes);
  const deps = collectDeps(pool);
  const boxes = options.boxes.map(benchBoxAsBox);
  // Under the harness's temp root: removed at the end, or by its reaper if this process is killed.
  const dataDir = await makeTempDir('bench-data', 0o700);
  const log = (message: string): void => void process.stderr.write(`${message}\n`);
  const bus = new EventBus();
  const jobs = new Jobs({ bus, log });
  const store = new HealthStore({
    dataDir,
    timers: realTimers,
    onProblem: (problem) => log(`health store: ${problem.message}`),
    log,
  });
  const service = new FleetHealthService({
    fleet: { list: async () => ok(boxes) },
    jobs,
    bus,
    store,
    collect: (box, signal) => collectBoxHealth(deps, box, signal),
    statusChecks: async () => fail('internal', 'Status checks are not part of the fleet benchmark.'),
    concurrency: () => options.concurrency,
    timers: realTimers,
    log,
  });
  return {
    name: `FleetHealthService.refresh (job, collectBoxHealth, health store), concurrency ${options.concurrency}`,
    async refresh() {
      const outcome: RefreshOutcome = { ok: 0, failures: {} };
      const started = await service.refresh();
      if (!started.ok) throw new Error(`refresh did not start: ${started.error.message}`);
      const result = await started.value.result;
      if (!result.ok) throw new Error(`refresh failed: ${result.error.message}`);
      for (const health of result.value) judge(outcome, health);
      return outcome;
    },
    connected: () => options.boxes.filter((box) => pool.isConnected(box.id)).length,
    close: async () => {
      await service.close();
      jobs.close();
      pool.closeAll();
    },
  };
}
