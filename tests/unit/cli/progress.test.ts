import { ok, fail, type Result } from '../../../src-shared/contract/result';
import { EventBus } from '../../../src-main/events/event-bus';
import { Jobs, type JobContext } from '../../../src-main/jobs/jobs';
import { followJob, type ProgressStream } from '../../../src-main/cli/progress';
import { manualClock } from '../jobs/manual-clock';

/**
 * A terminal that understands what progress writes (carriage return, erase line, cursor up, newline), so the test
 * reads the screen a person would see rather than the bytes.
 */
function fakeTerminal(options: { isTTY: boolean; columns?: number }) {
  const screen: string[] = [''];
  let row = 0;
  let col = 0;
  let raw = '';
  const stream: ProgressStream = {
    isTTY: options.isTTY,
    ...(options.columns === undefined ? {} : { columns: options.columns }),
    write(text: string) {
      raw += text;
      const ESC = String.fromCharCode(27);
      let i = 0;
      while (i < text.length) {
        const char = text[i] as string;
        if (char === '\r') {
          col = 0;
          i++;
        } else if (char === '\n') {
          row++;
          col = 0;
          if (screen.length <= row) screen.push('');
          i++;
        } else if (char === ESC && text[i + 1] === '[') {
          let j = i + 2;
          while (/[0-9]/.test(text[j] ?? '')) j++;
          const count = Number(text.slice(i + 2, j) || '1');
          if (text[j] === 'A') row = Math.max(0, row - count);
          else if (text[j] === 'K') screen[row] = '';
          else throw new Error(`progress wrote an unexpected control: ${JSON.stringify(text.slice(i, j + 1))}`);
          i = j + 1;
        } else {
          const line = (screen[row] ?? '').padEnd(col);
          screen[row] = line.slice(0, col) + char + line.slice(col + 1);
          col++;
          i++;
        }
      }
      return true;
    },
  };
  return { stream, screen, raw: () => raw };
}

function setup() {
  const bus = new EventBus();
  const clock = manualClock();
  const jobs = new Jobs({ bus, now: clock.now, timers: clock.timers });
  const core = { jobs, events: bus };
  const start = (title: string) => {
    let ctx: JobContext | undefined;
    let finish: (result: Result<string>) => void = () => undefined;
    const { jobId } = jobs.start<string>({
      kind: 'checks.run',
      title,
      key: title,
      run: (given) => {
        ctx = given;
        return new Promise<Result<string>>((resolve) => (finish = resolve));
      },
    });
    return {
      jobId,
      progress: (v: number, detail?: string) => ctx?.progress({ value: v, ...(detail ? { detail } : {}) }),
      finish: (r: Result<string>) => finish(r),
    };
  };
  return { core, clock, start };
}

describe('followJob', () => {
  test('draws one line per job on a terminal, updated in place, and resolves with the final state', async () => {
    const { core, clock, start } = setup();
    const term = fakeTerminal({ isTTY: true, columns: 80 });
    const job = start('Status checks on mail-eu');
    const followed = followJob(core, job.jobId, { json: false, stream: term.stream });
    expect(term.screen).toEqual(['Status checks on mail-eu  0%']);
    clock.advance(200);
    job.progress(0.42, 'Checking DNS');
    expect(term.screen).toEqual(['Status checks on mail-eu  42%  Checking DNS']);
    job.finish(ok('fine'));
    const final = await followed;
    expect(final).toMatchObject({ ok: true, value: { jobId: job.jobId, state: 'done', value: 1 } });
    expect(term.screen).toEqual(['Status checks on mail-eu  100%  Checking DNS', '']);
  });

  test('Ctrl-C cancels the job it follows, which ends as cancelled; afterwards the command stops listening', async () => {
    const { core, start } = setup();
    const term = fakeTerminal({ isTTY: true, columns: 80 });
    const listeners = new Set<() => void>();
    const interrupts = (on: () => void) => {
      listeners.add(on);
      return () => listeners.delete(on);
    };
    const job = start('Import users to mail-eu');
    const followed = followJob(core, job.jobId, { json: false, stream: term.stream, interrupts });
    expect(listeners.size).toBe(1);
    for (const interrupt of listeners) interrupt();
    const final = await followed;
    expect(final).toMatchObject({ ok: true, value: { jobId: job.jobId, state: 'cancelled' } });
    expect(core.jobs.get(job.jobId)?.state).toBe('cancelled');
    expect(listeners.size).toBe(0);
  });

  test('two jobs followed at once each keep their own line', async () => {
    const { core, clock, start } = setup();
    const term = fakeTerminal({ isTTY: true });
    const a = start('Refresh mail-eu');
    const b = start('Refresh mail-us');
    const followA = followJob(core, a.jobId, { json: false, stream: term.stream });
    const followB = followJob(core, b.jobId, { json: false, stream: term.stream });
    clock.advance(200);
    b.progress(0.5);
    a.progress(0.25);
    expect(term.screen).toEqual(['Refresh mail-eu  25%', 'Refresh mail-us  50%']);
    a.finish(fail('host-unreachable', 'No answer from mail-eu.'));
    b.finish(ok('x'));
    await Promise.all([followA, followB]);
    expect(term.screen).toEqual(['Refresh mail-eu  failed: No answer from mail-eu.', 'Refresh mail-us  100%', '']);
  });

  test('lines are cut to the terminal width and cannot carry terminal controls', async () => {
    const { core, clock, start } = setup();
    const term = fakeTerminal({ isTTY: true, columns: 20 });
    const job = start('A very long title that does not fit');
    const followed = followJob(core, job.jobId, { json: false, stream: term.stream });
    clock.advance(200);
    job.progress(0.1, 'box said \x1b]0;owned\x07');
    job.finish(ok('x'));
    await followed;
    expect(term.screen[0]).toBe('A very long title t');
    expect(term.raw()).not.toContain('\x1b]');
  });

  test('a terminal that does not say its width (0 columns) is taken as 80 wide, not cut to nothing', async () => {
    const { core, clock, start } = setup();
    const term = fakeTerminal({ isTTY: true, columns: 0 });
    const job = start('Refreshing 3 boxes');
    const followed = followJob(core, job.jobId, { json: false, stream: term.stream });
    clock.advance(200);
    job.progress(0.5, '2 of 3 boxes');
    expect(term.screen).toEqual(['Refreshing 3 boxes  50%  2 of 3 boxes']);
    job.finish(ok('x'));
    await followed;
  });

  test('prints nothing with --json or when stderr is not a terminal, and still resolves at the end', async () => {
    const { core, start } = setup();
    for (const [json, isTTY] of [
      [true, true],
      [false, false],
    ] as const) {
      const term = fakeTerminal({ isTTY });
      const job = start(`quiet ${String(json)}`);
      const followed = followJob(core, job.jobId, { json, stream: term.stream });
      job.progress(0.5);
      job.finish(fail('timeout', 'Too slow.'));
      await expect(followed).resolves.toMatchObject({
        ok: true,
        value: { state: 'failed', error: { code: 'timeout' } },
      });
      expect(term.raw()).toBe('');
    }
  });

  test('a job that already ended resolves at once; an unknown job is not-found', async () => {
    const { core, start } = setup();
    const job = start('Checks');
    job.finish(ok('x'));
    await new Promise((resolve) => setImmediate(resolve));
    const term = fakeTerminal({ isTTY: false });
    await expect(followJob(core, job.jobId, { json: false, stream: term.stream })).resolves.toMatchObject({
      ok: true,
      value: { state: 'done' },
    });
    await expect(followJob(core, 'nope', { json: false, stream: term.stream })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
