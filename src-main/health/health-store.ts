import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { StoreProblem } from '../../src-shared/contract/app';
import type { Result } from '../../src-shared/contract/result';
import { boxIdSchema } from '../../src-shared/domain/box';
import {
  boxHealthSchema,
  checksRunSchema,
  checksSummarySchema,
  type BoxHealth,
  type ChecksRun,
  type ChecksSummary,
  type HealthPoint,
} from '../../src-shared/domain/fleet-health';
import { JsonFile } from '../store/json-file';
import { summarizeRun } from './checks-diff';
import type { Timers } from './refresh-run';
import { appendPoint, decodeSeries, historySeriesSchema, pointOf } from './health-history';

const healthDataSchema = z.object({
  /** The newest observation per box. */
  latest: z.record(boxIdSchema, boxHealthSchema),
  /** The rollup of each box's newest status-check run, so a refresh can fill `checks` without reading runs. */
  checks: z.record(boxIdSchema, checksSummarySchema),
  history: z.record(boxIdSchema, historySeriesSchema),
});
type HealthData = z.infer<typeof healthDataSchema>;

const checksFileSchema = z.object({ latest: checksRunSchema.nullable(), previous: checksRunSchema.nullable() });
export type ChecksRuns = z.infer<typeof checksFileSchema>;

export interface HealthStoreOptions {
  dataDir: string;
  timers: Timers;
  /** How long changes gather before they are written (a refresh flushes at its end anyway). Default 5 s. */
  writeDelayMs?: number;
  onProblem: (problem: StoreProblem) => void;
  log: (message: string) => void;
}

/**
 * The health cache in the data directory: `fleet-health.json` (newest observation, checks rollup and bounded
 * history of every box, kept in memory and written coalesced, off the refresh's path) and one
 * `status-checks/<box id>.json` per box (its newest run and the one before, read only when asked for).
 */
export class HealthStore {
  private readonly file: JsonFile<HealthData>;
  private data: HealthData | undefined;
  private loading: Promise<HealthData> | undefined;
  private dirty = false;
  private writing: Promise<void> | undefined;
  private writeTimer: unknown;
  /** Per box: its checks file is read-modified-written one run at a time. */
  private readonly checksChains = new Map<string, Promise<unknown>>();
  private forgetting: Promise<void> = Promise.resolve();

  constructor(private readonly options: HealthStoreOptions) {
    this.file = new JsonFile(join(options.dataDir, 'fleet-health.json'), {
      version: 1,
      schema: healthDataSchema,
      empty: () => ({ latest: {}, checks: {}, history: {} }),
      onProblem: options.onProblem,
    });
  }

  /** Reads the file once; a damaged one was moved aside and reported, and the cache starts empty. */
  async load(): Promise<HealthData> {
    if (this.data) return this.data;
    this.loading ??= this.file.readOrEmpty().then((read) => {
      if (!read.ok) this.options.log(`boxfleet: ${read.error.message}`);
      // Copied: the JsonFile's cache must not change under it between writes.
      const value = read.ok ? read.value : { latest: {}, checks: {}, history: {} };
      this.data = { latest: { ...value.latest }, checks: { ...value.checks }, history: { ...value.history } };
      return this.data;
    });
    return this.loading;
  }

  async latest(boxIds?: readonly string[]): Promise<BoxHealth[]> {
    const data = await this.load();
    const ids = boxIds ?? Object.keys(data.latest).sort();
    return ids.flatMap((id) => (data.latest[id] ? [data.latest[id]] : []));
  }

  async history(boxId: string): Promise<HealthPoint[]> {
    return decodeSeries((await this.load()).history[boxId] ?? []);
  }

  async checksSummary(boxId: string): Promise<ChecksSummary | null> {
    return (await this.load()).checks[boxId] ?? null;
  }

  /** Keeps an observation and its history point; written to disk soon after, coalesced with others. */
  async record(health: BoxHealth, options: { history: boolean } = { history: true }): Promise<void> {
    const data = await this.load();
    data.latest[health.boxId] = health;
    if (options.history) data.history[health.boxId] = appendPoint(data.history[health.boxId] ?? [], pointOf(health));
    this.persist();
  }

  async checksRuns(boxId: string): Promise<Result<ChecksRuns>> {
    return this.checksFile(boxId).readOrEmpty();
  }

  /** The new run becomes the latest, the latest becomes the previous; the box's rollup follows. */
  async saveChecksRun(run: ChecksRun): Promise<Result<ChecksRuns>> {
    const previous = this.checksChains.get(run.boxId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const saved = await this.checksFile(run.boxId).update((current) => ({
        latest: run,
        previous: current.latest,
      }));
      if (saved.ok) {
        (await this.load()).checks[run.boxId] = summarizeRun(run);
        this.persist();
      }
      return saved;
    });
    const settled = next.finally(() => {
      if (this.checksChains.get(run.boxId) === settled) this.checksChains.delete(run.boxId);
    });
    this.checksChains.set(run.boxId, settled);
    return next;
  }

  /** Drops everything kept about boxes that are no longer in the fleet. */
  keepOnly(boxIds: ReadonlySet<string>): Promise<void> {
    // One at a time: a second call must not return before the first one's files are gone.
    this.forgetting = this.forgetting
      .then(() => this.dropAllBut(boxIds))
      .catch((error: unknown) =>
        this.options.log(
          `boxfleet: could not forget removed boxes: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    return this.forgetting;
  }

  private async dropAllBut(boxIds: ReadonlySet<string>): Promise<void> {
    const data = await this.load();
    const gone = new Set(
      [...Object.keys(data.latest), ...Object.keys(data.checks), ...Object.keys(data.history)].filter(
        (id) => !boxIds.has(id),
      ),
    );
    if (gone.size === 0) return;
    const kept = <T>(record: Record<string, T>): Record<string, T> =>
      Object.fromEntries(Object.entries(record).filter(([id]) => !gone.has(id)));
    data.latest = kept(data.latest);
    data.checks = kept(data.checks);
    data.history = kept(data.history);
    for (const id of gone) await rm(this.checksPath(id), { force: true });
    this.persist();
  }

  /** Writes what was recorded so far now, and waits until it is on disk. */
  async flush(): Promise<void> {
    while (this.dirty || this.writing) {
      if (this.writeTimer !== undefined) this.options.timers.clearTimeout(this.writeTimer);
      this.writeTimer = undefined;
      this.writing ??= this.drain();
      await this.writing;
    }
  }

  /**
   * Marks the cache changed and writes it a little later: a refresh of 1,000 boxes records 1,000 observations,
   * and the file (megabytes at that size) is written once for them, not once each.
   */
  private persist(): void {
    this.dirty = true;
    if (this.writeTimer !== undefined || this.writing) return;
    this.writeTimer = this.options.timers.setTimeout(() => {
      this.writeTimer = undefined;
      this.writing ??= this.drain();
    }, this.options.writeDelayMs ?? 5_000);
  }

  /** One write; what changed during it is written by the next timer (or flush), not straight after. */
  private async drain(): Promise<void> {
    this.dirty = false;
    if (this.data) {
      const written = await this.file.write(this.data);
      if (!written.ok) this.options.log(`boxfleet: ${written.error.message}`);
    }
    this.writing = undefined;
    if (this.dirty) this.persist();
  }

  private checksPath(boxId: string): string {
    return join(this.options.dataDir, 'status-checks', `${boxIdSchema.parse(boxId)}.json`);
  }

  /** A fresh JsonFile per use: runs are read only when shown, so 1,000 boxes' runs never sit in memory. */
  private checksFile(boxId: string): JsonFile<ChecksRuns> {
    return new JsonFile(this.checksPath(boxId), {
      version: 1,
      schema: checksFileSchema,
      empty: () => ({ latest: null, previous: null }),
      onProblem: this.options.onProblem,
    });
  }
}
