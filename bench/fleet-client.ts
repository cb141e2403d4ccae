/**
 * The measuring process of the fleet benchmark, started once per fleet size so "cold" really is cold and its peak
 * RSS is the refresh's alone (the boxes, proxies and emulators live in the parent). Reads a ClientJob as JSON on
 * stdin, prints one `FLEET-RESULT <json>` line on stdout, and exits.
 */
import { z } from 'zod';
import { collectorRefresher } from './fleet-collector';
import { probeRefresher, type FleetRefresher } from './fleet-driver';

const benchBoxSchema = z.object({
  id: z.string(),
  host: z.string(),
  port: z.number().int(),
  user: z.string(),
  privateKeyPath: z.string(),
  hostKeyType: z.string(),
  hostKeyFingerprint: z.string(),
  apiPort: z.number().int(),
  paths: z.object({ apiKey: z.string(), conf: z.string(), storageRoot: z.string() }),
});

/** What is measured: the probe exec alone (the SSH floor), or the collector over every box. */
export const REFRESH_MODES = ['probe', 'collector'] as const;
export type RefreshMode = (typeof REFRESH_MODES)[number];

export const clientJobSchema = z.object({
  boxes: z.array(benchBoxSchema),
  mode: z.enum(REFRESH_MODES),
  concurrency: z.number().int().positive(),
  warmRounds: z.number().int().positive(),
});
export type ClientJob = z.infer<typeof clientJobSchema>;

export const clientResultSchema = z.object({
  refresher: z.string(),
  boxes: z.number(),
  coldMs: z.number(),
  coldOk: z.number(),
  warmMs: z.array(z.number()),
  warmOk: z.array(z.number()),
  connected: z.number(),
  /** RSS right after the warm rounds, every box connected. */
  rssBytes: z.number(),
  /** The process's peak RSS over its whole life. */
  peakRssBytes: z.number(),
  failures: z.record(z.string(), z.string()),
});
export type ClientResult = z.infer<typeof clientResultSchema>;

export const RESULT_MARK = 'FLEET-RESULT ';

const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const job = clientJobSchema.parse(JSON.parse(await readStdin()));
  const refresher: FleetRefresher = job.mode === 'probe' ? await probeRefresher(job) : await collectorRefresher(job);
  try {
    let start = process.hrtime.bigint();
    const cold = await refresher.refresh();
    const coldMs = elapsedMs(start);
    const warmMs: number[] = [];
    const warmOk: number[] = [];
    let failures = cold.failures;
    for (let round = 0; round < job.warmRounds; round += 1) {
      start = process.hrtime.bigint();
      const warm = await refresher.refresh();
      warmMs.push(elapsedMs(start));
      warmOk.push(warm.ok);
      failures = { ...failures, ...warm.failures };
    }
    const result: ClientResult = {
      refresher: refresher.name,
      boxes: job.boxes.length,
      coldMs,
      coldOk: cold.ok,
      warmMs,
      warmOk,
      connected: refresher.connected(),
      rssBytes: process.memoryUsage().rss,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      failures,
    };
    process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
  } finally {
    refresher.close();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
