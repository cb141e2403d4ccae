/**
 * A real OpenSSH sshd for the demo, runnable by any user: its own host keys, config, authorized_keys and log in
 * one directory, listening on 127.0.0.1 only. Run by a normal user, sshd can log in only that user (it cannot
 * switch users), which is all the demo needs; run by root it logs in root with a key.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { run } from './run';

export const SSHD = '/usr/sbin/sshd';

export interface DemoSshd {
  host: string;
  port: number;
  user: string;
  /** `SHA256:…` of the Ed25519 host key, the type Boxfleet's client asks for first. */
  hostKeyFingerprint: string;
  /** The `.pub` lines of every host key (the box's SSHFP records are made from them). */
  hostPublicKeys: string[];
  pid: number;
  stop(): Promise<void>;
}

/** `SHA256:<base64, no padding>` of a `.pub` line's key blob, as `ssh-keygen -l` prints it. */
export function fingerprintOfLine(line: string): string {
  const blob = Buffer.from(line.trim().split(/\s+/)[1] ?? '', 'base64');
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Resolves once the port answers with an SSH banner; rejects when sshd exits first. */
function waitForBanner(host: string, port: number, child: ChildProcess, logPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: Error): void => {
      if (done) return;
      done = true;
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    const onExit = (): void => {
      void readFile(logPath, 'utf8')
        .catch(() => '')
        .then((log) => finish(new Error(`sshd stopped before accepting connections:\n${log.trim()}`)));
    };
    child.once('exit', onExit);
    const attempt = (): void => {
      if (done) return;
      const socket = connect({ host, port });
      socket.once('data', (data: Buffer) => {
        socket.destroy();
        if (data.toString('latin1').startsWith('SSH-')) finish();
        else setTimeout(attempt, 100);
      });
      socket.once('error', () => {
        socket.destroy();
        setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

function configText(o: { port: number; host: string; dir: string; user: string; root: boolean }): string {
  return [
    `Port ${o.port}`,
    `ListenAddress ${o.host}`,
    `HostKey ${join(o.dir, 'ssh_host_ed25519_key')}`,
    `HostKey ${join(o.dir, 'ssh_host_ecdsa_key')}`,
    `PidFile ${join(o.dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(o.dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    // PAM needs root; keys do not.
    'UsePAM no',
    // The directory lives under the temp dir, whose modes StrictModes would refuse.
    'StrictModes no',
    `PermitRootLogin ${o.root ? 'prohibit-password' : 'no'}`,
    `AllowUsers ${o.user}`,
    'AllowTcpForwarding yes',
    'AllowAgentForwarding no',
    'X11Forwarding no',
    'PermitTTY no',
    'Subsystem sftp internal-sftp',
    'PrintMotd no',
    'UseDNS no',
    'LogLevel INFO',
    '',
  ].join('\n');
}

/** Starts sshd in `dir` (which it owns) for the current user, allowing `authorizedKeyLine`. */
export async function startDemoSshd(dir: string, authorizedKeyLine: string): Promise<DemoSshd> {
  if (!existsSync(SSHD)) {
    throw new Error(
      `The demo needs OpenSSH's server at ${SSHD} (Debian/Ubuntu: sudo apt-get install openssh-server). ` +
        'It runs its own copy on 127.0.0.1 and does not touch the system one.',
    );
  }
  const host = '127.0.0.1';
  const user = userInfo().username;
  const root = process.getuid?.() === 0;
  // As root, sshd checks its privilege-separation directory; a normal user's sshd does not use it.
  if (root) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const type of ['ed25519', 'ecdsa']) {
    const file = join(dir, `ssh_host_${type}_key`);
    await run('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'boxfleet-demo-host', '-f', file]);
  }
  const hostPublicKeys = await Promise.all(
    ['ed25519', 'ecdsa'].map(async (t) => (await readFile(join(dir, `ssh_host_${t}_key.pub`), 'utf8')).trim()),
  );
  await writeFile(join(dir, 'authorized_keys'), authorizedKeyLine.trim() + '\n', { mode: 0o600 });
  const configPath = join(dir, 'sshd_config');
  const logPath = join(dir, 'sshd.log');

  for (let attempt = 1; ; attempt++) {
    const port = await freePort(host);
    await writeFile(configPath, configText({ port, host, dir, user, root }));
    // -D: stay in the foreground, so this process owns sshd and can stop it by pid.
    const child = spawn(SSHD, ['-D', '-f', configPath, '-E', logPath], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await waitForBanner(host, port, child, logPath);
    } catch (err) {
      // Someone took the port between the probe and sshd's bind: try another one.
      if (attempt < 3 && err instanceof Error && /Address already in use|Bind to port/.test(err.message)) continue;
      throw err;
    }
    const pid = child.pid ?? 0;
    return {
      host,
      port,
      user,
      hostKeyFingerprint: fingerprintOfLine(hostPublicKeys[0] ?? ''),
      hostPublicKeys,
      pid,
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      },
    };
  }
}
