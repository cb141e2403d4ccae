/**
 * The registry of long-running child processes the harness started (sshd, dbus-daemon, gnome-keyring-daemon,
 * helpers inside network namespaces). Stopping works by pid and only for pids in this registry, and only while
 * the child has not been reaped, so a recycled pid can never be signalled. If this process dies first, the
 * reaper (reaper.ts) stops them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { forgetReap, reapOnExit } from './reaper';

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

export interface TrackedProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitInfo>;
  /** True until the exit has been observed. */
  running(): boolean;
  /** The last ~64 KiB of stdout and stderr, interleaved, for error messages. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output so far or to come; rejects if the process exits first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

export interface StartProcessOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to stdin, which is then closed; without it stdin is /dev/null. */
  stdin?: string;
}

const OUTPUT_LIMIT = 64 * 1024;
const registry = new Map<number, TrackedProcess>();

/** Spawns `command` and records it in the registry; rejects if it cannot be started at all (ENOENT, EACCES). */
export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: StartProcessOptions = {},
): Promise<TrackedProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let alive = true;
    const watchers = new Set<() => void>();
    const append = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
      for (const watcher of watchers) watcher();
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);

    const exited = new Promise<ExitInfo>((resolveExit) => {
      child.once('exit', (code, signal) => {
        alive = false;
        resolveExit({ code, signal });
        for (const watcher of watchers) watcher();
      });
    });

    child.once('error', (err) => {
      alive = false;
      if (child.pid !== undefined) registry.delete(child.pid);
      reject(new Error(`could not start ${name} (${command}): ${err.message}`));
    });

    child.once('spawn', () => {
      const pid = child.pid;
      if (pid === undefined) {
        reject(new Error(`${name} spawned without a pid`));
        return;
      }
      child.stdin?.on('error', () => undefined); // EPIPE if the child exits without reading stdin
      if (options.stdin !== undefined) child.stdin?.end(options.stdin);
      const tracked: TrackedProcess = {
        name,
        pid,
        child,
        exited,
        running: () => alive,
        output: () => output,
        waitForOutput: (pattern, timeoutMs = 10_000) =>
          new Promise((resolveMatch, rejectMatch) => {
            const finish = (err: Error | null, match?: RegExpMatchArray): void => {
              clearTimeout(timer);
              watchers.delete(check);
              if (err) rejectMatch(err);
              else if (match) resolveMatch(match);
            };
            const check = (): void => {
              const match = output.match(pattern);
              if (match) finish(null, match);
              else if (!alive) finish(new Error(`${name} (pid ${pid}) exited before printing ${pattern}:\n${output}`));
            };
            const timer = setTimeout(
              () => finish(new Error(`${name} (pid ${pid}) printed no ${pattern} within ${timeoutMs} ms:\n${output}`)),
              timeoutMs,
            );
            watchers.add(check);
            check();
          }),
      };
      registry.set(pid, tracked);
      reapOnExit('pid', pid);
      void exited.then(() => {
        registry.delete(pid);
        forgetReap('pid', pid);
      });
      resolve(tracked);
    });
  });
}

/**
 * Stops a process this registry started: SIGTERM, then SIGKILL after `graceMs`, then waits for the exit.
 * Refuses pids it did not start; a process that already exited just returns its exit info.
 */
export async function stopProcess(target: TrackedProcess | number, graceMs = 3000): Promise<ExitInfo> {
  const tracked = typeof target === 'number' ? registry.get(target) : target;
  if (tracked === undefined) {
    throw new Error(`pid ${String(target)} was not started by the test harness (or has already been stopped)`);
  }
  if (!tracked.running()) return tracked.exited;
  tracked.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const escalate = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      if (tracked.running()) tracked.child.kill('SIGKILL');
      resolve();
    }, graceMs);
  });
  await Promise.race([tracked.exited, escalate]);
  clearTimeout(timer);
  return tracked.exited;
}

/** The processes started by this harness that are still running. */
export function runningProcesses(): TrackedProcess[] {
  return [...registry.values()].filter((p) => p.running());
}

/** Stops everything still running, in reverse start order (dependents were usually started last). */
export async function stopAllProcesses(graceMs = 3000): Promise<void> {
  for (const tracked of runningProcesses().reverse()) await stopProcess(tracked, graceMs);
}
