/**
 * The safety net for teardown that never ran (a crash, a killed jest worker, a forgotten `stop()`).
 *
 * Exit handlers cannot do this job: under jest, `process.on('exit')` in a test file registers on a sandboxed
 * copy of `process` and never fires, and nothing runs after SIGKILL anyway. Instead, one small bash process per
 * harness instance holds the read end of a pipe; the harness tells it what it started and what it cleaned up.
 * When the pipe closes because this process is gone, the reaper stops the pids it was told about (SIGTERM,
 * then SIGKILL), removes the files (sudoers grants), releases this process's lease on the test users (deleting
 * them if no other live run holds one), deletes the namespaces and veth links, and removes the temp dirs. It never
 * touches anything it was not told about.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { RELEASE_USERS_FUNCTION } from './user-lease';

export type ReapKind = 'pid' | 'netns' | 'link' | 'dir' | 'file' | 'user';

// Signals are ignored: Ctrl-C or a kill of the whole process group must not take the reaper down before it has
// cleaned up; it exits on its own once the pipe closes.
const SCRIPT = `
trap '' INT TERM HUP
${RELEASE_USERS_FUNCTION}
declare -A pid=() netns=() link=() dir=() file=() user=()
while IFS=' ' read -r verb kind value; do
  case "$verb $kind" in
    "add pid") pid[$value]=1 ;;
    "remove pid") unset "pid[$value]" ;;
    "add netns") netns[$value]=1 ;;
    "remove netns") unset "netns[$value]" ;;
    "add link") link[$value]=1 ;;
    "remove link") unset "link[$value]" ;;
    "add dir") dir[$value]=1 ;;
    "remove dir") unset "dir[$value]" ;;
    "add file") file[$value]=1 ;;
    "remove file") unset "file[$value]" ;;
    "add user") user[$value]=1 ;;
    "remove user") unset "user[$value]" ;;
  esac
done
if [ \${#pid[@]} -gt 0 ]; then
  for p in "\${!pid[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for _ in $(seq 30); do
    alive=0
    for p in "\${!pid[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for p in "\${!pid[@]}"; do kill -KILL "$p" 2>/dev/null; done
fi
for f in "\${!file[@]}"; do rm -f -- "$f"; done
# $PPID is the process that started the reaper: the lease owner.
if [ \${#user[@]} -gt 0 ]; then release_users "$PPID" "\${!user[@]}"; fi
for n in "\${!netns[@]}"; do ip netns del "$n" 2>/dev/null; done
for l in "\${!link[@]}"; do ip link del "$l" 2>/dev/null; done
for d in "\${!dir[@]}"; do rm -rf -- "$d"; done
exit 0
`;

let reaper: ChildProcess | undefined;

function ensureReaper(): ChildProcess {
  if (reaper === undefined || reaper.exitCode !== null) {
    const child = spawn('bash', ['-c', SCRIPT], { stdio: ['pipe', 'ignore', 'ignore'] });
    // Neither the reaper nor its pipe may keep this process alive: it must outlive us, not hold us.
    child.unref();
    child.stdin?.on('error', () => undefined);
    if (child.stdin instanceof net.Socket) child.stdin.unref();
    reaper = child;
  }
  return reaper;
}

function send(verb: 'add' | 'remove', kind: ReapKind, value: string | number): void {
  const text = String(value);
  if (!/^[\w./+-]+$/.test(text)) throw new Error(`reaper cannot track ${JSON.stringify(text)}`);
  ensureReaper().stdin?.write(`${verb} ${kind} ${text}\n`);
}

/** Asks the reaper to clean `value` up if this process goes away before it does. */
export function reapOnExit(kind: ReapKind, value: string | number): void {
  send('add', kind, value);
}

/** Tells the reaper `value` has been cleaned up normally. */
export function forgetReap(kind: ReapKind, value: string | number): void {
  send('remove', kind, value);
}

/** The reaper's pid, for tests of the reaper itself. */
export function reaperPid(): number | undefined {
  return ensureReaper().pid;
}
