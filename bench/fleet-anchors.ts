/**
 * The fleet benchmark's anchors: parallel-ssh and ansible running the same probe against the same boxes. Both are
 * started as tracked processes (stopped on Ctrl-C and by the reaper); ansible's ControlPersist masters, which
 * detach from it, are found by their control directory (ours alone) and stopped by pid.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startProcess } from '../tests/harness/processes';
import { forgetReap, reapOnExit } from '../tests/harness/reaper';
import { makeTempDir } from '../tests/harness/temp';
import type { BenchBox } from './fleet-driver';
import { parseProbeOutput, type Probe } from './fleet-probe';

export interface AnchorBox extends BenchBox {
  /** The sshd's host key `.pub` line. */
  hostPublicKey: string;
}

export interface AnchorRun {
  ms: number;
  ok: number;
  /** Output of the tool when some box failed (tail), for the report. */
  problem?: string;
}

const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

async function writeKnownHosts(dir: string, boxes: AnchorBox[]): Promise<string> {
  const file = path.join(dir, 'known_hosts');
  const lines = boxes.map((box) => {
    const [type, key] = box.hostPublicKey.trim().split(/\s+/);
    return `[${box.host}]:${box.port} ${type} ${key}`;
  });
  await fs.promises.writeFile(file, lines.join('\n') + '\n', { mode: 0o600 });
  return file;
}

/** No user config, no agent, no prompts: only the key and the pinned host keys (as bench/openssh.ts). */
function sshOptions(knownHosts: string, privateKeyPath: string): string[] {
  return [
    '-F /dev/null',
    `-i ${privateKeyPath}`,
    '-o BatchMode=yes',
    '-o IdentitiesOnly=yes',
    '-o IdentityAgent=none',
    `-o UserKnownHostsFile=${knownHosts}`,
    '-o GlobalKnownHostsFile=/dev/null',
    '-o StrictHostKeyChecking=yes',
    '-o LogLevel=ERROR',
  ];
}

async function countProbeFiles(dir: string): Promise<number> {
  let ok = 0;
  for (const name of await fs.promises.readdir(dir)) {
    if (parseProbeOutput(await fs.promises.readFile(path.join(dir, name), 'utf8')) !== null) ok += 1;
  }
  return ok;
}

/** `parallel-ssh -p N` over every box, one ssh process per box; each box's stdout checked as a ProbeReport. */
export async function runParallelSsh(boxes: AnchorBox[], probe: Probe): Promise<AnchorRun> {
  const first = boxes[0];
  if (!first) throw new Error('no boxes');
  const dir = await makeTempDir('pssh', 0o700);
  const knownHosts = await writeKnownHosts(dir, boxes);
  const hostsFile = path.join(dir, 'hosts');
  await fs.promises.writeFile(hostsFile, boxes.map((b) => `${b.user}@${b.host}:${b.port}`).join('\n') + '\n');
  const outDir = path.join(dir, 'out');
  const args = ['-h', hostsFile, '-p', String(boxes.length), '-t', '120', '-o', outDir, '-e', path.join(dir, 'err')];
  // One command line for every host (parallel-ssh has no per-host command): each box gets box 1's conf, API port and
  // key path. Files are alike on this machine, but on the other boxes the probe's curl calls are refused at once
  // (their API listens on another port): parallel-ssh does a little less work than Boxfleet here.
  args.push('-x', sshOptions(knownHosts, first.privateKeyPath).join(' '), probe.command(first, true));
  const start = process.hrtime.bigint();
  const proc = await startProcess('parallel-ssh', 'parallel-ssh', args);
  const exit = await proc.exited;
  const ms = elapsedMs(start);
  const ok = await countProbeFiles(outDir).catch(() => 0);
  return ok === boxes.length ? { ms, ok } : { ms, ok, problem: `exit ${exit.code}: ${proc.output().slice(-400)}` };
}

export interface Ansible {
  /**
   * One `ansible all -m raw` over every box (cold the first time, through ControlPersist masters after); `slow` as
   * Boxfleet's first look (true) or its later ones (false).
   */
  run(slow: boolean): Promise<AnchorRun>;
  /** Stops the ControlPersist masters the runs left behind, by pid. */
  stop(): Promise<void>;
}

/** Ansible with its own ANSIBLE_HOME, config, temp and control dirs in a temp dir of ours. */
export async function prepareAnsible(boxes: AnchorBox[], probe: Probe): Promise<Ansible> {
  const first = boxes[0];
  if (!first) throw new Error('no boxes');
  const dir = await makeTempDir('ansible', 0o700);
  const knownHosts = await writeKnownHosts(dir, boxes);
  const controlDir = path.join(dir, 'cp');
  await fs.promises.mkdir(controlDir, { mode: 0o700 });
  const config = path.join(dir, 'ansible.cfg');
  await fs.promises.writeFile(config, '[defaults]\n');
  // Per box, the probe's command differs only in its arguments: the common head is passed verbatim (raw for the
  // Jinja2 templater, JSON so ansible does not split it on quotes), each host's tail as a host variable.
  const commands = (slow: boolean): string[] => boxes.map((b) => probe.command(b, slow));
  const headOf = (lines: string[]): string =>
    lines.reduce((head, line) => {
      let n = 0;
      while (n < head.length && head[n] === line[n]) n += 1;
      return head.slice(0, n);
    });
  const rawArg = (slow: boolean): string => {
    const head = headOf(commands(slow));
    return JSON.stringify({ _raw_params: `{% raw %}${head}{% endraw %}{{ bench_tail_${slow ? 'full' : 'fast'} }}` });
  };
  const heads = { full: headOf(commands(true)), fast: headOf(commands(false)) };
  const hosts = Object.fromEntries(
    boxes.map((b) => [
      b.id,
      {
        ansible_host: b.host,
        ansible_port: b.port,
        bench_tail_full: probe.command(b, true).slice(heads.full.length),
        bench_tail_fast: probe.command(b, false).slice(heads.fast.length),
      },
    ]),
  );
  // JSON is YAML: ansible's yaml inventory plugin reads it, with no INI quoting rules in the way.
  const inventory = path.join(dir, 'inventory.yml');
  await fs.promises.writeFile(
    inventory,
    JSON.stringify({
      all: {
        hosts,
        vars: {
          ansible_user: first.user,
          ansible_ssh_private_key_file: first.privateKeyPath,
          ansible_ssh_common_args: sshOptions(knownHosts, first.privateKeyPath).join(' '),
        },
      },
    }),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ANSIBLE_HOME: path.join(dir, 'home'),
    ANSIBLE_CONFIG: config,
    ANSIBLE_LOCAL_TEMP: path.join(dir, 'tmp'),
    ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir,
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_RETRY_FILES_ENABLED: '0',
    ANSIBLE_DEPRECATION_WARNINGS: '0',
    ANSIBLE_HOST_KEY_CHECKING: '1',
  };
  let round = 0;
  const masters = new Set<number>();
  const findMasters = async (): Promise<void> => {
    for (const entry of await fs.promises.readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const cmdline = await fs.promises.readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
      if (/^(\/usr\/bin\/)?ssh\0/.test(cmdline) && cmdline.includes(controlDir) && !masters.has(Number(entry))) {
        masters.add(Number(entry));
        reapOnExit('pid', Number(entry));
      }
    }
  };
  return {
    async run(slow) {
      round += 1;
      const tree = path.join(dir, `tree-${round}`);
      const args = ['all', '-i', inventory, '-m', 'raw', '-a', rawArg(slow), '-f', String(boxes.length), '-t', tree];
      const start = process.hrtime.bigint();
      const proc = await startProcess('ansible', 'ansible', args, { env });
      const exit = await proc.exited;
      const ms = elapsedMs(start);
      await findMasters();
      let ok = 0;
      for (const name of await fs.promises.readdir(tree).catch(() => [])) {
        const text = await fs.promises.readFile(path.join(tree, name), 'utf8');
        const parsed = JSON.parse(text) as { stdout?: unknown };
        if (typeof parsed.stdout === 'string' && parseProbeOutput(parsed.stdout) !== null) ok += 1;
      }
      return ok === boxes.length ? { ms, ok } : { ms, ok, problem: `exit ${exit.code}: ${proc.output().slice(-400)}` };
    },
    async stop() {
      await findMasters();
      for (const pid of masters) signal(pid, 'SIGTERM');
      for (let i = 0; i < 60 && [...masters].some(alive); i += 1) await new Promise((r) => setTimeout(r, 50));
      for (const pid of masters) {
        if (alive(pid)) signal(pid, 'SIGKILL');
        forgetReap('pid', pid);
      }
      masters.clear();
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
