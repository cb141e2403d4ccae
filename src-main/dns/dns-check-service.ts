import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { StoreProblem } from '../../src-shared/contract/app';
import { resolverSchema, type CheckReport } from '../../src-shared/contract/dns';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { Jobs } from '../jobs/jobs';
import { JsonFile } from '../store/json-file';
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
}

const settingsSchema = z.object({ resolvers: z.array(resolverSchema).max(8) });
type Settings = z.infer<typeof settingsSchema>;

/**
 * The outside check: asks, from this computer, the box's nameservers, the parent zones and resolvers what they serve
 * for every zone of the boxes named, and compares with what each box intends. Runs as one `dns.check` job; reports
 * are kept in memory by job id.
 */
export class DnsCheck {
  private readonly reports = new Map<string, CheckReport>();
  private readonly settingsFile: JsonFile<Settings>;
  private readonly now: () => Date;

  constructor(private readonly deps: DnsCheckDeps) {
    this.now = deps.now ?? (() => new Date());
    this.settingsFile = new JsonFile(join(deps.dataDir, 'dns-check.json'), {
      version: 1,
      schema: settingsSchema,
      empty: () => ({ resolvers: [] }),
      ...(deps.onProblem ? { onProblem: deps.onProblem } : {}),
      now: this.now,
    });
  }

  start(boxIds: string[], resolvers?: string[]): Promise<Result<{ jobId: string }>> {
    void boxIds;
    void resolvers;
    void randomUUID;
    void this.deps;
    return Promise.resolve(fail('not-supported', 'The outside check is not built yet.'));
  }

  result(jobId: string): Result<CheckReport> {
    const report = this.reports.get(jobId);
    return report
      ? ok(report)
      : fail('not-found', 'There is no such check (only recent ones are kept).', { retryable: false });
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
    const written = await this.settingsFile.write(settings);
    return written.ok ? ok(settings) : written;
  }
}
