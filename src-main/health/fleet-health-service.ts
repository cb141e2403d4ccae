import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import {
  boxHealthSchema,
  type BoxHealth,
  type ChecksChange,
  type ChecksRun,
  type HealthPoint,
} from '../../src-shared/domain/fleet-health';
import type { EventBus } from '../events/event-bus';
import type { Jobs, StartedJob } from '../jobs/jobs';
import { mapBounded } from '../jobs/map-bounded';
import { diffRuns } from './checks-diff';
import type { RunStatusChecks } from './checks-run';
import type { HealthStore } from './health-store';

import { failedObservation, refreshBoxes, type Collect, type Timers } from './refresh-run';

export interface FleetHealthDeps {
  fleet: { list(): Promise<Result<Box[]>> };
  jobs: Jobs;
  bus: EventBus;
  store: HealthStore;
  collect: Collect;
  statusChecks: RunStatusChecks;
  /** How many boxes are connected to at once (the schedule's `concurrency`). */
  concurrency: () => number;
  /** Whether a box's SSH connection is open: such boxes are looked at without waiting for a connection slot. */
  isConnected?: (boxId: string) => boolean;
  timers: Timers;
  now?: () => Date;
  /** The most one box may take in a refresh; beyond it the box is reported down (timed out). Default 60 s. */
  perBoxTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface ChecksView {
  latest: ChecksRun | null;
  previous: ChecksRun | null;
  changes: ChecksChange[];
}

type ObservationListener = (health: BoxHealth) => void;

/** The fleet's health: refreshes as jobs, the cached newest observation and history, and status-check runs. */
export class FleetHealthService {
  private readonly listeners = new Set<ObservationListener>();
  private readonly now: () => Date;
  private readonly perBoxTimeoutMs: number;
  private readonly log: (message: string) => void;
  private readonly unsubscribe: () => void;
  private sweeping = false;

  constructor(private readonly deps: FleetHealthDeps) {
    this.now = deps.now ?? (() => new Date());
    this.perBoxTimeoutMs = deps.perBoxTimeoutMs ?? 60_000;
    this.log = deps.log ?? (() => undefined);
    this.unsubscribe = deps.bus.on((name) => {
      if (name === 'boxes.changed') void this.forgetRemovedBoxes();
    });
  }

  /** Every observation a refresh makes, for the alert engine: status-check runs alone do not count as one. */
  onObservation(listener: ObservationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Looks at the boxes named (every box when none are) as one job; the same set while it runs joins it. */
  async refresh(boxIds?: readonly string[]): Promise<Result<StartedJob<BoxHealth[]>>> {
    const boxes = await this.select(boxIds);
    if (!boxes.ok) return boxes;
    const ids = boxes.value.map((b) => b.id).sort();
    const key = createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32);
    const total = boxes.value.length;
    return ok(
      this.deps.jobs.start<BoxHealth[]>({
        kind: 'fleet.refresh',
        title: total === 1 ? `Refreshing ${boxes.value[0]?.name ?? 'a box'}` : `Refreshing ${total} boxes`,
        key,
        ...(total === 1 && boxes.value[0] ? { boxId: boxes.value[0].id } : {}),
        run: async (ctx) => {
          ctx.progress({ value: 0, detail: `0 of ${total} boxes` });
          const results = await refreshBoxes({
            boxes: boxes.value,
            collect: this.deps.collect,
            concurrency: this.deps.concurrency(),
            ...(this.deps.isConnected ? { isConnected: this.deps.isConnected } : {}),
            perBoxTimeoutMs: this.perBoxTimeoutMs,
            signal: ctx.signal,
            timers: this.deps.timers,
            now: this.now,
            onResult: async (health, done) => {
              await this.observe(health);
              ctx.progress({ value: total === 0 ? 1 : done / total, detail: `${done} of ${total} boxes` });
            },
          });
          return results ? ok(results) : fail('cancelled', 'The refresh was cancelled.');
        },
      }),
    );
  }

  async health(boxIds?: readonly string[]): Promise<BoxHealth[]> {
    return this.deps.store.latest(boxIds);
  }

  async history(boxId: string): Promise<HealthPoint[]> {
    return this.deps.store.history(boxId);
  }

  /** Runs the box's status checks as a job; asking again while they run joins the running job. */
  async runChecks(boxId: string): Promise<Result<StartedJob<ChecksRun>>> {
    const boxes = await this.select([boxId]);
    if (!boxes.ok) return boxes;
    const box = boxes.value[0] as Box;
    return ok(
      this.deps.jobs.start<ChecksRun>({
        kind: 'checks.run',
        boxId: box.id,
        key: box.id,
        title: `Status checks on ${box.name}`,
        run: async (ctx) => {
          // The box says nothing until it is done, so there is no fraction to show until the end.
          ctx.progress({ value: 0, detail: 'The box is running its checks; this usually takes a minute or two.' });
          const items = await this.deps.statusChecks(box.id, ctx.signal);
          if (!items.ok) return items;
          const run: ChecksRun = { boxId: box.id, at: this.now().toISOString(), items: items.value };
          const saved = await this.deps.store.saveChecksRun(run);
          if (!saved.ok) return saved;
          await this.announceChecks(box.id);
          return ok(run);
        },
      }),
    );
  }

  /**
   * Runs the checks of every reachable box whose newest run is older than `hours` (or that has none), at most
   * `concurrency` boxes at a time. A sweep that is still going when the next one is due is left to finish.
   */
  async runDueChecks(hours: number): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const boxes = await this.deps.fleet.list();
      if (!boxes.ok) return;
      const cutoff = this.now().getTime() - hours * 3_600_000;
      const due: string[] = [];
      for (const box of boxes.value) {
        const [latest] = await this.deps.store.latest([box.id]);
        const summary = await this.deps.store.checksSummary(box.id);
        if (latest?.reachability === 'up' && (!summary || Date.parse(summary.at) <= cutoff)) due.push(box.id);
      }
      await mapBounded(due, this.deps.concurrency(), async (id) => {
        const started = await this.runChecks(id);
        if (started.ok) await started.value.result;
      });
    } finally {
      this.sweeping = false;
    }
  }

  async showChecks(boxId: string): Promise<Result<ChecksView>> {
    const boxes = await this.select([boxId]);
    if (!boxes.ok) return boxes;
    const runs = await this.deps.store.checksRuns(boxId);
    if (!runs.ok) return runs;
    const { latest, previous } = runs.value;
    return ok({ latest, previous, changes: diffRuns(previous, latest) });
  }

  /** Drops the cache of boxes that left the fleet. */
  async forgetRemovedBoxes(): Promise<void> {
    const boxes = await this.deps.fleet.list();
    if (boxes.ok) await this.deps.store.keepOnly(new Set(boxes.value.map((b) => b.id)));
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.deps.store.flush();
  }

  private async observe(raw: BoxHealth): Promise<void> {
    const checked = boxHealthSchema.safeParse({ ...raw, checks: await this.deps.store.checksSummary(raw.boxId) });
    let health: BoxHealth;
    if (checked.success) health = checked.data;
    else {
      this.log(`boxfleet: an observation of ${raw.boxId} did not match its schema: ${checked.error.message}`);
      const error = fail('internal', 'Boxfleet could not read what the box reported.').error;
      health = failedObservation(raw.boxId, this.now(), 'error', error);
    }
    await this.deps.store.record(health);
    this.deps.bus.emit('fleet.health', health);
    for (const listener of this.listeners) {
      try {
        listener(health);
      } catch (error) {
        this.log(`boxfleet: an observation listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** A new checks run changes the box's row (its rollup), not its observation: the row is re-sent as it was. */
  private async announceChecks(boxId: string): Promise<void> {
    const [latest] = await this.deps.store.latest([boxId]);
    if (!latest) return;
    const updated = { ...latest, checks: await this.deps.store.checksSummary(boxId) };
    await this.deps.store.record(updated, { history: false });
    this.deps.bus.emit('fleet.health', updated);
  }

  private async select(boxIds?: readonly string[]): Promise<Result<Box[]>> {
    const all = await this.deps.fleet.list();
    if (!all.ok || !boxIds) return all;
    const wanted = new Set(boxIds);
    const found = all.value.filter((b) => wanted.has(b.id));
    const missing = boxIds.filter((id) => !found.some((b) => b.id === id));
    if (missing.length > 0) return fail('not-found', `There is no box with id ${missing.join(', ')}.`);
    return ok(found);
  }
}
