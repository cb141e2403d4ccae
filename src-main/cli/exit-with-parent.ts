import { fstatSync, readFileSync } from 'node:fs';

/**
 * Stopping a long-running Boxfleet process (`boxfleet serve`, the box emulator, a demo) when whoever started it is
 * gone. `npx` and `npm run` start a program through `sh -c`, and do not forward SIGTERM on every path: stopping the
 * outer process can leave the real server running and holding its port. So the server itself watches:
 *
 * - SIGINT, SIGTERM and SIGHUP;
 * - its parent: `process.ppid` changes when the parent dies (the orphan is re-parented), on every platform;
 * - on Linux, also the ancestors in its own process group — the chain a shell started as one job, such as
 *   `npm → sh → node` — so a killed `npm` is noticed even while the `sh` between them lives on;
 * - optionally, its stdin closing, for parents that hold a pipe to it.
 *
 * Usage: `const stop = whenToStop(); ...; const reason = await stop.requested; await server.close();`.
 */
export type StopReason =
  { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'parent-gone'; pid: number } | { kind: 'stdin-closed' };

export interface StopWatchOptions {
  /** Signals that ask for a stop. After the first stop request they are released, so a second one kills at once. */
  signals?: readonly NodeJS.Signals[];
  /** How often the parent chain is checked, in ms. */
  pollMs?: number;
  /** Also stop when stdin is a pipe and it closes. Off by default: it reads (and discards) stdin. */
  watchStdin?: boolean;
  /**
   * After a stop was requested, end the process with status 1 if it is still running this many ms later (a close
   * that hangs must not keep an orphan alive). The timer does not itself keep the process alive. Off by default.
   */
  exitAfterMs?: number;
  /** Where process facts come from; tests pass their own. */
  probe?: ProcessProbe;
}

export interface StopWatch {
  /** Resolves once, with the first reason to stop. */
  readonly requested: Promise<StopReason>;
  /** Stops watching (releases the signal handlers and the timer) without requesting a stop. */
  dispose(): void;
}

/** One ancestor as /proc shows it: its pid, and its start time so a reused pid is not mistaken for it. */
interface Ancestor {
  readonly pid: number;
  readonly start: string;
}

/** The facts the watch needs about processes. */
export interface ProcessProbe {
  /** The current parent pid. */
  ppid(): number;
  /** ppid, process group and start time of a live process; null if it is gone or unknown (no /proc). */
  stat(pid: number | 'self'): { ppid: number; pgrp: number; start: string } | null;
}

/** Linux's /proc; elsewhere `stat` answers null and only the direct parent is watched. */
export const procProbe: ProcessProbe = {
  ppid: () => process.ppid,
  stat(pid) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return null;
    }
    // The command name (field 2) may hold spaces and parentheses; the fields after its closing one are plain.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const pgrp = Number(fields[2]);
    const start = fields[19];
    if (!Number.isInteger(ppid) || !Number.isInteger(pgrp) || start === undefined) return null;
    return { ppid, pgrp, start };
  },
};

/** The parent, and further ancestors while they are in our process group (the job that started us). */
function launchChain(probe: ProcessProbe): Ancestor[] {
  const self = probe.stat('self');
  const chain: Ancestor[] = [];
  let pid = probe.ppid();
  while (pid > 1 && chain.length < 32) {
    const stat = probe.stat(pid);
    if (!stat) break;
    if (chain.length > 0 && (self === null || stat.pgrp !== self.pgrp)) break;
    chain.push({ pid, start: stat.start });
    pid = stat.ppid;
  }
  return chain;
}

/** A pipe or a socket pair (what Node's `stdio: 'pipe'` gives a child); not a terminal or a file. */
function stdinIsPipe(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

/** Starts watching for a reason to stop. See the module comment. */
export function whenToStop(options: StopWatchOptions = {}): StopWatch {
  const probe = options.probe ?? procProbe;
  const signals = options.signals ?? ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const firstParent = probe.ppid();
  const chain = launchChain(probe);
  let settle: (reason: StopReason) => void = () => {};
  const requested = new Promise<StopReason>((resolve) => (settle = resolve));

  const onSignal = (signal: NodeJS.Signals): void => stop({ kind: 'signal', signal });
  for (const signal of signals) process.on(signal, onSignal);

  const timer = setInterval(() => {
    if (probe.ppid() !== firstParent) return stop({ kind: 'parent-gone', pid: firstParent });
    for (const ancestor of chain) {
      if (probe.stat(ancestor.pid)?.start !== ancestor.start) return stop({ kind: 'parent-gone', pid: ancestor.pid });
    }
  }, options.pollMs ?? 500);
  // The watch alone never keeps the process alive.
  timer.unref();

  const onStdinEnd = (): void => stop({ kind: 'stdin-closed' });
  const watchingStdin = options.watchStdin === true && stdinIsPipe();
  if (watchingStdin) {
    process.stdin.on('end', onStdinEnd);
    process.stdin.on('close', onStdinEnd);
    process.stdin.on('data', () => {});
    process.stdin.resume();
  }

  function dispose(): void {
    clearInterval(timer);
    for (const signal of signals) process.off(signal, onSignal);
    if (watchingStdin) {
      process.stdin.off('end', onStdinEnd);
      process.stdin.off('close', onStdinEnd);
      process.stdin.pause();
    }
  }

  function stop(reason: StopReason): void {
    dispose();
    if (options.exitAfterMs !== undefined) setTimeout(() => process.exit(1), options.exitAfterMs).unref();
    settle(reason);
  }

  return { requested, dispose };
}

/** Words for the log line a server prints when it stops. */
export function describeStop(reason: StopReason): string {
  switch (reason.kind) {
    case 'signal':
      return `received ${reason.signal}`;
    case 'parent-gone':
      return `the process that started it (pid ${reason.pid}) is gone`;
    case 'stdin-closed':
      return 'its input was closed';
  }
}
