import { join } from 'node:path';
import { z } from 'zod';
import type { StoreProblem } from '../../src-shared/contract/app';
import { resolverSchema, type BoxCheck, type CheckReport, type ZoneCheck } from '../../src-shared/contract/dns';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { JobContext, Jobs } from '../jobs/jobs';
import { mapBounded } from '../jobs/map-bounded';
import { JsonFile } from '../store/json-file';
import { authoritativeServers, checkZone, type CheckEnv } from './check/check-zone';
import { DnsClient, type AskedQuestion, type Server } from './check/dns-client';
import { formatServer, parseResolvers } from './check/resolvers';
import type { OutsideFactsSource } from './outside-facts';

/** The box as the report names it. */
export interface CheckedBox {
  id: string;
  name: string;
}

export interface DnsCheckDeps {
  jobs: Jobs;
  /** The box with this id (its name goes into the report); `fleet.find` fits. */
  box(boxId: string): Promise<Result<CheckedBox>>;
  /** What each box intends the world to see (the DNS service's outside facts). */
  facts: OutsideFactsSource;
  /** Where `dns-check.json` (the resolvers setting, mode 0600) lives. */
  dataDir: string;
  /**
   * The port nameservers are asked on, and resolvers given without one: 53 in production. Test beds pass
   * BOXFLEET_DNS_PORT so loopback nsd instances can stand in for the world.
   */
  port?: number;
  /** This computer's resolvers (`node:dns` getServers()), asked when the setting names none. */
  systemResolvers?: () => string[];
  /** How long one question waits for its answer before it counts as unknown. */
  timeoutMs?: number;
  now?: () => Date;
  onProblem?: (problem: StoreProblem) => void;
  /** How many boxes are checked at once (default 8); each checks up to 8 of its zones at once. */
  concurrency?: number;
  /** Called with every question a finished check asked (the benchmark replays them with dig). */
  onQuestions?: (questions: readonly AskedQuestion[]) => void;
}

const settingsSchema = z.object({ resolvers: z.array(resolverSchema).max(8) });
type Settings = z.infer<typeof settingsSchema>;

/**
 * The outside check: asks, from this computer, the box's nameservers, the parent zones and resolvers what they serve
 * for every zone of the boxes named, and compares with what each box intends. Runs as one `dns.check` job; reports
 * are kept in memory by job id (the newest few).
 */
export class DnsCheck {
  private readonly reports = new Map<string, CheckReport>();
  private readonly running = new Map<string, Promise<Result<CheckReport>>>();
  private readonly settingsFile: JsonFile<Settings>;
  private readonly now: () => Date;
  private readonly port: number;
  private readonly timeoutMs: number;

  constructor(private readonly deps: DnsCheckDeps) {
    this.now = deps.now ?? (() => new Date());
    this.port = deps.port ?? 53;
    this.timeoutMs = deps.timeoutMs ?? 2000;
    this.settingsFile = new JsonFile(join(deps.dataDir, 'dns-check.json'), {
      version: 1,
      schema: settingsSchema,
      empty: () => ({ resolvers: [] }),
      ...(deps.onProblem ? { onProblem: deps.onProblem } : {}),
      now: this.now,
    });
  }

  /**
   * Starts one job for every zone of every box named. Resolvers: those given, else the setting, else this computer's
   * own. Unknown boxes and malformed resolvers are refused before the job starts.
   */
  async start(boxIds: string[], resolvers?: string[]): Promise<Result<{ jobId: string }>> {
    const boxes: CheckedBox[] = [];
    for (const boxId of [...new Set(boxIds)]) {
      const box = await this.deps.box(boxId);
      if (!box.ok) return box;
      boxes.push({ id: box.value.id, name: box.value.name });
    }
    if (boxes.length === 0) return fail('validation', 'Name at least one box to check.');
    let texts = resolvers ?? [];
    if (texts.length === 0) {
      const settings = await this.getSettings();
      if (!settings.ok) return settings;
      texts = settings.value.resolvers;
    }
    if (texts.length === 0) texts = this.deps.systemResolvers?.() ?? [];
    const servers = parseResolvers(texts, this.port);
    if (!servers.ok) return servers;
    if (servers.value.length === 0)
      return fail('validation', 'This computer has no DNS resolver configured: set one for the outside check.');
    const jobIdHolder = { id: '' };
    const started = this.deps.jobs.start<CheckReport>({
      kind: 'dns.check',
      ...(boxes.length === 1 ? { boxId: (boxes[0] as CheckedBox).id } : {}),
      title:
        boxes.length === 1
          ? `Check DNS of ${(boxes[0] as CheckedBox).name} from outside`
          : `Check DNS of ${boxes.length} boxes from outside`,
      key: [...boxes.map((b) => b.id).sort(), '|', ...servers.value.map((s) => s.name)].join(' '),
      // The report names its job; the id exists only once start returns, long before the report is made.
      run: (ctx) => this.run(ctx, boxes, servers.value, () => jobIdHolder.id),
    });
    if (!started.joined) {
      const jobId = started.jobId;
      jobIdHolder.id = jobId;
      const settled = started.result.then((result) => {
        this.running.delete(jobId);
        return result;
      });
      this.running.set(jobId, settled);
    }
    return ok({ jobId: started.jobId });
  }

  /** Waits for a check started here to end (the CLI's way to print its report). */
  wait(jobId: string): Promise<Result<CheckReport>> {
    return this.running.get(jobId) ?? Promise.resolve(this.result(jobId));
  }

  result(jobId: string): Result<CheckReport> {
    const report = this.reports.get(jobId);
    if (report) return ok(report);
    if (this.running.has(jobId))
      return fail('conflict', 'The check is still running; its report comes when it ends.', { retryable: true });
    return fail('not-found', 'There is no such check (only recent ones are kept).', { retryable: false });
  }

  last(boxId: string): Result<CheckReport | null> {
    let newest: CheckReport | null = null;
    for (const report of this.reports.values()) if (report.boxes.some((box) => box.boxId === boxId)) newest = report;
    return ok(newest);
  }

  async getSettings(): Promise<Result<Settings>> {
    return this.settingsFile.readOrEmpty();
  }

  async setSettings(settings: Settings): Promise<Result<Settings>> {
    const parsed = parseResolvers(settings.resolvers, this.port);
    if (!parsed.ok) return parsed;
    const clean = { resolvers: settings.resolvers.map((r) => r.trim()) };
    const written = await this.settingsFile.write(clean);
    return written.ok ? ok(clean) : written;
  }

  private keep(report: CheckReport): void {
    this.reports.delete(report.jobId);
    this.reports.set(report.jobId, report);
    while (this.reports.size > KEEP_REPORTS) {
      const oldest = this.reports.keys().next().value;
      if (oldest === undefined) break;
      this.reports.delete(oldest);
    }
  }

  private async run(
    ctx: JobContext,
    boxes: CheckedBox[],
    resolvers: Server[],
    jobId: () => string,
  ): Promise<Result<CheckReport>> {
    const startedAt = this.now().toISOString();
    const client = new DnsClient({ timeoutMs: this.timeoutMs, signal: ctx.signal });
    const env: CheckEnv = { client, resolvers, port: this.port };
    try {
      ctx.progress({
        value: 0,
        detail: `Asking ${boxes.length === 1 ? 'the box' : `${boxes.length} boxes`} what they intend`,
      });
      // Box by box (a few at once): each box's facts come over its own SSH connection, and its zones are checked as
      // soon as they are known, so a large fleet shows progress from the first box on.
      let boxesDone = 0;
      const checks = await mapBounded(boxes, this.deps.concurrency ?? 8, async (box): Promise<BoxCheck> => {
        const check: BoxCheck = { boxId: box.id, boxName: box.name, zones: [] };
        if (ctx.signal.aborted) return check;
        const facts = await this.deps.facts(box.id);
        if (!facts.ok) {
          boxesDone += 1;
          ctx.progress({ value: boxesDone / boxes.length, detail: `${box.name}: ${facts.error.message}` });
          return { ...check, error: facts.error };
        }
        const authoritative = await authoritativeServers(env, facts.value);
        const total = facts.value.zones.length;
        let zonesDone = 0;
        const zones = await mapBounded(facts.value.zones, ZONES_PER_BOX, async (zone): Promise<ZoneCheck | null> => {
          if (ctx.signal.aborted) return null;
          const checked = await checkZone(env, facts.value, zone, authoritative);
          zonesDone += 1;
          const fleet = boxes.length === 1 ? '' : `; ${boxesDone} of ${boxes.length} boxes done`;
          ctx.progress({
            value: (boxesDone + zonesDone / Math.max(1, total)) / boxes.length,
            detail: `${box.name}: ${checked.zone} (${zonesDone} of ${total} zones${fleet})`,
          });
          return checked;
        });
        boxesDone += 1;
        return { ...check, zones: zones.filter((z): z is ZoneCheck => z !== null) };
      });
      if (ctx.signal.aborted) return fail('cancelled', 'Cancelled.');
      this.deps.onQuestions?.(client.asked);
      const report: CheckReport = {
        jobId: jobId(),
        startedAt,
        endedAt: this.now().toISOString(),
        resolvers: resolvers.map((r) => formatServer(r.address, r.port)),
        boxes: checks,
      };
      // Kept before the job ends, so whoever sees the job's end event can read the report at once.
      this.keep(report);
      return ok(report);
    } finally {
      client.close();
    }
  }
}

const KEEP_REPORTS = 20;
/** Each zone asks its questions at once; the client keeps what is on the wire bounded. */
const ZONES_PER_BOX = 8;
