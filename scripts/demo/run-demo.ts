/**
 * `npm run demo [-- --boxes N] [--data-dir DIR] [--no-add]`: emulated Mail-in-a-Box servers behind real sshd
 * instances on free loopback ports, a generated client key, and the `box add` commands that reach them. Unless told
 * `--no-add`, the boxes are also added to a demo data directory (not the user's own fleet). Everything it started
 * stops, and its temp files go, on Ctrl-C, SIGTERM, SIGHUP or when the process that started it goes away.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Io } from '../../src-main/cli/command';
import { describeStop, whenToStop } from '../../src-main/cli/exit-with-parent';
import { main as cli } from '../../src-main/cli/main';
import { OsKeychain } from '../../src-main/secrets/os-keychain';
import { demoBoxPlan, startDemoBox } from './demo-boxes';
import type { DemoBox } from './demo-boxes';
import { run } from './run';

const USAGE = `Usage: npm run demo -- [--boxes N] [--data-dir DIR] [--no-add]

  --boxes N       how many emulated boxes (1-8, default 2: one upstream, one Power)
  --data-dir DIR  the Boxfleet data directory the boxes are added to (default: one inside the demo's temp dir,
                  removed at the end; your own fleet is never touched). The demo removes the boxes it added,
                  and their keychain entries, when it stops.
  --no-add        only print the box add commands
`;

export interface DemoOptions {
  boxes: number;
  dataDir?: string;
  add: boolean;
}

export function parseDemoArgs(argv: string[]): DemoOptions | { help: true } {
  const { values } = parseArgs({
    args: argv,
    options: {
      boxes: { type: 'string', default: '2' },
      'data-dir': { type: 'string' },
      'no-add': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true };
  const boxes = Number(values.boxes);
  if (!Number.isInteger(boxes) || boxes < 1 || boxes > 8) throw new Error('--boxes takes a number from 1 to 8');
  const options: DemoOptions = { boxes, add: !values['no-add'] };
  if (values['data-dir'] !== undefined) options.dataDir = resolve(values['data-dir']);
  return options;
}

/** Quotes a word for a POSIX shell only when it needs it, so the printed commands stay readable. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function collectingIo(): Io & { text(): string } {
  let buffer = '';
  return {
    out: (t) => void (buffer += t),
    err: (t) => void (buffer += t),
    readStdin: () => Promise.resolve(''),
    isTty: false,
    text: () => buffer,
  };
}

/** Adds every box through the CLI itself; false (after saying why) when the OS keychain cannot take the key. */
async function addBoxes(boxes: DemoBox[], dataDir: string, added: string[]): Promise<boolean> {
  const probe = await new OsKeychain().get('demo-probe');
  if (!probe.ok) {
    process.stdout.write(
      `\nNot adding the boxes: no usable OS keychain. ${probe.error.message}\n` +
        'Boxfleet keeps SSH keys only in the keychain (a Secret Service on Linux). Start one, then run the ' +
        'commands above yourself, or start the demo with --no-add.\n',
    );
    return false;
  }
  for (const box of boxes) {
    const io = collectingIo();
    const code = await cli(['--data-dir', dataDir, 'box', 'add', ...box.addArgs], io);
    if (code !== 0) {
      process.stdout.write(`\nAdding ${box.name} failed:\n${io.text()}`);
      return false;
    }
    added.push(box.name);
  }
  return true;
}

export async function runDemo(options: DemoOptions): Promise<void> {
  const base = await mkdtemp(join(tmpdir(), 'boxfleet-demo-'));
  const boxes: DemoBox[] = [];
  const added: string[] = [];
  const dataDir = options.dataDir ?? join(base, 'data');
  let stopping: Promise<void> | undefined;

  const stop = (why: string): Promise<void> =>
    (stopping ??= (async () => {
      process.stdout.write(`\nStopping the demo (${why})...\n`);
      // The demo's keys must not stay in the user's keychain after the boxes are gone.
      for (const name of added) await cli(['--data-dir', dataDir, 'box', 'remove', name], collectingIo());
      await Promise.allSettled(boxes.map((b) => b.stop()));
      await rm(base, { recursive: true, force: true });
      process.stdout.write('Demo stopped: sshd and the emulated boxes are gone, temp files removed.\n');
    })());
  const stopAndExit = (why: string, code = 0): void => {
    void stop(why).finally(() => process.exit(code));
  };
  // Ctrl-C, SIGTERM, SIGHUP, or npm / the shell that started the demo going away; a cleanup that hangs ends anyway.
  const watch = whenToStop({ exitAfterMs: 20_000 });
  void watch.requested.then((reason) => stopAndExit(describeStop(reason)));

  try {
    const keyPath = join(base, 'client_ed25519');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'boxfleet-demo', '-f', keyPath]);
    const client = { privateKeyPath: keyPath, publicKeyLine: (await readFile(keyPath + '.pub', 'utf8')).trim() };
    const plan = demoBoxPlan(options.boxes);
    const started = await Promise.allSettled(plan.map((p, i) => startDemoBox(i, p, join(base, `box${i + 1}`), client)));
    for (const s of started) if (s.status === 'fulfilled') boxes.push(s.value);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;

    const out: string[] = ['Boxfleet demo: emulated Mail-in-a-Box servers behind real sshd on 127.0.0.1.', ''];
    for (const b of boxes) {
      out.push(
        `  ${b.name}: ${b.flavour} ${b.emulator.state.version}, ${b.hostname}, ` +
          `ssh ${b.sshd.user}@${b.sshd.host}:${b.sshd.port} (sshd pid ${b.sshd.pid}), API on port ${b.emulator.port}`,
      );
    }
    out.push('', 'Add them to a Boxfleet data directory with:', '');
    for (const b of boxes) {
      out.push('  ' + ['npx', 'boxfleet', '--data-dir', dataDir, 'box', 'add', ...b.addArgs].map(shellWord).join(' '));
    }
    process.stdout.write(out.join('\n') + '\n');

    if (options.add && (await addBoxes(boxes, dataDir, added))) {
      process.stdout.write(`\nAdded ${added.join(', ')} to ${dataDir}.\n`);
    }
    const dir = shellWord(dataDir);
    process.stdout.write(
      [
        '',
        'Try:',
        `  npx boxfleet --data-dir ${dir} box list`,
        `  npx boxfleet --data-dir ${dir} users list --box ${boxes[0]?.name ?? 'demo-upstream'}`,
        `  npx boxfleet --data-dir ${dir} serve        # the app in your browser`,
        '',
        `Temp files: ${base}`,
        'Demo ready. Press Ctrl-C to stop it.',
        '',
      ].join('\n'),
    );
  } catch (err) {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
    stopAndExit('it failed to start', 1);
  }
}

export async function demoMain(argv: string[]): Promise<void> {
  let options: DemoOptions | { help: true };
  try {
    options = parseDemoArgs(argv);
  } catch (err) {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
  if ('help' in options) {
    process.stdout.write(USAGE);
    return;
  }
  await runDemo(options);
}
