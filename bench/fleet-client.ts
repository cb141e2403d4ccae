/**
 * The measuring process of the fleet benchmark, started once per fleet size so "cold" really is cold and its peak
 * RSS is the refresh's alone (the boxes, proxies and emulators live in the parent). Reads a ClientJob as JSON on
 * stdin, prints one `FLEET-RESULT <json>` line on stdout, and exits.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { removeTempDirs } from '../tests/harness/temp';
import { serviceRefresher } from './fleet-service';
import { noopRefresher, probeRefresher, type FleetRefresher, type RefreshOutcome } from './fleet-driver';

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

/**
 * What is measured: `true` per box (the SSH fan-out alone), the probe exec alone, or the app's refresh service.
 */
export const REFRESH_MODES = ['noop', 'probe', 'service'] as const;
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
  /** CPU time of this process, and of the whole machine (/proc/stat, all cores: boxes, proxies, others), per round. */
  coldCpuMs: z.number(),
  coldMachineCpuMs: z.number(),
  warmMs: z.array(z.number()),
  warmOk: z.array(z.number()),
  warmCpuMs: z.array(z.number()),
  warmMachineCpuMs: z.array(z.number()),
  connected: z.number(),
  /** RSS right after the warm rounds, every box connected. */
  rssBytes: z.number(),
  /** The process's peak RSS over its whole life. */
  peakRssBytes: z.number(),
  failures: z.record(z.string(), z.string()),
});
export type ClientResult = z.infer<typeof clientResultSchema>;

export const RESULT_MARK = 'FLEET-RESULT ';

/** Busy CPU time of the whole machine so far, ms (user + nice + system + irq + softirq + steal, all cores). */
function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const ticks = [user, nice, system, irq, softirq, steal].reduce<number>((sum, n) => sum + (n ?? 0), 0);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

interface Round {
  outcome: RefreshOutcome;
  ms: number;
  cpuMs: number;
  machineCpuMs: number;
}

async function measured(refresh: () => Promise<RefreshOutcome>): Promise<Round> {
  const cpu = process.cpuUsage();
  const machine = machineBusyMs();
  const start = process.hrtime.bigint();
  const outcome = await refresh();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { outcome, ms, cpuMs: (used.user + used.system) / 1000, machineCpuMs: machineBusyMs() - machine };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const job = clientJobSchema.parse(JSON.parse(await readStdin()));
  const refresher: FleetRefresher =
    job.mode === 'noop'
      ? await noopRefresher(job)
      : job.mode === 'probe'
        ? await probeRefresher(job)
        : await serviceRefresher(job);
  try {
    const cold = await measured(() => refresher.refresh());
    const warm: Round[] = [];
    for (let round = 0; round < job.warmRounds; round += 1) warm.push(await measured(() => refresher.refresh()));
    const result: ClientResult = {
      refresher: refresher.name,
      boxes: job.boxes.length,
      coldMs: cold.ms,
      coldOk: cold.outcome.ok,
      coldCpuMs: cold.cpuMs,
      coldMachineCpuMs: cold.machineCpuMs,
      warmMs: warm.map((r) => r.ms),
      warmOk: warm.map((r) => r.outcome.ok),
      warmCpuMs: warm.map((r) => r.cpuMs),
      warmMachineCpuMs: warm.map((r) => r.machineCpuMs),
      connected: refresher.connected(),
      rssBytes: process.memoryUsage().rss,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      failures: Object.assign({}, cold.outcome.failures, ...warm.map((r) => r.outcome.failures)) as Record<
        string,
        string
      >,
    };
    process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
  } finally {
    await refresher.close();
    await removeTempDirs();
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
