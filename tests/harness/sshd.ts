/**
 * A real OpenSSH sshd per test, with its own config, host key, log and authorized_keys files in a temp dir.
 * It runs in the foreground (-D) so the registry tracks sshd itself and can stop it by pid.
 */
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './free-port';
import { findNetns } from './netns';
import { startProcess, stopProcess, type TrackedProcess } from './processes';
import { fingerprintOfKeyFile, generateKey, type KeyType } from './ssh-keys';
import { runCommand } from './run-command';
import { makeTempDir } from './temp';
import { ensureTestUsers, TEST_USERS, type TestUser } from './test-users';
import { waitFor, waitForSshBanner } from './wait';

export { makeKeyPair, type KeyPair, type KeyType, type MakeKeyPairOptions } from './ssh-keys';

export interface SshdOptions {
  /** Accounts allowed to log in (AllowUsers). */
  users: string[];
  passwordAuth?: boolean;
  hostKeyType?: KeyType;
  /** Where the host key lives; an existing `ssh_host_<type>_key` there is reused (default: the instance dir). */
  hostKeyDir?: string;
  /** Default 127.0.0.1, or the namespace's own address when `netns` is set. */
  listenHost?: string;
  /** Default: a free port (or 22 inside a namespace, which has its own port space). */
  port?: number;
  /** Name of a namespace made by `createNetns`: sshd runs inside it. */
  netns?: string;
  /** `SetEnv` for every session (e.g. PATH with a box's stub tools first). */
  setEnv?: Record<string, string>;
  /**
   * A sh snippet run as root in a private mount namespace just before sshd starts in it (the box's own view of fixed
   * paths such as /run/reboot-required). sshd keeps the pid of the namespace's first process, so `nsenter -t PID -m`
   * reaches the same view.
   */
  mountSetup?: string;
}

export interface SshdInstance {
  host: string;
  port: number;
  hostKeyPath: string;
  /** `SHA256:...` as `ssh-keygen -lf` prints it. Changes after `restart({ newHostKey: true })`. */
  hostKeyFingerprint: string;
  /** The host key's `.pub` line. */
  hostPublicKey: string;
  dir: string;
  logPath: string;
  pid(): number;
  /** Authorizes a key for `user` on this sshd only (its own AuthorizedKeysFile), so parallel tests do not collide. */
  authorizeKey(user: string, publicKeyLine: string): Promise<void>;
  /** Forgets the keys authorized on this sshd for `user` (or for all users). */
  resetAuthorizedKeys(user?: string): Promise<void>;
  /** Stops and starts sshd on the same address; `newHostKey` generates a fresh host key first. */
  restart(options?: { newHostKey?: boolean }): Promise<void>;
  stop(): Promise<void>;
  log(): Promise<string>;
}

const SSHD = '/usr/sbin/sshd';

function isTestUser(user: string): user is TestUser {
  return (TEST_USERS as readonly string[]).includes(user);
}

function configText(o: {
  port: number;
  host: string;
  hostKeyPath: string;
  dir: string;
  users: string[];
  passwordAuth: boolean;
  setEnv: Record<string, string>;
}): string {
  return [
    `Port ${o.port}`,
    `ListenAddress ${o.host}`,
    `HostKey ${o.hostKeyPath}`,
    `PidFile ${path.join(o.dir, 'sshd.pid')}`,
    // The per-instance file first; the user's own ~/.ssh/authorized_keys (test-users.ts) is honoured too.
    `AuthorizedKeysFile ${path.join(o.dir, 'authorized_keys', '%u')} .ssh/authorized_keys`,
    'PubkeyAuthentication yes',
    `PasswordAuthentication ${o.passwordAuth ? 'yes' : 'no'}`,
    'KbdInteractiveAuthentication no',
    'PermitEmptyPasswords no',
    'PermitRootLogin no',
    'UsePAM no',
    // The instance dir lives under /tmp (world-writable), which StrictModes would reject.
    'StrictModes no',
    `AllowUsers ${o.users.join(' ')}`,
    'AllowTcpForwarding yes',
    'MaxStartups 200:30:400',
    'MaxSessions 50',
    'MaxAuthTries 20',
    'Subsystem sftp internal-sftp',
    'PrintMotd no',
    'UseDNS no',
    'LogLevel VERBOSE',
    ...Object.entries(o.setEnv).map(([name, value]) => `SetEnv ${name}=${value}`),
    '',
  ].join('\n');
}

/** Whether the sshd on host:port presents the host key in `pubPath` (any key type it offers). */
async function answersWithKey(host: string, port: number, pubPath: string): Promise<boolean> {
  const blob = (await fs.promises.readFile(pubPath, 'utf8')).trim().split(/\s+/)[1];
  const scanned = await runCommand('ssh-keyscan', ['-T', '5', '-p', String(port), host], { allowFailure: true });
  return scanned.stdout.split('\n').some((line) => line.trim().split(/\s+/)[2] === blob);
}

/** Starts an sshd and resolves once it sends its SSH banner (and the banner is its own). */
export async function startSshd(options: SshdOptions): Promise<SshdInstance> {
  if (options.users.length === 0) throw new Error('startSshd needs at least one user');
  if (options.users.some(isTestUser)) await ensureTestUsers();
  await fs.promises.mkdir('/run/sshd', { recursive: true, mode: 0o755 });

  const netns = options.netns === undefined ? undefined : findNetns(options.netns);
  if (options.netns !== undefined && netns === undefined) {
    throw new Error(`unknown network namespace ${options.netns}: create it with createNetns()`);
  }
  const host = options.listenHost ?? netns?.nsAddress ?? '127.0.0.1';
  const dir = await makeTempDir('sshd');
  const keysDir = path.join(dir, 'authorized_keys');
  await fs.promises.mkdir(keysDir, { mode: 0o755 });
  const hostKeyType = options.hostKeyType ?? 'ed25519';
  const hostKeyPath = path.join(options.hostKeyDir ?? dir, `ssh_host_${hostKeyType}_key`);
  if (!fs.existsSync(hostKeyPath)) await generateKey(hostKeyPath, hostKeyType, { comment: 'boxfleet-test-host' });
  const configPath = path.join(dir, 'sshd_config');
  const logPath = path.join(dir, 'sshd.log');

  let port = options.port ?? (netns ? 22 : await freePort(host));
  let proc: TrackedProcess | undefined;

  const writeConfig = (): Promise<void> =>
    fs.promises.writeFile(
      configPath,
      configText({
        port,
        host,
        hostKeyPath,
        dir,
        users: options.users,
        passwordAuth: options.passwordAuth ?? false,
        setEnv: options.setEnv ?? {},
      }),
    );

  const launch = async (): Promise<void> => {
    const args = ['-D', '-f', configPath, '-E', logPath];
    const inMountNamespace =
      options.mountSetup === undefined
        ? [SSHD, ...args]
        : // unshare and sh exec in place, so the tracked pid is sshd's own.
          [
            'unshare',
            '-m',
            '--propagation',
            'private',
            '--',
            'sh',
            '-ec',
            `${options.mountSetup}\nexec "$@"`,
            'sshd-in-mount-namespace',
            SSHD,
            ...args,
          ];
    // The network namespace first: once /run is overlaid, `ip netns exec` can no longer open /run/netns/<name>.
    const command = netns ? ['ip', 'netns', 'exec', netns.name, ...inMountNamespace] : inMountNamespace;
    const name = netns ? `sshd in ${netns.name}` : 'sshd';
    const started = await startProcess(name, command[0] as string, command.slice(1));
    const exited = started.exited.then(async (info) => {
      const log = await fs.promises.readFile(logPath, 'utf8').catch(() => '');
      throw new Error(
        `sshd exited (${info.code ?? info.signal}) before accepting connections:\n${log}${started.output()}`,
      );
    });
    try {
      await Promise.race([waitForSshBanner(host, port), exited]);
      // Two runs can be handed the same free port: the loser's banner check is answered by the winner's sshd before
      // the loser's own sshd exits on the failed bind. Only our host key proves the answer came from ours.
      if (!(await answersWithKey(host, port, `${hostKeyPath}.pub`)))
        throw new Error(`Address already in use: another sshd answered on ${host}:${port}`);
    } catch (err) {
      await stopProcess(started);
      throw err;
    } finally {
      exited.catch(() => undefined);
    }
    proc = started;
  };

  await writeConfig();
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (err) {
      // A port picked by freePort can be taken by someone else before sshd binds it: pick another.
      const portTaken = err instanceof Error && /Address already in use|Bind to port/.test(err.message);
      if (options.port !== undefined || netns || !portTaken || attempt >= 3) throw err;
      port = await freePort(host);
      await writeConfig();
    }
  }

  const instance: SshdInstance = {
    host,
    port,
    hostKeyPath,
    hostKeyFingerprint: await fingerprintOfKeyFile(`${hostKeyPath}.pub`),
    hostPublicKey: (await fs.promises.readFile(`${hostKeyPath}.pub`, 'utf8')).trim(),
    dir,
    logPath,
    pid: () => {
      if (!proc?.running()) throw new Error('sshd is not running');
      return proc.pid;
    },
    async authorizeKey(user, publicKeyLine) {
      const line = publicKeyLine.trim();
      if (line === '' || line.includes('\n')) throw new Error('authorizeKey takes exactly one public key line');
      await fs.promises.appendFile(path.join(keysDir, user), line + '\n', { mode: 0o644 });
    },
    async resetAuthorizedKeys(user) {
      const users = user === undefined ? await fs.promises.readdir(keysDir) : [user];
      for (const u of users) await fs.promises.rm(path.join(keysDir, u), { force: true });
    },
    async restart(restartOptions = {}) {
      if (proc) await stopProcess(proc);
      proc = undefined;
      if (restartOptions.newHostKey) {
        await generateKey(hostKeyPath, hostKeyType, { comment: 'boxfleet-test-host' });
        instance.hostKeyFingerprint = await fingerprintOfKeyFile(`${hostKeyPath}.pub`);
        instance.hostPublicKey = (await fs.promises.readFile(`${hostKeyPath}.pub`, 'utf8')).trim();
      }
      // The old listener is gone once sshd has exited; retry briefly in case the kernel is slow to release it.
      await waitFor(
        async () => {
          try {
            await launch();
            return true;
          } catch (err) {
            if (err instanceof Error && /Address already in use/.test(err.message)) return undefined;
            throw err;
          }
        },
        () => `restarting sshd on ${host}:${port}`,
        10_000,
        200,
      );
    },
    async stop() {
      if (proc) await stopProcess(proc);
      proc = undefined;
    },
    log: () => fs.promises.readFile(logPath, 'utf8'),
  };
  return instance;
}
