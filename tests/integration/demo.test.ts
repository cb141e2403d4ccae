/**
 * `npm run demo` end to end: the demo process starts emulated boxes behind real sshd, prints `box add` commands
 * that work as printed (here against a throwaway data dir and the harness's Secret Service), and leaves nothing
 * behind when it is stopped with SIGTERM or when its parent dies.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src-main/cli/main';
import type { DemoOptions } from '../../scripts/demo/run-demo';
import { captureIo } from '../helpers/capture-io';
import { restoreEnv, startKeyring, type EnvSnapshot, type Keyring } from '../harness/keyring';
import { runCommand } from '../harness/run-command';
import { waitFor } from '../harness/wait';

jest.setTimeout(180_000);

const REPO = join(__dirname, '..', '..');

interface RunningDemo {
  child: ChildProcess;
  output(): string;
  exited: Promise<void>;
}

function startDemo(args: string[], env: NodeJS.ProcessEnv, viaShell = false): RunningDemo {
  const argv = ['scripts/run-ts.mjs', 'scripts/demo/demo.ts', ...args];
  // viaShell: a parent that can be killed outright, like a terminal that goes away.
  const child = viaShell
    ? spawn('sh', ['-c', `"${process.execPath}" ${argv.join(' ')}; true`], { cwd: REPO, env })
    : spawn(process.execPath, argv, { cwd: REPO, env });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, output: () => output, exited };
}

/** Splits a printed command line the way a POSIX shell would for the quoting the demo uses. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] as string),
  );
}

interface Printed {
  commands: string[][];
  sshdPids: number[];
  apiPorts: number[];
  tempDir: string;
}

async function waitUntilReady(demo: RunningDemo): Promise<Printed> {
  await waitFor(
    () => (demo.output().includes('Demo ready.') ? true : undefined),
    () => `the demo to be ready; output so far:\n${demo.output()}`,
    150_000,
    200,
  );
  const text = demo.output();
  return {
    commands: text
      .split('\n')
      .filter((l) => l.trim().startsWith('npx boxfleet ') && l.includes(' box add '))
      .map((l) => shellWords(l.trim())),
    sshdPids: [...text.matchAll(/sshd pid (\d+)/g)].map((m) => Number(m[1])),
    apiPorts: [...text.matchAll(/API on port (\d+)/g)].map((m) => Number(m[1])),
    tempDir: /Temp files: (\S+)/.exec(text)?.[1] ?? '',
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

async function assertAllGone(printed: Printed): Promise<void> {
  for (const pid of printed.sshdPids) expect(alive(pid)).toBe(false);
  for (const port of printed.apiPorts) expect(await refuses(port)).toBe(true);
  expect(existsSync(printed.tempDir)).toBe(false);
}

let keyring: Keyring;
let restore: EnvSnapshot;
let dataDir: string;
const demos: RunningDemo[] = [];

beforeAll(async () => {
  keyring = await startKeyring();
  restore = keyring.apply();
});
afterAll(async () => {
  for (const d of demos) if (d.child.exitCode === null) d.child.kill('SIGKILL');
  await keyring?.stop();
  if (restore) restoreEnv(restore);
});
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bf-demo-data-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['--data-dir', dataDir, ...args], io, {});
  return { code, out: io.stdout, err: io.stderr };
}

async function keychainAccounts(): Promise<string[]> {
  const { stdout, stderr } = await runCommand('secret-tool', ['search', '--all', 'service', 'boxfleet'], {
    env: { ...process.env, ...keyring.env },
    allowFailure: true,
  });
  return [...(stdout + stderr).matchAll(/attribute\.username = (\S+)/g)].map((m) => m[1] as string).sort();
}

async function usersOf(box: string): Promise<string[]> {
  const r = await cli(['users', 'list', '--box', box, '--json']);
  expect(r.err).toBe('');
  return (JSON.parse(r.out) as Array<{ users: Array<{ email: string }> }>).flatMap((g) => g.users.map((u) => u.email));
}

describe('npm run demo', () => {
  it('prints box add commands that work as printed, and SIGTERM leaves nothing behind', async () => {
    const options: DemoOptions = { boxes: 2, add: false };
    const demo = startDemo(['--boxes', String(options.boxes), '--no-add'], { ...process.env });
    demos.push(demo);
    const printed = await waitUntilReady(demo);
    expect(printed.commands).toHaveLength(2);
    expect(printed.sshdPids.every(alive)).toBe(true);
    expect(existsSync(printed.tempDir)).toBe(true);

    for (const words of printed.commands) {
      expect(words.slice(0, 3)).toEqual(['npx', 'boxfleet', '--data-dir']);
      expect(words.slice(4, 6)).toEqual(['box', 'add']);
      // The printed command, with this test's throwaway data dir in place of the demo's.
      const r = await cli(words.slice(4));
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }
    const listed = JSON.parse((await cli(['box', 'list', '--json'])).out) as Array<{ name: string }>;
    expect(listed.map((b) => b.name).sort()).toEqual(['demo-power', 'demo-upstream']);
    expect(await usersOf('demo-upstream')).toEqual(expect.arrayContaining(['alice@example.com', 'bob@example.com']));
    expect(await usersOf('demo-power')).toEqual(expect.arrayContaining(['alice@example2.com']));
    const version = await cli(['api', '--box', 'demo-power', 'GET', '/system/version']);
    expect(version).toMatchObject({ code: 0, out: 'v60.5\n' });

    demo.child.kill('SIGTERM');
    await demo.exited;
    await assertAllGone(printed);
    for (const b of ['demo-upstream', 'demo-power']) await cli(['box', 'remove', b]);
  });

  it('adds the boxes to the data dir it is given, and cleans up (keychain too) when its parent dies', async () => {
    const env = { ...process.env, ...keyring.env };
    const demo = startDemo(['--boxes', '1', '--data-dir', dataDir], env, true);
    demos.push(demo);
    const printed = await waitUntilReady(demo);
    expect(demo.output()).toContain(`Added demo-upstream to ${dataDir}.`);
    expect(await usersOf('demo-upstream')).toEqual(expect.arrayContaining(['alice@example.com']));
    expect(await keychainAccounts()).toHaveLength(1);

    // The shell is killed outright: nothing forwards a signal to the demo, which must notice on its own.
    demo.child.kill('SIGKILL');
    await waitFor(
      () => (printed.sshdPids.some(alive) || existsSync(printed.tempDir) ? undefined : true),
      () => `the demo to stop after its parent died; output:\n${demo.output()}`,
      60_000,
      200,
    );
    await assertAllGone(printed);
    expect(await keychainAccounts()).toEqual([]);
    expect(JSON.parse((await cli(['box', 'list', '--json'])).out)).toEqual([]);
  });
});
