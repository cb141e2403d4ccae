import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ok, type Result } from '../../../src-shared/contract/result';
import { boxSchema, type Box } from '../../../src-shared/domain/box';
import { PROBED_SERVICES, type BoxHealth, type ProbedService } from '../../../src-shared/domain/fleet-health';
import type { StatusItem } from '../../../src-shared/domain/miab';
import { EventBus } from '../../../src-main/events/event-bus';
import { FleetHealthService } from '../../../src-main/health/fleet-health-service';
import { HealthStore } from '../../../src-main/health/health-store';
import type { Collect } from '../../../src-main/health/refresh-run';
import { Jobs } from '../../../src-main/jobs/jobs';
import { waitFor } from '../../harness/wait';
import { FakeTimers } from './fake-timers';

export function box(id: string): Box {
  return boxSchema.parse({
    id,
    name: id.toUpperCase(),
    host: '127.0.0.1',
    user: 'admin',
    auth: { kind: 'agent' },
    addedAt: '2026-11-01T00:00:00.000Z',
  });
}

/** What the per-box collector reports for a box that answered. */
export function upHealth(boxId: string, at: Date, usedBytes = 40, queue = 3): BoxHealth {
  const disk = { mount: '/', totalBytes: 100, usedBytes, availableBytes: 100 - usedBytes };
  return {
    boxId,
    observedAt: at.toISOString(),
    reachability: 'up',
    error: null,
    rttMs: 1.5,
    flavour: 'upstream',
    version: 'v75',
    latestVersion: null,
    probe: {
      uptimeSeconds: 100,
      load: [0, 0, 0],
      memory: null,
      disk: { root: disk, storage: disk },
      services: Object.fromEntries(PROBED_SERVICES.map((name) => [name, 'active' as const])) as Record<
        ProbedService,
        'active'
      >,
      queue,
      rebootRequired: false,
      updates: 0,
      newestBackupAt: null,
    },
    backup: null,
    tls: null,
    counts: null,
    checks: null,
  };
}

/** A collector whose answers the test releases box by box; it records how many boxes were worked at once. */
export class ControlledCollector {
  readonly started: string[] = [];
  readonly signals = new Map<string, AbortSignal>();
  inFlight = 0;
  maxInFlight = 0;
  private readonly waiting = new Map<string, (health: BoxHealth) => void>();

  constructor(private readonly now: () => Date) {}

  collect: Collect = (target, signal) => {
    this.started.push(target.id);
    this.signals.set(target.id, signal);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise<BoxHealth>((resolve) => {
      this.waiting.set(target.id, (health) => {
        this.inFlight--;
        resolve(health);
      });
    });
  };

  pending(): string[] {
    return [...this.waiting.keys()];
  }

  answer(boxId: string, health: BoxHealth = upHealth(boxId, this.now())): void {
    const resolve = this.waiting.get(boxId);
    if (!resolve) throw new Error(`${boxId} is not being looked at`);
    this.waiting.delete(boxId);
    resolve(health);
  }
}

/** Waits until `check` holds (the store reads and writes real files on the way). */
export async function until(check: () => boolean, what: string): Promise<void> {
  await waitFor(
    () => (check() ? true : undefined),
    () => what,
  );
}

export interface ServiceBed {
  dir: string;
  timers: FakeTimers;
  bus: EventBus;
  jobs: Jobs;
  boxes: Box[];
  service: FleetHealthService;
  store: HealthStore;
  events: BoxHealth[];
  statusChecks: { items: StatusItem[] };
  /** A new store and service on the same data directory, as after a restart. */
  reopen(): void;
  stop(): Promise<void>;
}

export async function startServiceBed(
  boxIds: string[],
  collect: Collect,
  concurrency = 4,
  /** Boxes whose SSH connection counts as open; none unless given. */
  connected: ReadonlySet<string> = new Set(),
): Promise<ServiceBed> {
  const dir = await mkdtemp(join(tmpdir(), 'bf-health-'));
  const timers = new FakeTimers();
  const bus = new EventBus();
  const jobs = new Jobs({ bus, now: timers.now, timers, progressIntervalMs: 0 });
  const events: BoxHealth[] = [];
  bus.on((name, payload) => {
    if (name === 'fleet.health') events.push(payload as BoxHealth);
  });
  const boxes = boxIds.map(box);
  const statusChecks = { items: [] as StatusItem[] };
  const open = () => {
    const store = new HealthStore({ dataDir: dir, timers, onProblem: () => undefined, log: () => undefined });
    const service = new FleetHealthService({
      fleet: { list: async (): Promise<Result<Box[]>> => ok([...bed.boxes]) },
      jobs,
      bus,
      store,
      collect,
      statusChecks: async () => ok(statusChecks.items),
      concurrency: () => concurrency,
      isConnected: (boxId) => connected.has(boxId),
      timers,
      now: timers.now,
    });
    return { store, service };
  };
  const bed: ServiceBed = {
    dir,
    timers,
    bus,
    jobs,
    boxes,
    events,
    statusChecks,
    ...open(),
    reopen() {
      void bed.service.close();
      Object.assign(bed, open());
    },
    async stop() {
      await bed.service.close();
      jobs.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return bed;
}
