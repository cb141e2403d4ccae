import type { JobInfo } from '../../src-shared/contract/jobs';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { EventBus } from '../events/event-bus';
import type { Jobs } from '../jobs/jobs';
import { terminalSafe } from './output';

/** The part of a terminal stream progress needs (process.stderr, or a fake in tests). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** Subscribes to "the user asked to stop" (Ctrl-C); returns the unsubscribe. */
export type Interrupts = (onInterrupt: () => void) => () => void;

export interface FollowOptions {
  /** With --json nothing is drawn: the output is for scripts. */
  json: boolean;
  stream: ProgressStream;
  /** Where Ctrl-C comes from; the process's SIGINT and SIGTERM unless a test passes its own. */
  interrupts?: Interrupts;
}

/**
 * Ctrl-C (or SIGTERM) while a job runs cancels the job, so it ends as cancelled through its AbortSignal (an import
 * stops between rows) and the command says so; a second Ctrl-C quits at once, for a job that does not stop.
 */
export const processInterrupts: Interrupts = (onInterrupt) => {
  let seen = 0;
  const handler = (): void => {
    seen++;
    if (seen === 1) onInterrupt();
    else process.exit(130);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
};

const CLEAR_LINE = '\x1b[2K';
const up = (rows: number) => (rows > 0 ? `\x1b[${rows}A` : '');

function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** One job as one line: title, percent (or how it ended), detail, bytes. */
export function progressLine(info: JobInfo): string {
  const state =
    info.state === 'running' || info.state === 'done'
      ? `${Math.round(info.value * 100)}%`
      : info.state === 'cancelled'
        ? 'cancelled'
        : `failed: ${info.error?.message ?? 'unknown error'}`;
  const parts = [info.title, state];
  if (info.detail) parts.push(info.detail);
  if (info.bytes) {
    const { done, total } = info.bytes;
    parts.push(total === undefined ? formatBytes(done) : `${formatBytes(done)} of ${formatBytes(total)}`);
  }
  return parts.map(terminalSafe).join('  ');
}

/**
 * The lines being redrawn on one stream: every followed job keeps its own line, rewritten in place. When the last
 * of them ends the block is left as it stands and the next output starts below it.
 */
class ProgressBlock {
  private readonly lines = new Map<string, JobInfo>();
  private drawn = 0;

  constructor(private readonly stream: ProgressStream) {}

  show(info: JobInfo): void {
    this.lines.set(info.jobId, info);
    this.draw();
    if ([...this.lines.values()].every((line) => line.state !== 'running')) {
      this.stream.write('\n');
      this.lines.clear();
      this.drawn = 0;
    }
  }

  private draw(): void {
    // One character short of the width: a line that wraps would move the cursor and break the redraw. A terminal
    // that does not say its size (0 columns, as under `script` or some CI ptys) is taken to be 80 wide.
    const columns = this.stream.columns !== undefined && this.stream.columns > 0 ? this.stream.columns : 80;
    const width = Math.max(10, columns - 1);
    const text = [...this.lines.values()].map((info) => CLEAR_LINE + [...progressLine(info)].slice(0, width).join(''));
    this.stream.write(up(this.drawn - 1) + '\r' + text.join('\n'));
    this.drawn = text.length;
  }
}

const blocks = new WeakMap<ProgressStream, ProgressBlock>();

function blockFor(stream: ProgressStream): ProgressBlock {
  let block = blocks.get(stream);
  if (!block) {
    block = new ProgressBlock(stream);
    blocks.set(stream, block);
  }
  return block;
}

/**
 * Follows one job until it ends and resolves with its final state. On a terminal the job gets one line that is
 * updated in place (title, percent, detail); with --json, or when the stream is not a terminal (a pipe, a log
 * file), nothing is written, so scripts only see the command's own output.
 */
export function followJob(
  core: { readonly jobs: Jobs; readonly events: EventBus },
  jobId: string,
  options: FollowOptions,
): Promise<Result<JobInfo>> {
  const draw = !options.json && options.stream.isTTY === true;
  const block = draw ? blockFor(options.stream) : undefined;
  return new Promise((resolve) => {
    let finished = false;
    const unsubscribe = (options.interrupts ?? processInterrupts)(() => void core.jobs.cancel(jobId));
    const seen = (info: JobInfo) => {
      if (finished) return;
      block?.show(info);
      if (info.state === 'running') return;
      finished = true;
      stop();
      unsubscribe();
      resolve(ok(info));
    };
    // Listening before looking, so an end that happens in between is not missed.
    const stop = core.events.on((name, payload) => {
      if (name === 'jobs.progress' && (payload as JobInfo).jobId === jobId) seen(payload as JobInfo);
    });
    const now = core.jobs.get(jobId);
    if (now) seen(now);
    else {
      finished = true;
      stop();
      unsubscribe();
      resolve(fail('not-found', 'There is no such job (it may have ended long ago).'));
    }
  });
}
