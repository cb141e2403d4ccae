import { fail, ok, type Result } from '../../src-shared/contract/result';
import { InstallLogReader } from '../../src-shared/domain/install-outcome';
import type { ExecOptions, ExecResult } from '../ssh/types';
import { parsePoll, POLL_CHUNK, pollCommand } from './box-scripts';

/** Log lines kept for the window (the contract's limit). */
export const TAIL_LINES = 200;
const MAX_LINE = 2000;
/** A line without an end (openssl's DH dots) is cut here rather than held forever. */
const MAX_PARTIAL = 64 * 1024;
const BLANK = '********';

/**
 * What the log of one install has said so far: read by byte offset, split into lines, secrets blanked before a line
 * is kept or parsed, fed to the §8.4/§8.5 reader, and the newest lines kept for display.
 */
export class InstallProgress {
  readonly reader = new InstallLogReader();
  offset = 0;
  private partial = Buffer.alloc(0);
  private readonly tail: string[] = [];

  /** `secrets`: the values to blank (the admin password while this process knows it). */
  constructor(private readonly secrets: readonly string[] = []) {}

  accept(chunk: Buffer): void {
    this.offset += chunk.length;
    let data = this.partial.length > 0 ? Buffer.concat([this.partial, chunk]) : chunk;
    let newline = data.indexOf(0x0a);
    while (newline >= 0) {
      this.line(data.subarray(0, newline).toString('utf8'));
      data = data.subarray(newline + 1);
      newline = data.indexOf(0x0a);
    }
    if (data.length > MAX_PARTIAL) {
      this.line(data.toString('utf8'));
      data = Buffer.alloc(0);
    }
    this.partial = Buffer.from(data);
  }

  /** The end of the log: a last line without a newline counts too. */
  flush(): void {
    if (this.partial.length > 0) this.line(this.partial.toString('utf8'));
    this.partial = Buffer.alloc(0);
  }

  /** The newest lines, at most 200, the unfinished last one included. */
  logTail(): string[] {
    const pending = this.partial.length > 0 ? [this.clean(this.partial.toString('utf8'))] : [];
    return [...this.tail, ...pending].slice(-TAIL_LINES);
  }

  blank(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (secret.length > 0) out = out.split(secret).join(BLANK);
    // Whatever else would print the variable (a debug trace of setup) is blanked by its name.
    return out.replace(/(EMAIL_PW=)\S*/g, `$1${BLANK}`).replace(/(with password )\S+/g, `$1${BLANK}`);
  }

  private clean(raw: string): string {
    // A progress bar redraws with \r: what the terminal would show is the last redraw.
    const parts = raw.split('\r').filter((part) => part !== '');
    const shown = parts.length > 0 ? (parts[parts.length - 1] as string) : '';
    return this.blank(shown).slice(0, MAX_LINE);
  }

  private line(raw: string): void {
    const text = this.clean(raw);
    this.reader.feed(text);
    this.tail.push(text);
    if (this.tail.length > TAIL_LINES) this.tail.splice(0, this.tail.length - TAIL_LINES);
  }
}

export interface FollowDeps {
  exec(targetId: string, command: string, options?: ExecOptions): Promise<Result<ExecResult>>;
  /** Drops the target's connection so the next exec opens a new one (after a poll timed out on a dead link). */
  reset(targetId: string): void;
  pollIntervalMs: number;
  /** How long polls may keep failing (the box away, the network down) before the install is called unknown. */
  reconnectForMs: number;
  now(): number;
}

export interface FollowEnd {
  /** The runner's exit status, or null when it was gone without writing one. */
  exitStatus: number | null;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** Errors that another try cannot fix: stop following and say so. */
const FINAL_CODES = new Set([
  'auth-failed',
  'host-key-unknown',
  'host-key-mismatch',
  'keychain-unavailable',
  'not-found',
]);

/**
 * Polls an install's log over the target's SSH connection until the runner wrote its exit status and the whole log
 * was read. A failed poll (dropped connection, box rebooting) is retried with the pool reconnecting, for
 * `reconnectForMs`; cancelling stops only the following, never setup on the box.
 */
export async function followInstall(
  deps: FollowDeps,
  target: { targetId: string; installId: string },
  progress: InstallProgress,
  signal: AbortSignal,
  onChange: (note?: string) => void,
): Promise<Result<FollowEnd>> {
  let failingSince: number | null = null;
  let goneOnce = false;
  while (!signal.aborted) {
    const polled = await deps.exec(target.targetId, pollCommand(target.installId, progress.offset), {
      timeoutMs: 30_000,
      maxOutputBytes: POLL_CHUNK * 2,
      signal,
    });
    if (signal.aborted) break;
    const answer = polled.ok && polled.value.code === 0 ? parsePoll(polled.value.stdout) : null;
    if (!answer) {
      if (!polled.ok && FINAL_CODES.has(polled.error.code)) return polled;
      if (polled.ok && polled.value.code !== null && polled.value.code !== 0 && /sudo/i.test(polled.value.stderr))
        return fail(
          'needs-sudo',
          'This login can no longer use sudo without a password, so the install cannot be followed.',
          {
            retryable: false,
          },
        );
      failingSince ??= deps.now();
      if (deps.now() - failingSince > deps.reconnectForMs)
        return fail(
          'host-unreachable',
          'The server has not answered for a while; setup may still be running there. Attach again later.',
        );
      if (!polled.ok && polled.error.code === 'timeout') deps.reset(target.targetId);
      onChange('The connection to the server was lost; reconnecting…');
      await sleep(Math.min(5_000, deps.pollIntervalMs * 2), signal);
      continue;
    }
    failingSince = null;
    if (answer.missing)
      return fail('not-found', 'The install is not on the server any more (its directory was removed).', {
        retryable: false,
      });
    progress.accept(answer.chunk);
    onChange();
    if (answer.chunk.length >= POLL_CHUNK) continue;
    if (answer.exitStatus !== null && progress.offset >= answer.size) {
      progress.flush();
      return ok({ exitStatus: answer.exitStatus });
    }
    if (answer.exitStatus === null && answer.process === 'gone') {
      // The exit file may have been written between the two reads: only a second look that agrees is an end.
      if (goneOnce) {
        progress.flush();
        return ok({ exitStatus: null });
      }
      goneOnce = true;
      continue;
    }
    goneOnce = false;
    await sleep(deps.pollIntervalMs, signal);
  }
  return fail('cancelled', 'Stopped following the install; setup goes on on the server.');
}
