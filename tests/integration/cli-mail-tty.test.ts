/**
 * The mail commands as a person runs them, in a real pseudo-terminal (util-linux's `script`) against an emulated box
 * over real SSH: the password asked twice without echo, a removal asked for and declined, and the import job's
 * progress line on a terminal (none with --json).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyPassword } from '../emulator';
import { startMailCliBed, type MailCliBed } from '../helpers/cli-mail-bed';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'boxfleet.js');
const ERASE_LINE = '\x1b[2K';

let bed: MailCliBed;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'build', 'main'))) throw new Error('The CLI is not built: run `npm run build` first.');
  bed = await startMailCliBed();
});

afterAll(async () => {
  await bed?.stop();
});

/** The CLI in a pseudo-terminal: what it writes (stdout and stderr both) arrives on `out`; `type` is the keyboard. */
class Terminal {
  out = '';
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiters: Array<() => void> = [];
  readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    const line = [process.execPath, BIN, '--data-dir', bed.dataDir, ...args]
      .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    this.child = spawn('script', ['-qec', line, '/dev/null'], { cwd: ROOT, env: process.env });
    const seen = (chunk: Buffer) => {
      this.out += chunk.toString();
      for (const wake of this.waiters.splice(0)) wake();
    };
    this.child.stdout.on('data', seen);
    this.child.stderr.on('data', seen);
    this.exited = new Promise((resolve) => this.child.once('close', (code) => resolve(code)));
  }

  /** Resolves once the terminal shows `text` (the test's own timeout ends a wait that never does). */
  async waitFor(text: string): Promise<void> {
    while (!this.out.includes(text)) await new Promise<void>((wake) => this.waiters.push(wake));
  }

  type(text: string): void {
    this.child.stdin.write(text);
  }

  async end(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }
}

test('users add asks for the password twice without echo; it is set, and never shown', async () => {
  const secret = 'typed-secret-77';
  const term = new Terminal(['users', 'add', '--box', 'up', 'tty@example.com']);
  await term.waitFor('New password for tty@example.com: ');
  term.type(`${secret}\r`);
  await term.waitFor('The same password again: ');
  term.type(`${secret}\r`);
  await term.waitFor('Added tty@example.com');
  expect(await term.end()).toBe(0);
  expect(term.out).not.toContain(secret);
  expect(term.out).not.toContain('Password (shown only this once)');
  const user = bed.stateOf('up').users.find((u) => u.email === 'tty@example.com');
  expect(verifyPassword(secret, user?.password ?? '')).toBe(true);
});

test('users password: two different answers change nothing (exit 1)', async () => {
  const before = bed.stateOf('up').users.find((u) => u.email === 'alice@example.com')?.password;
  const term = new Terminal(['users', 'password', '--box', 'up', 'alice@example.com']);
  await term.waitFor('New password for alice@example.com: ');
  term.type('first-answer-1\r');
  await term.waitFor('The same password again: ');
  term.type('second-answer-2\r');
  expect(await term.end()).toBe(1);
  expect(term.out).toContain('The two passwords differ; nothing was changed.');
  expect(term.out).not.toMatch(/first-answer|second-answer/);
  expect(bed.stateOf('up').users.find((u) => u.email === 'alice@example.com')?.password).toBe(before);
});

test('users remove asks first on a terminal; "n" keeps the user', async () => {
  const term = new Terminal(['users', 'remove', '--box', 'up', 'alice@example.com']);
  await term.waitFor('[y/N] ');
  expect(term.out).toContain('Its mail stays on the box (archived)');
  term.type('n\r');
  expect(await term.end()).toBe(1);
  expect(term.out).toContain('Nothing was removed.');
  expect(bed.stateOf('up').users.some((u) => u.email === 'alice@example.com')).toBe(true);
});

describe('users import on a terminal', () => {
  const file = () => join(bed.dataDir, 'import.csv');

  beforeAll(async () => {
    await writeFile(file(), 'email,password\nbulk1@example.com,bulk-pass-11\nbulk2@example.com,bulk-pass-22\n');
  });

  afterAll(async () => {
    await rm(file(), { force: true });
  });

  test('draws the job progress line, then the rows', async () => {
    const term = new Terminal(['users', 'import', '--box', 'up', file()]);
    expect(await term.end()).toBe(0);
    expect(term.out).toContain(`\r${ERASE_LINE}Import users into up  100%`);
    expect(term.out.lastIndexOf('100%')).toBeLessThan(term.out.indexOf('ROW'));
    expect(term.out).toMatch(/bulk2@example\.com\s+create: done/);
    expect(term.out).not.toMatch(/bulk-pass/);
  });

  test('with --json draws no progress', async () => {
    const term = new Terminal(['users', 'import', '--box', 'up', file(), '--json']);
    expect(await term.end()).toBe(0);
    expect(term.out).not.toContain(ERASE_LINE);
    expect(term.out).not.toContain('Import users');
    expect(term.out).toContain('"dryRun": false');
    expect(term.out).toContain('"applied": true');
  });
});
