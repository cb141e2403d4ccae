/**
 * How long a full fleet refresh takes, and what it costs in memory, next to parallel-ssh and ansible.
 *
 * Boxes are the harness's testbed: per box a network namespace, a real sshd, the box emulator, and a delay proxy
 * adding RTT_MS per round trip. Per fleet size, on the first N boxes: Boxfleet's refresh in a fresh measuring
 * process (cold: connect, authenticate, probe; then warm rounds on the open connections; its peak RSS), then
 * `parallel-ssh` and `ansible -m raw` running the same probe text against the same boxes. Then a scale run over
 * simulated boxes (fleet-sim.ts: an ssh2 server behind one delay proxy per box). Every figure and ratio is printed
 * with the goals of issue 8 marked pass/fail.
 *
 * Boxfleet's concurrency is the app's default (the schedule's) unless --concurrency says otherwise.
 *
 *   npm run bench -- fleet [--sizes 10,50,100|none] [--skip-scale] [--skip-anchors] [--scale 1000] [--warm-rounds 3]
 *                          [--concurrency N] [--rtt 50]
 */
import { runCommand } from '../tests/harness/run-command';
import { netnsSupport } from '../tests/harness/netns';
import { stopAllProcesses } from '../tests/harness/processes';
import { removeTempDirs } from '../tests/harness/temp';
import { releaseTestUsers } from '../tests/harness/test-users';
import { tcpRoundTrip } from './anchors';
import { prepareAnsible, runParallelSsh, type AnchorRun } from './fleet-anchors';
import { runClient, startNamespacedFleet, startSimFleet, type BenchFleet } from './fleet-bed';
import type { ClientResult, RefreshMode } from './fleet-client';
import { fleetProbe, type Probe } from './fleet-probe';
import { fleetReport, type SizeResult } from './fleet-report';
import { parseFleetArgs, type FleetArgs } from './fleet-args';

/** What "Boxfleet" means in the table: the most complete refresh path there is. */
const MAIN_MODE: RefreshMode = 'service';

async function have(tool: string): Promise<boolean> {
  return (await runCommand('sh', ['-c', `command -v ${tool}`], { allowFailure: true })).code === 0;
}

async function measureSize(fleet: BenchFleet, size: number, args: FleetArgs, probe: Probe): Promise<SizeResult> {
  const boxes = fleet.boxes.slice(0, size);
  const client = { boxes, concurrency: args.concurrency, warmRounds: args.warmRounds };
  console.error(`${size} boxes: Boxfleet …`);
  const boxfleet = await runClient({ ...client, mode: MAIN_MODE });
  console.error(`${size} boxes: probe exec only …`);
  const probeOnly = await runClient({ ...client, mode: 'probe' });
  console.error(`${size} boxes: exec true …`);
  const noop = await runClient({ ...client, mode: 'noop' });
  let pssh: AnchorRun | null = null;
  let ansibleCold: AnchorRun | null = null;
  let ansibleWarm: AnchorRun | null = null;
  if (!args.skipAnchors) {
    console.error(`${size} boxes: parallel-ssh …`);
    pssh = await runParallelSsh(boxes, probe);
    console.error(`${size} boxes: ansible …`);
    const ansible = await prepareAnsible(boxes, probe);
    try {
      ansibleCold = await ansible.run(true);
      ansibleWarm = await ansible.run(false);
    } finally {
      await ansible.stop();
    }
  }
  return { size, boxfleet, probeOnly, noop, pssh, ansibleCold, ansibleWarm };
}

async function measureScale(args: FleetArgs): Promise<ClientResult> {
  console.error(`scale: starting ${args.scale} simulated boxes …`);
  const sim = await startSimFleet(args.scale, args.rttMs);
  try {
    console.error(`scale: ${args.scale} boxes: Boxfleet …`);
    return await runClient({
      boxes: sim.boxes,
      mode: MAIN_MODE,
      concurrency: args.concurrency,
      warmRounds: args.warmRounds,
    });
  } finally {
    await sim.stop();
  }
}

export async function runFleet(argv: readonly string[] = process.argv.slice(3)): Promise<void> {
  const args = parseFleetArgs(argv);
  const support = netnsSupport();
  if (!support.ok) throw new Error(`the fleet benchmark needs network namespaces: ${support.reason}`);
  if (!args.skipAnchors) {
    for (const tool of ['parallel-ssh', 'ansible']) {
      if (!(await have(tool))) throw new Error(`${tool} is missing: apt-get install pssh ansible (or --skip-anchors)`);
    }
  }
  const probe = fleetProbe();
  let fleet: BenchFleet | undefined;
  let stopping = false;
  const cleanUp = async (): Promise<void> => {
    await stopAllProcesses(1000).catch(() => undefined);
    await fleet?.stop().catch((error: unknown) => console.error(error));
    await removeTempDirs();
    await releaseTestUsers();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping boxes and removing namespaces …`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const rtt = await tcpRoundTrip('TCP ping-pong', args.rttMs / 2, 20);
    const maxSize = Math.max(0, ...args.sizes);
    const sizes: SizeResult[] = [];
    if (maxSize > 0) {
      console.error(`starting ${maxSize} boxes (namespace, sshd, emulator, delay proxy each) …`);
      const started = Date.now();
      fleet = await startNamespacedFleet(maxSize, args.rttMs);
      console.error(`… started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const size of args.sizes) sizes.push(await measureSize(fleet, size, args, probe));
      await fleet.stop();
      fleet = undefined;
    }
    const scale = args.skipScale ? null : await measureScale(args);
    console.log(fleetReport({ args, probeSource: probe.source, rtt, sizes, scale }));
  } catch (error) {
    // Interrupted: the children died with the signal; the clean-up under way exits, with nothing more to say.
    if (stopping) await new Promise<never>(() => undefined);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!stopping) await cleanUp();
  }
}

if (require.main === module) {
  runFleet(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
