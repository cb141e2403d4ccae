/**
 * Network namespaces as separate hosts. Each namespace gets one veth pair on its own /30 in 10.250.0.0/16:
 * `.1` is the host end (in the root namespace, so tests, pssh and ansible can reach the box), `.2` is the box
 * end inside the namespace. Deleting the namespace removes both ends and both addresses.
 * There is no netem on these kernels: use delay-proxy.ts for latency.
 */
import { spawnSync } from 'node:child_process';
import { startProcess, type TrackedProcess } from './processes';
import { forgetReap, reapOnExit } from './reaper';
import { runCommand, type CommandResult, type RunOptions } from './run-command';

export interface Netns {
  name: string;
  /** Address of the veth end in the root namespace (where the tests run). */
  hostAddress: string;
  /** Address of the veth end inside the namespace: what sshd listens on. */
  nsAddress: string;
  hostInterface: string;
  nsInterface: string;
  /** Runs a command inside the namespace to completion. */
  run(command: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** Starts a tracked long-running process inside the namespace. */
  start(name: string, command: string, args: readonly string[]): Promise<TrackedProcess>;
  destroy(): Promise<void>;
}

export type NetnsSupport = { ok: true } | { ok: false; reason: string };

const live = new Map<string, Netns>();
let counter = 0;
let support: NetnsSupport | undefined;

const CREATE_SCRIPT = `
set -eu
if ip -4 -o addr show | grep -qE "inet 10\\.250\\.$BF_A\\.($BF_H|$BF_N)/"; then exit 3; fi
if ip netns list | grep -qE "^$BF_NS( |$)"; then exit 4; fi
if ip link show "$BF_HIF" >/dev/null 2>&1; then exit 4; fi
ip netns add "$BF_NS"
trap 'ip netns del "$BF_NS" 2>/dev/null || true; ip link del "$BF_HIF" 2>/dev/null || true' ERR
ip link add "$BF_HIF" type veth peer name "$BF_NIF"
ip link set "$BF_NIF" netns "$BF_NS"
ip addr add "10.250.$BF_A.$BF_H/30" dev "$BF_HIF"
ip link set "$BF_HIF" up
ip netns exec "$BF_NS" ip link set lo up
ip netns exec "$BF_NS" ip addr add "10.250.$BF_A.$BF_N/30" dev "$BF_NIF"
ip netns exec "$BF_NS" ip link set "$BF_NIF" up
`;

/**
 * Whether this machine lets us create network namespaces, probed once per process. Synchronous so a test file
 * can choose `describe` or `describe.skip` at load time and print the reason.
 */
export function netnsSupport(): NetnsSupport {
  support ??= probeSupport();
  return support;
}

function probeSupport(): NetnsSupport {
  if (process.getuid?.() !== 0) return { ok: false, reason: 'network namespaces need root' };
  const probe = `bf${process.pid}probe`;
  const added = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (added.error) return { ok: false, reason: `cannot run ip: ${added.error.message}` };
  if (added.status !== 0)
    return { ok: false, reason: `\`ip netns add\` is not permitted here: ${added.stderr.trim()}` };
  spawnSync('ip', ['netns', 'del', probe], { stdio: 'ignore' });
  return { ok: true };
}

/** The live namespace called `name` that this process created, if any. */
export function findNetns(name: string): Netns | undefined {
  return live.get(name);
}

/** Creates a namespace with a veth link to the root namespace on a /30 nobody else uses. */
export async function createNetns(): Promise<Netns> {
  const supported = netnsSupport();
  if (!supported.ok) throw new Error(supported.reason);
  for (let attempt = 0; attempt < 20; attempt++) {
    counter += 1;
    const slot = Math.floor(Math.random() * 16384);
    const a = Math.floor(slot / 64);
    const base = (slot % 64) * 4;
    const name = `bf${process.pid}n${counter}`;
    const hostInterface = `bf${process.pid}h${counter}`;
    const env = {
      ...process.env,
      BF_NS: name,
      BF_HIF: hostInterface,
      BF_NIF: `bf${process.pid}v${counter}`,
      BF_A: String(a),
      BF_H: String(base + 1),
      BF_N: String(base + 2),
    };
    // Told to the reaper before they exist: a run killed, or a script cut off by the time limit, while the script
    // runs must not leave the namespace behind (the names carry our pid, so they are ours).
    reapOnExit('netns', name);
    reapOnExit('link', hostInterface);
    // flock: two test processes must not pick the same /30 at the same moment.
    const result = await runCommand('flock', ['/run/lock/boxfleet-netns.lock', 'bash', '-c', CREATE_SCRIPT], {
      env,
      allowFailure: true,
    });
    if (result.code === 3 || result.code === 4) {
      // Taken: by someone else's subnet, or by a leftover of a dead process that had our pid. Not ours to delete.
      forgetReap('netns', name);
      forgetReap('link', hostInterface);
      continue;
    }
    if (result.code !== 0) {
      // Still registered: if the script finishes after all, the reaper removes what it made.
      await runCommand('ip', ['netns', 'del', name], { allowFailure: true });
      await runCommand('ip', ['link', 'del', hostInterface], { allowFailure: true });
      throw new Error(`creating network namespace ${name} failed (${result.code}):\n${result.stderr}`);
    }
    const ns: Netns = {
      name,
      hostAddress: `10.250.${a}.${base + 1}`,
      nsAddress: `10.250.${a}.${base + 2}`,
      hostInterface,
      nsInterface: env.BF_NIF,
      run: (command, args, options) => runCommand('ip', ['netns', 'exec', name, command, ...args], options),
      start: (processName, command, args) =>
        startProcess(`${processName} in ${name}`, 'ip', ['netns', 'exec', name, command, ...args]),
      destroy: async () => {
        if (!live.delete(name)) return;
        await runCommand('ip', ['netns', 'del', name], { allowFailure: true });
        // The host end normally disappears with the namespace; remove it explicitly if something still holds it.
        await runCommand('ip', ['link', 'del', hostInterface], { allowFailure: true });
        forgetReap('netns', name);
        forgetReap('link', hostInterface);
      },
    };
    live.set(name, ns);
    return ns;
  }
  throw new Error('no free 10.250.x.y/30 subnet or namespace name after 20 attempts');
}
