import { join } from 'node:path';
import type { StoreProblem } from '../../src-shared/contract/app';
import { fleetScheduleSchema, type FleetSchedule } from '../../src-shared/contract/fleet';
import { ok, type Result } from '../../src-shared/contract/result';
import { JsonFile } from '../store/json-file';
import type { Timers } from './refresh-run';

export const DEFAULT_SCHEDULE: FleetSchedule = {
  refreshMinutes: 15,
  checksHours: 24,
  pauseWhenHidden: false,
  idleCloseSeconds: 300,
  // A warm look is one exec on an open connection: 64 at once keep a 50-box refresh to about one wave of round
  // trips, while a cold start of a large fleet still opens connections in bounded batches.
  concurrency: 64,
};

/** How often the scheduler looks for boxes whose status checks are due (each box is still run once per `checksHours`). */
export const CHECKS_SWEEP_MS = 30 * 60_000;
/** The first sweep waits a little, so opening the app is not met with a burst of slow checks. */
export const FIRST_SWEEP_MS = 2 * 60_000;

/** `fleet-schedule.json`: the background schedule, defaults when absent. */
export function openScheduleFile(dataDir: string, onProblem: (p: StoreProblem) => void): JsonFile<FleetSchedule> {
  return new JsonFile(join(dataDir, 'fleet-schedule.json'), {
    version: 1,
    schema: fleetScheduleSchema,
    empty: () => ({ ...DEFAULT_SCHEDULE }),
    onProblem,
  });
}

export interface SchedulerDeps {
  file: JsonFile<FleetSchedule>;
  timers: Timers;
  /** Starts a refresh of every box (joins one that runs). */
  refresh: () => void;
  /** Runs the status checks of boxes whose newest run is older than `hours`. */
  runDueChecks: (hours: number) => void;
  /** Told when the schedule changes (the SSH pool's idle time follows it). */
  onChange?: (schedule: FleetSchedule) => void;
}

/**
 * The background schedule: a refresh every `refreshMinutes`, a sweep for due status checks, both held while the
 * window is hidden when the user asked for that (a tick missed while hidden runs as soon as the window shows).
 * Only the desktop app and browser mode start it; the CLI never runs timers.
 */
export class FleetScheduler {
  private schedule: FleetSchedule = { ...DEFAULT_SCHEDULE };
  private visible = true;
  private started = false;
  private refreshTimer: unknown;
  private checksTimer: unknown;
  private missedRefresh = false;
  private missedChecks = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Reads the stored schedule (defaults when there is none); used by the CLI too, without starting timers. */
  async load(): Promise<FleetSchedule> {
    const read = await this.deps.file.readOrEmpty();
    if (read.ok) this.schedule = { ...DEFAULT_SCHEDULE, ...read.value };
    this.deps.onChange?.(this.schedule);
    return this.schedule;
  }

  async start(): Promise<void> {
    await this.load();
    this.started = true;
    this.arm(true);
  }

  get(): FleetSchedule {
    return { ...this.schedule };
  }

  async set(change: Partial<FleetSchedule>): Promise<Result<FleetSchedule>> {
    // Only the fields given: a partial request may carry keys whose value is undefined.
    const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    const next = fleetScheduleSchema.parse({ ...this.schedule, ...given });
    const written = await this.deps.file.write(next);
    if (!written.ok) return written;
    this.schedule = next;
    this.deps.onChange?.(next);
    if (this.started) this.arm(false);
    return ok(this.get());
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible || !this.started) return;
    if (this.missedRefresh) {
      this.missedRefresh = false;
      this.deps.refresh();
    }
    if (this.missedChecks) {
      this.missedChecks = false;
      this.deps.runDueChecks(this.schedule.checksHours);
    }
  }

  close(): void {
    this.started = false;
    this.clear();
  }

  private held(): boolean {
    return this.schedule.pauseWhenHidden && !this.visible;
  }

  private clear(): void {
    if (this.refreshTimer !== undefined) this.deps.timers.clearTimeout(this.refreshTimer);
    if (this.checksTimer !== undefined) this.deps.timers.clearTimeout(this.checksTimer);
    this.refreshTimer = undefined;
    this.checksTimer = undefined;
  }

  private arm(first: boolean): void {
    this.clear();
    if (this.schedule.refreshMinutes > 0) this.armRefresh();
    if (this.schedule.checksHours > 0) this.armChecks(first ? FIRST_SWEEP_MS : CHECKS_SWEEP_MS);
  }

  private armRefresh(): void {
    this.refreshTimer = this.deps.timers.setTimeout(() => {
      if (this.held()) this.missedRefresh = true;
      else this.deps.refresh();
      this.armRefresh();
    }, this.schedule.refreshMinutes * 60_000);
  }

  private armChecks(delayMs: number): void {
    this.checksTimer = this.deps.timers.setTimeout(() => {
      if (this.held()) this.missedChecks = true;
      else this.deps.runDueChecks(this.schedule.checksHours);
      this.armChecks(CHECKS_SWEEP_MS);
    }, delayMs);
  }
}
