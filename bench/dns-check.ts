/**
 * The outside DNS check of 20 zones with full record sets (the emulator's own: A, AAAA-less box, MX, SPF, DKIM,
 * DMARC, SRV, TLSA, autoconfig/autodiscover/mta-sts/www names, DNSKEY) against local nsd: a parent zone, the box and a
 * resolver on loopback. Next to it, in the same run, a loop of `dig` (bind9-dnsutils) asking exactly the questions
 * the check asked, one process per question, as a script would.
 *
 *   npm run bench -- dns-check        (or: node scripts/run-ts.mjs bench/dns-check.ts)
 *   env: RUNS (default 5) check runs (median reported); DIG_RUNS (default 1) dig loops
 *
 * Also shown: the same questions from one `dig -f` batch, so the gap is not only process start-up.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { ok } from '../src-shared/contract/result';
import type { AskedQuestion } from '../src-main/dns/check/dns-client';
import { DnsCheck } from '../src-main/dns/dns-check-service';
import { EventBus } from '../src-main/events/event-bus';
import { Jobs } from '../src-main/jobs/jobs';
import { startDnsWorld, type DnsWorld } from '../tests/harness/dns-world';
import { stopAllProcesses } from '../tests/harness/processes';
import { runCommand } from '../tests/harness/run-command';
import { makeTempDir, removeTempDirs } from '../tests/harness/temp';
import { fmt, table } from './timing';

const ZONES = 20;

interface CheckRun {
  ms: number;
  questions: readonly AskedQuestion[];
  findings: number;
  problems: number;
  unknown: number;
}

async function checkOnce(world: DnsWorld, dataDir: string): Promise<CheckRun> {
  let questions: readonly AskedQuestion[] = [];
  const check = new DnsCheck({
    jobs: new Jobs({ bus: new EventBus() }),
    box: (boxId) => Promise.resolve(ok({ id: boxId, name: 'bench-box' })),
    facts: () => Promise.resolve(ok(world.facts)),
    dataDir,
    port: world.port,
    timeoutMs: 2000,
    onQuestions: (asked) => (questions = asked),
  });
  const start = process.hrtime.bigint();
  const started = await check.start(['bench-box'], [world.resolver]);
  if (!started.ok) throw new Error(started.error.message);
  const report = await check.wait(started.value.jobId);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!report.ok) throw new Error(report.error.message);
  const zones = report.value.boxes.flatMap((b) => b.zones);
  if (zones.length !== ZONES) throw new Error(`checked ${zones.length} zones, expected ${ZONES}`);
  const findings = zones.flatMap((z) => z.findings);
  return {
    ms,
    questions,
    findings: findings.length,
    problems: findings.filter((f) => f.status === 'problem').length,
    unknown: findings.filter((f) => f.status === 'unknown').length,
  };
}

/** The same questions, one `dig` process each, in sequence: what a shell loop over the zones would do. */
async function digLoop(questions: readonly AskedQuestion[]): Promise<{ ms: number; failed: number }> {
  let failed = 0;
  const start = process.hrtime.bigint();
  for (const { server, question } of questions) {
    const result = await runCommand(
      'dig',
      [
        `@${server.address}`,
        '-p',
        String(server.port),
        question.recurse ? '+rec' : '+norec',
        '+time=2',
        '+tries=1',
        question.name,
        question.type,
      ],
      { allowFailure: true },
    );
    if (result.code !== 0 || !/status: (NOERROR|NXDOMAIN)/.test(result.stdout)) failed += 1;
  }
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, failed };
}

/**
 * A kinder anchor: the same questions from one `dig -f` batch (one process, still one question after another), so
 * the figure is not only the cost of starting a process per question.
 */
async function digBatch(questions: readonly AskedQuestion[], dir: string): Promise<{ ms: number; answers: number }> {
  const file = path.join(dir, 'questions.txt');
  const lines = questions.map(
    ({ server, question }) =>
      `@${server.address} -p ${server.port} ${question.recurse ? '+rec' : '+norec'} +time=2 +tries=1 ${question.name} ${question.type}`,
  );
  await writeFile(file, lines.join('\n') + '\n');
  const start = process.hrtime.bigint();
  const result = await runCommand('dig', ['-f', file], { allowFailure: true, timeoutMs: 600_000 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, answers: (result.stdout.match(/status: (NOERROR|NXDOMAIN)/g) ?? []).length };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function runDnsCheck(): Promise<void> {
  const runs = Math.max(1, Math.min(50, Number(process.env['RUNS'] ?? 5)));
  const digRuns = Math.max(1, Math.min(10, Number(process.env['DIG_RUNS'] ?? 1)));
  const dig = await runCommand('dig', ['-v'], { allowFailure: true });
  if (dig.code !== 0)
    throw new Error(
      'dig is missing: apt-get install -y --no-install-recommends bind9-dnsutils (scripts/install-system-deps.sh)',
    );
  const world = await startDnsWorld({ extraZones: ZONES - 1 });
  try {
    const dataDir = await makeTempDir('bench-dns-check', 0o700);
    await checkOnce(world, dataDir); // warm-up: module loading, first sockets
    const checks: CheckRun[] = [];
    for (let i = 0; i < runs; i++) checks.push(await checkOnce(world, dataDir));
    const first = checks[0] as CheckRun;
    const digs: Array<{ ms: number; failed: number }> = [];
    for (let i = 0; i < digRuns; i++) digs.push(await digLoop(first.questions));
    const batch = await digBatch(first.questions, dataDir);
    const checkMs = median(checks.map((c) => c.ms));
    const digMs = median(digs.map((d) => d.ms));
    const questions = first.questions.length;
    const tcp = first.questions.filter((q) => q.outcome === 'tcp').length;
    console.log(
      `DNS outside check: ${ZONES} zones, ${world.facts.zones.reduce((n, z) => n + z.records.length, 0)} intended records, ` +
        `${questions} distinct questions (${tcp} over TCP after truncation) to the box, the parent and a resolver on loopback nsd.`,
    );
    console.log(
      `machine: ${cpus().length} cores, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(`findings per check: ${first.findings} (${first.problems} problems, ${first.unknown} unknown)`);
    console.log(
      table(
        ['', 'runs', 'median ms', 'ms per question'],
        [
          ['Boxfleet outside check (one job)', String(runs), fmt(checkMs), fmt(checkMs / questions)],
          ['dig loop, same questions', String(digRuns), fmt(digMs), fmt(digMs / questions)],
          ['dig -f batch, same questions', '1', fmt(batch.ms), fmt(batch.ms / questions)],
        ],
      ),
    );
    const failed = digs.reduce((n, d) => n + d.failed, 0);
    if (failed > 0) console.log(`dig: ${failed} questions got no NOERROR/NXDOMAIN answer`);
    const ratio = digMs / checkMs;
    if (batch.answers !== questions) console.log(`dig -f: ${questions - batch.answers} questions got no answer`);
    console.log(`ratio: the check is ${ratio.toFixed(1)}x faster than the dig loop (goal: >= 20x)`);
    console.log(`(and ${(batch.ms / checkMs).toFixed(1)}x faster than one dig process asking them in turn)`);
  } finally {
    await world.stop();
    await stopAllProcesses();
    await removeTempDirs();
  }
}

if (require.main === module) {
  runDnsCheck().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
