/**
 * The OpenSSH anchors: one `ssh … curl` per call, with and without a ControlMaster. The master is the only process
 * here that outlives a call; it is told to the reaper and stopped by `ssh -O exit`, then by its pid if it lingers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { forgetReap, reapOnExit } from '../tests/harness/reaper';
import { runCommand } from '../tests/harness/run-command';
import { makeTempDir } from '../tests/harness/temp';

export interface OpenSshTarget {
  host: string;
  port: number;
  user: string;
  privateKeyPath: string;
  /** The sshd's host key `.pub` line. */
  hostPublicKey: string;
}

export class OpenSsh {
  private constructor(
    private readonly target: OpenSshTarget,
    private readonly knownHosts: string,
  ) {}

  static async create(target: OpenSshTarget): Promise<OpenSsh> {
    const dir = await makeTempDir('openssh', 0o700);
    const knownHosts = path.join(dir, 'known_hosts');
    const [type, key] = target.hostPublicKey.trim().split(/\s+/);
    await fs.promises.writeFile(knownHosts, `[${target.host}]:${target.port} ${type} ${key}\n`, { mode: 0o600 });
    return new OpenSsh(target, knownHosts);
  }

  /** No user config, no agent, no prompts: only the key and the pinned host key. */
  private baseArgs(): string[] {
    const t = this.target;
    return [
      '-F',
      '/dev/null',
      '-i',
      t.privateKeyPath,
      '-p',
      String(t.port),
      '-o',
      'BatchMode=yes',
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'IdentityAgent=none',
      '-o',
      `UserKnownHostsFile=${this.knownHosts}`,
      '-o',
      'GlobalKnownHostsFile=/dev/null',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'LogLevel=ERROR',
    ];
  }

  /** Runs `command` on the box in a new SSH connection (or a session of the master at `controlPath`). */
  async run(command: string, controlPath?: string): Promise<string> {
    const mux = controlPath ? ['-o', 'ControlMaster=no', '-o', `ControlPath=${controlPath}`] : [];
    const result = await runCommand('ssh', [
      ...this.baseArgs(),
      ...mux,
      `${this.target.user}@${this.target.host}`,
      command,
    ]);
    return result.stdout;
  }

  /** Starts a ControlMaster with ControlPersist (it backgrounds itself once connected) and returns its handle. */
  async startMaster(): Promise<ControlMaster> {
    const dir = await makeTempDir('cm', 0o700);
    const controlPath = path.join(dir, 'cm');
    const control = [...this.baseArgs(), '-o', `ControlPath=${controlPath}`];
    const destination = `${this.target.user}@${this.target.host}`;
    await runCommand(
      'ssh',
      [...control, '-o', 'ControlMaster=yes', '-o', 'ControlPersist=yes', '-N', '-f', destination],
      {
        timeoutMs: 20_000,
      },
    );
    const check = await runCommand('ssh', [...control, '-O', 'check', destination]);
    const pid = Number(/pid=(\d+)/.exec(check.stderr + check.stdout)?.[1]);
    if (!Number.isInteger(pid) || pid <= 1) throw new Error(`no master pid in: ${check.stderr}${check.stdout}`);
    reapOnExit('pid', pid);
    return {
      controlPath,
      pid,
      stop: async () => {
        await runCommand('ssh', [...control, '-O', 'exit', destination], { allowFailure: true });
        await waitGone(pid);
        forgetReap('pid', pid);
      },
    };
  }
}

export interface ControlMaster {
  controlPath: string;
  pid: number;
  stop(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits up to ~3 s for the master to exit after `-O exit`, then sends it SIGTERM (it is our own process). */
async function waitGone(pid: number): Promise<void> {
  for (let i = 0; i < 60 && alive(pid); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  if (alive(pid)) process.kill(pid, 'SIGTERM');
}
