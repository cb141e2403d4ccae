/**
 * Calls `onGone` once this process's parent, or any process above it, has exited. `npm run` and `npx` do not
 * forward every signal to their children, and the demo runs under several layers (npm, sh, run-ts, tsx): a demo
 * whose terminal or npm went away must still stop its sshd and remove its files.
 */
import { readFileSync } from 'node:fs';

/** The parent pid of `pid` from /proc (Linux), or undefined where /proc is not there. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 4, after the command name in parentheses (which may itself hold spaces and parentheses).
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(after[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else (e.g. root's sshd above a user's login shell).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every ancestor of this process up to (not including) init. */
function ancestors(): number[] {
  const out: number[] = [];
  let pid: number | undefined = process.ppid;
  while (pid !== undefined && pid > 1 && out.length < 64) {
    out.push(pid);
    pid = parentOf(pid);
  }
  return out;
}

/** Polls once a second; returns a function that stops watching. */
export function watchParent(onGone: () => void, intervalMs = 1000): () => void {
  const parent = process.ppid;
  const watched = ancestors();
  const timer = setInterval(() => {
    if (process.ppid !== parent || watched.some((pid) => !alive(pid))) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
