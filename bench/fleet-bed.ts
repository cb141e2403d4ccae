/**
 * The boxes of the fleet benchmark. Real ones: the harness's testbed (one network namespace, emulator, bridge and
 * real sshd per box, a delay proxy in front of each sshd). Simulated ones for the scale run: fleet-sim.ts in a
 * child process. Both come back as the same BenchBox list, plus the measuring-process runner that drives them.
 */
import path from 'node:path';
import { startProcess, stopProcess, type TrackedProcess } from '../tests/harness/processes';
import { fingerprintOfKeyFile, generateKey, makeKeyPair, type KeyPair } from '../tests/harness/ssh-keys';
import { makeTempDir } from '../tests/harness/temp';
import { startTestbed, type Testbed } from '../tests/harness/testbed';
import type { AnchorBox } from './fleet-anchors';
import { clientResultSchema, RESULT_MARK, type ClientJob, type ClientResult } from './fleet-client';
import { SIM_READY_MARK, simReadySchema, type SimJob } from './fleet-sim';

export interface BenchFleet {
  boxes: AnchorBox[];
  stop(): Promise<void>;
}

const ED25519 = 'ssh-ed25519';

/**
 * Boxes started per testbed call. All at once would queue 100 namespace creations on the harness's lock, and the
 * last ones would pass its 30 s command limit.
 */
const CHUNK = 20;

/** `count` testbed boxes in their own namespaces, `rttMs` away; flavours alternate. One client key logs in to all. */
export async function startNamespacedFleet(count: number, rttMs: number): Promise<BenchFleet> {
  const beds: Testbed[] = [];
  const stop = async (): Promise<void> => {
    for (const bed of beds.splice(0).reverse()) await bed.stop();
  };
  try {
    for (let first = 0; first < count; first += CHUNK) {
      beds.push(
        await startTestbed({
          boxes: Array.from(
            { length: Math.min(CHUNK, count - first) },
            (_, i) => ({ flavour: (first + i) % 2 === 0 ? 'upstream' : 'power' }) as const,
          ),
          netns: true,
          latencyMs: rttMs,
          // Stub tools and per-box state (box-system.ts): the probe's own cost stays small, as on a box with its
          // own CPU, instead of 100 real `apt-get -s upgrade` runs sharing this machine's two cores.
          system: true,
        }),
      );
    }
    const key = beds[0]?.clientKey;
    if (!key) throw new Error('no boxes');
    const boxes: AnchorBox[] = [];
    for (const bed of beds) {
      for (const box of bed.boxes) {
        if (bed !== beds[0]) await box.sshd.authorizeKey(box.profile.user, key.publicKeyLine);
        const profile = box.profile;
        boxes.push({
          id: `box${boxes.length + 1}`,
          host: profile.host,
          port: profile.port,
          user: profile.user,
          privateKeyPath: key.privateKeyPath,
          hostKeyType: ED25519,
          hostKeyFingerprint: profile.hostKeyFingerprint,
          hostPublicKey: box.sshd.hostPublicKey,
          apiPort: profile.apiPort,
          paths: profile.paths,
        });
      }
    }
    return { boxes, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** `count` simulated boxes (fleet-sim.ts), each behind its own delay proxy of `rttMs / 2` per direction. */
export async function startSimFleet(count: number, rttMs: number, clientKey?: KeyPair): Promise<BenchFleet> {
  const dir = await makeTempDir('sim', 0o700);
  const key = clientKey ?? (await makeKeyPair({ type: 'ed25519', comment: 'boxfleet-bench-sim' }));
  const hostKeyPath = path.join(dir, 'ssh_host_ed25519_key');
  await generateKey(hostKeyPath, 'ed25519', { comment: 'boxfleet-bench-sim' });
  const hostKeyFingerprint = await fingerprintOfKeyFile(`${hostKeyPath}.pub`);
  const job: SimJob = {
    count,
    delayMs: rttMs / 2,
    hostKeyPath,
    clientPublicKey: key.publicKeyLine,
    emulatorRoot: await makeTempDir('sim-root', 0o755),
  };
  const sim = await startTs('simulated boxes', 'fleet-sim.ts', JSON.stringify(job));
  try {
    const match = await sim.waitForOutput(new RegExp(`${SIM_READY_MARK}(.*)\n`), 120_000);
    const ready = simReadySchema.parse(JSON.parse(match[1] ?? ''));
    const boxes = ready.ports.map((port, i): AnchorBox => ({
      id: `sim${i + 1}`,
      host: '127.0.0.1',
      port,
      user: 'bfadmin',
      privateKeyPath: key.privateKeyPath,
      hostKeyType: ED25519,
      hostKeyFingerprint,
      hostPublicKey: '',
      apiPort: ready.apiPort,
      paths: { apiKey: ready.apiKeyPath, conf: '/etc/mailinabox.conf', storageRoot: '/home/user-data' },
    }));
    return { boxes, stop: async () => void (await stopProcess(sim)) };
  } catch (error) {
    await stopProcess(sim);
    throw error;
  }
}

/** A bench entry point in a tracked child process (stopped on Ctrl-C and by the reaper), its job on stdin. */
function startTs(name: string, file: string, stdin: string): Promise<TrackedProcess> {
  return startProcess(name, process.execPath, ['--import', 'tsx', path.join(__dirname, file)], { stdin });
}

/** Runs one measuring process (fleet-client.ts) over `job` and returns what it measured. */
export async function runClient(job: ClientJob): Promise<ClientResult> {
  const client = await startTs('fleet client', 'fleet-client.ts', JSON.stringify(job));
  const exit = await client.exited;
  const line = client
    .output()
    .split('\n')
    .find((l) => l.startsWith(RESULT_MARK));
  if (exit.code !== 0 || line === undefined) {
    throw new Error(`the measuring process failed (${exit.code ?? exit.signal}):\n${client.output().slice(-2000)}`);
  }
  return clientResultSchema.parse(JSON.parse(line.slice(RESULT_MARK.length)));
}
