import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src-main/cli/main';
import { captureIo } from '../helpers/capture-io';
import { BOOTSTRAP_URL, SMTP_PROBE_OPEN, type InstallMachine } from './install-machine';
import { restoreEnv, startKeyring, type EnvSnapshot, type Keyring } from './keyring';
import { runCommand } from './run-command';

/**
 * What the install tests share: a real Secret Service, data directories, the test-only settings that point the
 * install at a machine's bootstrap and outbound-25 probe, the CLI in-process, and the secret scans.
 */
export interface InstallBed {
  keyring: Keyring;
  env: Record<string, string>;
  dataDir(): Promise<string>;
  /** The CLI in-process; `env` adds to (or overrides) the install settings. */
  cli(
    dataDir: string,
    args: string[],
    stdin?: string,
    env?: Record<string, string>,
  ): Promise<{ code: number; out: string; err: string }>;
  stop(): Promise<void>;
}

export const INSTALL_ENV = { BOXFLEET_BOOTSTRAP_URL: BOOTSTRAP_URL, BOXFLEET_SMTP_PROBE: SMTP_PROBE_OPEN };

export async function startInstallBed(): Promise<InstallBed> {
  const keyring = await startKeyring();
  const restore: EnvSnapshot = keyring.apply();
  const dirs: string[] = [];
  return {
    keyring,
    env: { ...INSTALL_ENV },
    async dataDir() {
      const dir = await mkdtemp(join(tmpdir(), 'bf-install-'));
      dirs.push(dir);
      return dir;
    },
    async cli(dataDir, args, stdin = '', env = {}) {
      const io = captureIo(stdin);
      const code = await main(['--data-dir', dataDir, ...args], io, { ...INSTALL_ENV, ...env });
      return { code, out: io.stdout, err: io.stderr };
    },
    async stop() {
      await keyring.stop();
      restoreEnv(restore);
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

/** `--host ... --user ... --key ... --accept-host-key ...` for a machine. */
export function machineLogin(machine: InstallMachine, user = machine.adminUser): string[] {
  return [
    ...['--host', machine.host, '--port', String(machine.port), '--user', user],
    ...['--key', machine.clientKey.privateKeyPath, '--accept-host-key', machine.hostKeyFingerprint],
  ];
}

/** Every file under `dir` on this computer with its text. */
export async function filesUnder(dir: string): Promise<Array<{ path: string; text: string }>> {
  const out: Array<{ path: string; text: string }> = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const path = join(dir, name);
    const info = await stat(path);
    if (info.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push({ path, text: await readFile(path, 'latin1') });
  }
  return out;
}

/**
 * Samples `ps` on the machine and on this computer until stopped (the admin password must never show on a command line); resolves with
 * every sample.
 */
export function samplePs(machine: InstallMachine): { stop(): Promise<string[]> } {
  const samples: string[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push(await machine.ps().catch(() => ''));
      samples.push((await runCommand('ps', ['-eww', '-o', 'args'], { allowFailure: true })).stdout);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}
