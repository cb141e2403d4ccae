import type { StoreProblem } from '../../src-shared/contract/app';
import type { Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import type { BoxApiClient } from '../box/box-api-client';
import type { EventBus } from '../events/event-bus';
import type { Jobs } from '../jobs/jobs';
import type { SshPool } from '../ssh/ssh-pool';
import { statusChecksOver } from './checks-run';
import { collectBoxHealth } from './collect-box';
import { FleetHealthService } from './fleet-health-service';
import { HealthStore } from './health-store';
import { SlowFacts } from './probe-slow-facts';
import { realTimers } from './refresh-run';
import { FleetScheduler, openScheduleFile } from './schedule';

export interface FleetHealthWiring {
  dataDir: string;
  onProblem: (problem: StoreProblem) => void;
  log: (message: string) => void;
  bus: EventBus;
  jobs: Jobs;
  fleet: { list(): Promise<Result<Box[]>> };
  pool: SshPool;
  /** The API client of a box in the registry, and of a box as given (the collector has the box already). */
  api: (boxId: string) => Promise<Result<BoxApiClient>>;
  apiFor: (box: Box) => BoxApiClient;
}

export interface FleetHealth {
  service: FleetHealthService;
  scheduler: FleetScheduler;
  close(): Promise<void>;
}

/**
 * The fleet-health services wired to the real SSH pool, API clients and timers. The schedule is read (so the CLI
 * uses the stored concurrency and idle time) but its timers start only when the face asks (`scheduler.start()`).
 */
export async function createFleetHealth(w: FleetHealthWiring): Promise<FleetHealth> {
  // apt's simulation, duplicity and openssl cost a real box seconds: most looks reuse them for an hour.
  const slowFacts = new SlowFacts();
  const store = new HealthStore({ dataDir: w.dataDir, onProblem: w.onProblem, log: w.log, timers: realTimers });
  const scheduler: FleetScheduler = new FleetScheduler({
    file: openScheduleFile(w.dataDir, w.onProblem),
    timers: realTimers,
    refresh: () => void service.refresh(),
    runDueChecks: (hours) => void service.runDueChecks(hours),
    onChange: (schedule) => w.pool.setIdleClose(schedule.idleCloseSeconds * 1000),
  });
  const service: FleetHealthService = new FleetHealthService({
    fleet: w.fleet,
    jobs: w.jobs,
    bus: w.bus,
    store,
    collect: (box, signal) =>
      collectBoxHealth(
        {
          connect: (boxId) => w.pool.connection(boxId),
          exec: (boxId, command, options) => w.pool.exec(boxId, command, options),
          roundTrip: (boxId, options) => w.pool.roundTrip(boxId, options),
          api: w.apiFor,
          slowFacts,
        },
        box,
        signal,
      ),
    statusChecks: statusChecksOver(w.api),
    concurrency: () => scheduler.get().concurrency,
    isConnected: (boxId) => w.pool.isConnected(boxId),
    timers: realTimers,
    log: w.log,
  });
  await scheduler.load();
  return {
    service,
    scheduler,
    async close() {
      scheduler.close();
      await service.close();
    },
  };
}
