import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { makeTempDir, removeTempDirs } from '../harness/temp';
import { waitFor } from '../harness/wait';

/**
 * Stopping the outer process of `npm run box:emulator` or `npx boxfleet serve` stops the server inside, however
 * npm and its `sh -c` pass (or do not pass) the signal on: the real server watches its launch chain
 * (src-main/cli/exit-with-parent.ts). Each chain is started in a process group of its own, as a shell starts a job.
 */
const ROOT = join(__dirname, '..', '..');

interface Chain {
  readonly outer: ChildProcess;
  readonly port: number;
  /** The pid of the process that listens on the port (the real server). */
  readonly inner: number;
  output(): string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The pid of the process listening on 127.0.0.1:`port`, from /proc/net/tcp and each process's open sockets. */
function listenerPid(port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const line = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[1] === `0100007F:${hexPort}` && f[3] === '0A');
  const inode = line?.[9];
  if (inode === undefined) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === `socket:[${inode}]`) return Number(entry);
      }
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return undefined;
}

/** Starts `command` as its own job and waits for `ready` in its output; finds the process that listens. */
async function startChain(command: string, args: string[], ready: RegExp): Promise<Chain> {
  const outer = spawn(command, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  outer.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  outer.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await waitFor(
    () => {
      if (outer.exitCode !== null) throw new Error(`${command} exited early:\n${output}`);
      const match = ready.exec(output);
      return match ? Number(match[1]) : undefined;
    },
    () => `${command} ${args.join(' ')} did not get ready:\n${output}`,
    60_000,
  );
  const inner = listenerPid(port);
  if (inner === undefined) throw new Error(`no process listens on port ${port}`);
  // The server is not the process we started: npm/npx and a shell sit between them.
  expect(inner).not.toBe(outer.pid);
  return { outer, port, inner, output: () => output };
}

/** Stops the outer process only, then waits (bounded) for the port to be free and the inner server to be gone. */
async function expectStopsWithOuter(chain: Chain, signal: NodeJS.Signals): Promise<void> {
  expect(await portOpen(chain.port)).toBe(true);
  process.kill(chain.outer.pid as number, signal);
  await waitFor(
    async () => (!alive(chain.inner) && !(await portOpen(chain.port)) ? true : undefined),
    () =>
      `after ${signal} to pid ${chain.outer.pid}, pid ${chain.inner} or port ${chain.port} lives on:\n${chain.output()}`,
    20_000,
    100,
  );
}

/** Whatever a failed test left behind: the whole job's process group, by its id. */
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
afterAll(() => removeTempDirs());

const EMULATOR_READY = /listening on http:\/\/127\.0\.0\.1:(\d+)/;
const SERVE_READY = /serving on http:\/\/127\.0\.0\.1:(\d+)\//;

describe('servers stop with the process that started them', () => {
  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'npm run box:emulator, %s to npm',
    async (signal) => {
      const root = await makeTempDir('emulator');
      const chain = await startChain(
        'npm',
        ['run', 'box:emulator', '--', '--port', '0', '--root', root],
        EMULATOR_READY,
      );
      started.push(chain.outer);
      await expectStopsWithOuter(chain, signal);
    },
    90_000,
  );

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'npx boxfleet serve, %s to npx',
    async (signal) => {
      if (!existsSync(join(ROOT, 'build', 'main', 'src-main', 'cli', 'main.js'))) {
        throw new Error('The app is not built: run `npm run build` before this test.');
      }
      const dataDir = await makeTempDir('serve', 0o700);
      const chain = await startChain('npx', ['boxfleet', '--data-dir', dataDir, 'serve', '--port', '0'], SERVE_READY);
      started.push(chain.outer);
      await expectStopsWithOuter(chain, signal);
    },
    90_000,
  );

  it('npx boxfleet serve stops on SIGINT to the job, as Ctrl+C sends it', async () => {
    const dataDir = await makeTempDir('serve', 0o700);
    const chain = await startChain('npx', ['boxfleet', '--data-dir', dataDir, 'serve', '--port', '0'], SERVE_READY);
    started.push(chain.outer);
    process.kill(-(chain.outer.pid as number), 'SIGINT');
    await waitFor(
      async () => (!alive(chain.inner) && !(await portOpen(chain.port)) ? true : undefined),
      () => `after SIGINT, pid ${chain.inner} or port ${chain.port} lives on:\n${chain.output()}`,
      20_000,
      100,
    );
    expect(chain.output()).toContain('Boxfleet stopped serving: received SIGINT');
  }, 90_000);
});
