/**
 * A "fresh VPS" for install tests, reached only over its real sshd:
 *
 * - its own network namespace (netns.ts): the fake setup's daemon listens on the real 127.0.0.1:10222 and :443
 *   there without clashing with other tests; the desktop reaches sshd (port 22) and 443 at `host`;
 * - its own pid namespace (`unshare --pid --fork --kill-child --mount-proc`, sshd is pid 1 and reaps the detached
 *   installer), so everything setup starts dies with the machine, also when the test run is killed (the reaper
 *   kills the tracked `unshare`, whose child dies with it, which ends the namespace);
 * - its own mount namespace: /etc, /var, /root, /home, /usr/local and /run are overlays whose upper layers live in a
 *   temp dir (so /var/lib/boxfleet-install, /var/lib/mailinabox/api.key, /etc/mailinabox.conf are per machine and
 *   removed after), /etc/os-release says Ubuntu 22.04 (or Debian 12 / Ubuntu 20.04), bfadmin has passwordless sudo
 *   for everything (in this machine's /etc/sudoers.d only) and bfnosudo none; options fake RAM (/proc/meminfo),
 *   a noexec /tmp, a /root/.wgetrc and the architecture (`uname -m`);
 * - the bootstrap served over HTTP by this process and reached from inside the machine at `BOOTSTRAP_URL`
 *   (the same for every machine: a bridge in each namespace forwards it), the fake setup of install-setup-script.ts.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  bootstrapScript,
  DAEMON_LOG,
  MACHINE_CONTROL_DIR,
  scenarioFile,
  type SetupScenario,
} from './install-setup-script';
import { startNamespaceBridge } from './namespace-bridge';
import { createNetns, type Netns } from './netns';
import { stopProcess } from './processes';
import { runCommand, type CommandResult } from './run-command';
import { makeKeyPair, type KeyPair } from './ssh-keys';
import { startSshd, type SshdInstance } from './sshd';
import { makeTempDir } from './temp';
import { TEST_USERS, type TestUser } from './test-users';
import { waitFor } from './wait';

export type { SetupScenario } from './install-setup-script';

/** Port of the bootstrap bridge inside every machine (each namespace has its own port space). */
export const BOOTSTRAP_PORT = 8780;
/** What `BOXFLEET_BOOTSTRAP_URL` must say for any install machine. */
export const BOOTSTRAP_URL = `http://127.0.0.1:${BOOTSTRAP_PORT}/setup.sh`;
/**
 * `BOXFLEET_SMTP_PROBE` values for preflight's outbound port 25 check: something that accepts TCP inside every
 * machine (the bootstrap bridge), and a port where nothing listens (port 25 "blocked").
 */
export const SMTP_PROBE_OPEN = `127.0.0.1:${BOOTSTRAP_PORT}`;
export const SMTP_PROBE_BLOCKED = '127.0.0.1:1';

const REPO = path.resolve(__dirname, '..', '..');

export type MachineOs = 'ubuntu-22.04' | 'ubuntu-20.04' | 'debian-12';

export interface InstallMachineOptions {
  os?: MachineOs;
  /** MemTotal in kB in /proc/meminfo (default: the real one). */
  ramKb?: number;
  /** /tmp mounted noexec. */
  noexecTmp?: boolean;
  /** A /root/.wgetrc. */
  wgetrc?: boolean;
  /** What `uname -m` says (default: the real one). */
  arch?: string;
  /** What the fake setup installs (default upstream). */
  flavour?: 'upstream' | 'power';
  scenario?: SetupScenario;
  /** Pause after each heading (default 30 ms). */
  pauseMs?: number;
  passwordAuth?: boolean;
}

export interface InstallMachine {
  /** sshd's address (the namespace end of the veth); port 443 of the box answers there too. */
  host: string;
  port: number;
  hostKeyFingerprint: string;
  /** Authorized for both users. */
  clientKey: KeyPair;
  /** Passwordless sudo for everything in this machine. */
  adminUser: TestUser;
  /** No sudo at all. */
  plainUser: TestUser;
  bootstrapUrl: string;
  netns: Netns;
  sshd: SshdInstance;
  /** What the next run of setup does. */
  setScenario(scenario: SetupScenario, pauseMs?: number): Promise<void>;
  /** Headings setup printed so far, over all runs. */
  steps(): Promise<string[]>;
  /** Resolves once setup printed `heading` (and, for a hold, waits there). */
  waitForStep(heading: string, timeoutMs?: number): Promise<void>;
  /** Lets a setup held by a `hold` scenario go on. */
  release(): Promise<void>;
  /** The §8.2 variables the last setup run saw (EMAIL_PW only as EMAIL_PW_SHA256), and UID. */
  setupEnv(): Promise<Record<string, string>>;
  /** One line per ended setup run: `run N: succeeded` / `failed at ...` / `exit 0: ram` ... */
  runs(): Promise<string[]>;
  /** `ps -eww -o pid,user,args` as the machine sees it. */
  ps(): Promise<string>;
  /** A file as the machine sees it, or null when it does not exist. */
  readFile(boxPath: string): Promise<string | null>;
  /** Runs a shell command as root inside the machine. */
  exec(script: string): Promise<CommandResult>;
  /** Every file under `dir` on the machine with its content (for grepping logs), empty when absent. */
  readTree(dir: string): Promise<Array<{ path: string; text: string }>>;
  /** Kills every SSH connection (the per-connection sshd processes); sshd keeps listening. Returns how many. */
  dropConnections(): Promise<number>;
  /** The fake daemon's log. */
  daemonLog(): Promise<string>;
  stop(): Promise<void>;
}

const OS_RELEASE: Record<MachineOs, { osRelease: string; lsbRelease: string }> = {
  'ubuntu-22.04': {
    osRelease:
      'PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.4 LTS (Jammy Jellyfish)"\n' +
      'VERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nUBUNTU_CODENAME=jammy\n',
    lsbRelease:
      'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\nDISTRIB_DESCRIPTION="Ubuntu 22.04.4 LTS"\n',
  },
  'ubuntu-20.04': {
    osRelease:
      'NAME="Ubuntu"\nVERSION="20.04.6 LTS (Focal Fossa)"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\n' +
      'VERSION_ID="20.04"\nVERSION_CODENAME=focal\nUBUNTU_CODENAME=focal\n',
    lsbRelease:
      'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=20.04\nDISTRIB_CODENAME=focal\nDISTRIB_DESCRIPTION="Ubuntu 20.04.6 LTS"\n',
  },
  'debian-12': {
    osRelease:
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\n' +
      'VERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\n',
    lsbRelease: '',
  },
};

const OVERLAID = ['etc', 'var', 'root', 'home', 'usr/local', 'run'] as const;

/** The sh run as root in the machine's mount and pid namespace before sshd starts there (as pid 1). */
function innerMountScript(dir: string, options: InstallMachineOptions): string {
  const lines: string[] = ['set -e'];
  for (const d of OVERLAID) {
    const key = d.replace('/', '-');
    lines.push(`mount -t overlay overlay -o lowerdir=/${d},upperdir=${dir}/${key}-up,workdir=${dir}/${key}-work /${d}`);
  }
  lines.push(`mkdir -p ${MACHINE_CONTROL_DIR}`, `mount --bind ${dir}/control ${MACHINE_CONTROL_DIR}`);
  if (options.ramKb !== undefined) lines.push(`mount --bind ${dir}/meminfo /proc/meminfo`);
  if (options.arch !== undefined) lines.push(`mount --bind ${dir}/uname /usr/bin/uname`);
  if (options.noexecTmp) lines.push('mount --bind /tmp /tmp', 'mount -o remount,bind,noexec /tmp');
  lines.push('exec "$@"');
  return lines.join('\n');
}

async function prepareLayers(dir: string, options: InstallMachineOptions): Promise<void> {
  for (const d of OVERLAID) {
    const key = d.replace('/', '-');
    await fs.promises.mkdir(path.join(dir, `${key}-up`), { mode: 0o755 });
    await fs.promises.mkdir(path.join(dir, `${key}-work`));
  }
  await fs.promises.mkdir(path.join(dir, 'control'), { mode: 0o755 });
  const etc = path.join(dir, 'etc-up');
  const os = OS_RELEASE[options.os ?? 'ubuntu-22.04'];
  await fs.promises.writeFile(path.join(etc, 'os-release'), os.osRelease, { mode: 0o644 });
  if (os.lsbRelease !== '') await fs.promises.writeFile(path.join(etc, 'lsb-release'), os.lsbRelease, { mode: 0o644 });
  await fs.promises.mkdir(path.join(etc, 'sudoers.d'), { mode: 0o755 });
  const sudoers = path.join(etc, 'sudoers.d', 'boxfleet-install-machine');
  await fs.promises.writeFile(sudoers, 'bfadmin ALL=(ALL) NOPASSWD: ALL\n', { mode: 0o440 });
  await runCommand('visudo', ['-cq', '-f', sudoers]);
  if (options.wgetrc) await fs.promises.writeFile(path.join(dir, 'root-up', '.wgetrc'), 'timeout = 5\n');
  if (options.ramKb !== undefined) {
    const real = await fs.promises.readFile('/proc/meminfo', 'utf8');
    const faked = real.replace(/^MemTotal:\s+\d+ kB$/m, `MemTotal:       ${options.ramKb} kB`);
    await fs.promises.writeFile(path.join(dir, 'meminfo'), faked, { mode: 0o444 });
  }
  if (options.arch !== undefined) {
    await fs.promises.copyFile('/usr/bin/uname', path.join(dir, 'uname.real'));
    const stub =
      '#!/bin/sh\n' +
      `case "$1" in -m|--machine|-p|-i) echo ${options.arch}; exit 0 ;; esac\n` +
      `exec ${dir}/uname.real "$@"\n`;
    await fs.promises.writeFile(path.join(dir, 'uname'), stub, { mode: 0o755 });
  }
}

/** Serves the bootstrap to one machine (on the host end of its veth). */
async function serveBootstrap(ns: Netns, script: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.url === '/setup.sh') {
      res.writeHead(200, { 'Content-Type': 'text/x-shellscript' });
      res.end(script);
    } else {
      res.writeHead(404);
      res.end('not found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, ns.hostAddress, resolve);
  });
  return server;
}

/** The pid (in this namespace) of the machine's pid 1: the only child of the tracked `unshare`. */
async function machineInit(unsharePid: number): Promise<number> {
  return waitFor(
    async () => {
      const text = await fs.promises
        .readFile(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8')
        .catch(() => '');
      const pid = Number(text.trim().split(/\s+/)[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    },
    () => `the machine's first process under unshare ${unsharePid}`,
    10_000,
    50,
  );
}

/** Starts a machine; everything it made is removed by `stop()` (or by the reaper if this process dies). */
export async function startInstallMachine(options: InstallMachineOptions = {}): Promise<InstallMachine> {
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const dir = await makeTempDir('install-machine', 0o755);
    await prepareLayers(dir, options);
    const control = path.join(dir, 'control');
    const setScenario = async (scenario: SetupScenario, pauseMs?: number): Promise<void> => {
      // A new hold waits again: an earlier release must not let it through.
      for (const name of ['release', 'held']) await fs.promises.rm(path.join(control, name), { force: true });
      await fs.promises.writeFile(
        path.join(control, 'scenario'),
        scenarioFile(scenario, options.flavour ?? 'upstream', pauseMs ?? options.pauseMs ?? 30),
      );
    };
    await setScenario(options.scenario ?? { kind: 'ok' });

    const ns = await createNetns();
    cleanups.push(() => ns.destroy());
    const server = await serveBootstrap(ns, bootstrapScript({ repo: REPO, node: process.execPath }));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const bridge = await startNamespaceBridge(
      ns,
      BOOTSTRAP_PORT,
      ns.hostAddress,
      (server.address() as AddressInfo).port,
    );
    cleanups.push(async () => void (await stopProcess(bridge)));

    const inner = innerMountScript(dir, options);
    // startSshd runs this in a private mount namespace; it then becomes pid 1 of a new pid namespace with its own
    // /proc, where the overlays are mounted and sshd is exec'd.
    const mountSetup =
      `exec unshare --pid --fork --kill-child --mount-proc --propagation private -- ` +
      `sh -c '${inner.replace(/'/g, `'\\''`)}' install-machine "$@"`;
    const clientKey = await makeKeyPair({ type: 'ed25519', comment: 'boxfleet-install-test' });
    const sshd = await startSshd({
      users: [...TEST_USERS],
      netns: ns.name,
      passwordAuth: options.passwordAuth ?? false,
      mountSetup,
    });
    const held: { init?: number } = {};
    cleanups.push(async () => {
      // `unshare` blocks SIGTERM while it waits for its child: kill the machine's pid 1, which ends the whole pid
      // namespace (setup, the daemon, every session), then unshare exits by itself.
      if (held.init !== undefined) {
        try {
          process.kill(held.init, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await sshd.stop();
    });
    const pid1 = await machineInit(sshd.pid());
    held.init = pid1;
    for (const user of TEST_USERS) await sshd.authorizeKey(user, clientKey.publicKeyLine);

    const inMachine = (args: string[], allowFailure = false): Promise<CommandResult> =>
      runCommand('nsenter', ['-t', String(pid1), '-m', '-p', '-n', '-r', '-w', '--', ...args], { allowFailure });
    const controlFile = (name: string): Promise<string> =>
      fs.promises.readFile(path.join(control, name), 'utf8').catch(() => '');
    const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

    const machine: InstallMachine = {
      host: sshd.host,
      port: sshd.port,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
      clientKey,
      adminUser: 'bfadmin',
      plainUser: 'bfnosudo',
      bootstrapUrl: BOOTSTRAP_URL,
      netns: ns,
      sshd,
      setScenario,
      steps: async () => lines(await controlFile('steps')),
      waitForStep: async (heading, timeoutMs = 60_000) => {
        let seen: string[] = [];
        await waitFor(
          async () => {
            seen = await machine.steps();
            return seen.includes(heading) ? true : undefined;
          },
          () => `setup to print "${heading}" (printed: ${seen.join(' | ')})`,
          timeoutMs,
          50,
        );
      },
      release: () => fs.promises.writeFile(path.join(control, 'release'), ''),
      setupEnv: async () =>
        Object.fromEntries(
          lines(await controlFile('env')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
        ),
      runs: async () => lines(await controlFile('runs')),
      ps: async () => (await inMachine(['ps', '-eww', '-o', 'pid,user,args'])).stdout,
      readFile: async (boxPath) => {
        const result = await inMachine(['cat', '--', boxPath], true);
        return result.code === 0 ? result.stdout : null;
      },
      exec: (script) => inMachine(['sh', '-c', script], true),
      readTree: async (treeDir) => {
        const listed = await inMachine(['find', treeDir, '-type', 'f'], true);
        const files = listed.code === 0 ? lines(listed.stdout) : [];
        const out: Array<{ path: string; text: string }> = [];
        for (const file of files) out.push({ path: file, text: (await machine.readFile(file)) ?? '' });
        return out;
      },
      dropConnections: async () => {
        // sshd is pid 1 (the listener); every other sshd is one side of a connection.
        const result = await inMachine([
          'sh',
          '-c',
          'n=0; for p in $(pgrep -x sshd); do [ "$p" = 1 ] || { kill "$p" && n=$((n+1)); }; done; echo $n',
        ]);
        return Number(result.stdout.trim());
      },
      daemonLog: async () => (await machine.readFile(DAEMON_LOG)) ?? '',
      stop,
    };
    return machine;
  } catch (err) {
    await stop();
    throw err;
  }
}
