import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `boxfleet status` as a person runs it: in a real pseudo-terminal (util-linux's `script`), where the refresh job
 * draws its progress line on stderr, and with --json or through a pipe, where it draws nothing.
 */

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'boxfleet.js');
const ERASE_LINE = '\x1b[2K';

/** One box nobody can log in to (agent auth, no agent): the refresh ends at once, with the box marked as such. */
const FLEET = {
  version: 1,
  data: {
    boxes: [
      {
        id: 'box-one',
        name: 'mail-eu',
        host: '127.0.0.1',
        port: 1,
        user: 'root',
        auth: { kind: 'agent' },
        tags: [],
        addedAt: '2025-01-01T00:00:00.000Z',
      },
    ],
  },
};

function run(command: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['SSH_AUTH_SOCK'];
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

/** Runs the CLI inside a pseudo-terminal; everything it writes (stdout and stderr) comes back on `out`. */
function inTerminal(args: string[]) {
  const line = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return run('script', ['-qec', line, '/dev/null']);
}

describe('CLI progress on a terminal', () => {
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'build', 'main'))) throw new Error('The CLI is not built: run `npm run build` first.');
    dataDir = await mkdtemp(join(tmpdir(), 'bf-progress-'));
    await chmod(dataDir, 0o700);
    await writeFile(join(dataDir, 'fleet.json'), JSON.stringify(FLEET), { mode: 0o600 });
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test('`boxfleet status` in a terminal draws the refresh job’s line, then the table', async () => {
    const { out } = await inTerminal(['--data-dir', dataDir, 'status']);
    // How many steps show depends on how fast the box fails; the last one is always drawn.
    expect(out).toContain(`\r${ERASE_LINE}Refreshing mail-eu  100%`);
    // The progress line ends before the table starts on a line of its own.
    expect(out.indexOf('100%')).toBeLessThan(out.indexOf('NAME'));
    expect(out).toMatch(/mail-eu\s+auth-failed/);
  });

  test('with --json the terminal gets the JSON and no progress', async () => {
    const { out } = await inTerminal(['--data-dir', dataDir, 'status', '--json']);
    expect(out).not.toContain(ERASE_LINE);
    expect(out).not.toContain('Refreshing');
    expect(out).toContain('"name": "mail-eu"');
  });

  test('through a pipe stderr gets no progress', async () => {
    const { out, err } = await run(process.execPath, [BIN, '--data-dir', dataDir, 'status']);
    expect(err).not.toContain(ERASE_LINE);
    expect(err).not.toContain('Refreshing');
    expect(out).toMatch(/mail-eu\s+auth-failed/);
  });
});
