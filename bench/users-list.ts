/**
 * How fast the Mailboxes screen shows a box with 10,000 mail users, and how fast its filter answers a keystroke,
 * in Chromium through browser mode, next to the 16 ms frame budget (issue 9's goals: first render ≤ 150 ms, a
 * keystroke to the updated list ≤ 16 ms).
 *
 * One emulated upstream box behind a real sshd (the harness's testbed), seeded with 10,000 users over five domains
 * (mailbox sizes included, for the chart), added with `boxfleet box add` into a temporary data directory; then
 * `boxfleet serve` and Debian's Chromium (Playwright, headless). Per round the page is reloaded, so the store is
 * empty and the list is fetched over SSH again: "first render" is from the list's arrival in the renderer (the
 * store's User Timing mark) to the rows painted; "open to rows" adds the fetch. Then single keystrokes in the
 * filter, each timed from its keydown to the updated list painted. Anchors in the same page: the frame interval,
 * and the same number of users as one plain (non-virtualized) table.
 *
 *   npm run bench -- users-list [--users 10000] [--rounds 5]        (needs root: the testbed's OS users)
 */
import { chromium, type Browser } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startKeyring, type Keyring } from '../tests/harness/keyring';
import { stopAllProcesses } from '../tests/harness/processes';
import { makeTempDir, removeTempDirs } from '../tests/harness/temp';
import { releaseTestUsers } from '../tests/harness/test-users';
import { startTestbed, type Testbed } from '../tests/harness/testbed';
import { startBrowserMode } from '../tests/e2e/fixtures/browser-mode';
import { addBulkUsers } from '../tests/e2e/fixtures/bulk-users';
import { addBoxWithCli } from '../tests/e2e/fixtures/cli-add';
import { fmt, table } from './timing';
import {
  installProbe,
  measureFirstRender,
  measureFrameInterval,
  measureKeystroke,
  measurePlainTable,
  type FirstRender,
  type Keystroke,
} from './users-list-page';

const FIRST_RENDER_GOAL_MS = 150;
const FRAME_BUDGET_MS = 16;
const DOMAINS = ['bulk.example.org', 'lists.example.org', 'staff.example.org', 'sales.example.net', 'ops.example.com'];
/** Typed into the filter one key at a time: narrowing, widening again, then a domain. */
const KEYS = [
  ...'user0123',
  ...Array.from({ length: 4 }, () => 'Backspace'),
  ...'45',
  ...Array.from({ length: 10 }, () => 'Backspace'),
  ...'staff',
  ...Array.from({ length: 5 }, () => 'Backspace'),
  ...'admin',
];
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const QUIET_SCHEDULE = JSON.stringify({
  version: 1,
  data: { refreshMinutes: 0, checksHours: 0, pauseWhenHidden: false, idleCloseSeconds: 300, concurrency: 16 },
});

interface Args {
  users: number;
  rounds: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { users: 10_000, rounds: 5 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${argv[i]} needs a whole number`);
    if (argv[i] === '--users') args.users = value;
    else if (argv[i] === '--rounds') args.rounds = value;
    else throw new Error(`unknown option ${argv[i]}; options: --users N, --rounds N`);
  }
  return args;
}

function stats(values: readonly number[]): { median: number; p90: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p90: at(0.9), max: sorted.at(-1) ?? NaN };
}

const verdict = (value: number, goal: number) => (value <= goal ? 'PASS' : 'FAIL');

function report(args: Args, renders: FirstRender[], keys: Keystroke[], frameMs: number, plainMs: number[]): string {
  const render = stats(renders.map((r) => r.arrivedToFrameMs));
  const commit = stats(renders.map((r) => r.arrivedToRowsMs));
  const open = stats(renders.map((r) => r.openToRowsMs));
  const timed = keys.filter((k) => k.changed);
  const keyFrame = stats(timed.map((k) => k.toFrameMs));
  const keyCommit = stats(timed.map((k) => k.toCommitMs));
  const plain = stats(plainMs);
  const row = (label: string, s: { median: number; p90: number; max: number }, anchor: string) => [
    label,
    fmt(s.median),
    fmt(s.p90),
    fmt(s.max),
    anchor,
  ];
  return [
    `users-list: ${args.users} mail users (+1 admin) in ${DOMAINS.length + 1} domains, ${args.rounds} rounds, ` +
      `${timed.length} timed keystrokes (${keys.length - timed.length} changed nothing on screen)`,
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores (other work slows both measures)`,
    `rows in the document after first render: ${renders.map((r) => r.rowsInDocument).join(', ')} (virtualized)`,
    '',
    table(
      ['measure (ms)', 'median', 'p90', 'max', 'next to'],
      [
        row('first render: list arrived → rows painted', render, `goal ≤ ${FIRST_RENDER_GOAL_MS}`),
        row('  of which to React commit', commit, ''),
        row('open section → rows (incl. SSH fetch)', open, 'information'),
        row('filter keystroke → list painted', keyFrame, `frame budget ${FRAME_BUDGET_MS}`),
        row('  of which keydown → React commit', keyCommit, `frame budget ${FRAME_BUDGET_MS}`),
        row(`anchor: ${args.users} rows as one plain table`, plain, 'same page'),
      ],
    ),
    '',
    `frame interval in this headless Chromium: ${fmt(frameMs)} ms (median of 60 frames)`,
    `first render ${fmt(render.median)} ms = ${(render.median / FRAME_BUDGET_MS).toFixed(1)} frames; ` +
      `plain table ${fmt(plain.median)} ms = ${(plain.median / render.median).toFixed(1)}× the virtualized list`,
    `goal first render ≤ ${FIRST_RENDER_GOAL_MS} ms (median): ${verdict(render.median, FIRST_RENDER_GOAL_MS)}` +
      ` (p90 ${fmt(render.p90)} ms: ${verdict(render.p90, FIRST_RENDER_GOAL_MS)})`,
    `goal keystroke → updated list ≤ ${FRAME_BUDGET_MS} ms to commit (median): ${verdict(keyCommit.median, FRAME_BUDGET_MS)}` +
      ` (p90 ${fmt(keyCommit.p90)} ms: ${verdict(keyCommit.p90, FRAME_BUDGET_MS)}); on screen at the next frame: ` +
      `median ${fmt(keyFrame.median)} ms`,
  ].join('\n');
}

export async function runUsersList(argv: readonly string[] = process.argv.slice(3)): Promise<void> {
  const args = parseArgs(argv);
  let keyring: Keyring | undefined;
  let testbed: Testbed | undefined;
  let browser: Browser | undefined;
  let server: { stop: () => Promise<void> } | undefined;
  const cleanUp = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await testbed?.stop().catch((error: unknown) => console.error(error));
    await keyring?.stop().catch(() => undefined);
    await stopAllProcesses(1000).catch(() => undefined);
    await removeTempDirs();
    await releaseTestUsers();
  };
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    console.error(`starting a box with ${args.users} users …`);
    keyring = await startKeyring();
    testbed = await startTestbed({
      boxes: [
        {
          flavour: 'upstream',
          hostname: 'box1.example.com',
          admin: { email: 'me@box1.example.com', password: 'correct-horse-1' },
          seed: (state) => addBulkUsers(state, args.users, DOMAINS),
        },
      ],
    });
    const dataDir = await makeTempDir('users-list-data', 0o700);
    await addBoxWithCli(testbed.box(0).profile, keyring.env, dataDir, 'bench-box');
    await writeFile(join(dataDir, 'fleet-schedule.json'), QUIET_SCHEDULE, { mode: 0o600 });
    const started = await startBrowserMode(dataDir, { env: { ...keyring.env, SSH_AUTH_SOCK: undefined } });
    server = started;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(started.info.url);
    await page.getByRole('button', { name: 'bench-box', exact: true }).click();
    await page.waitForURL(/#\/box\/[^/]+$/);
    const overview = new URL(page.url()).hash;
    const mailboxes = `${overview}/mailboxes`;

    const renders: FirstRender[] = [];
    // One unmeasured round first: the SSH connection and the daemon's first answer are not the screen's cost.
    for (let round = 0; round <= args.rounds; round += 1) {
      // A reload on the box's overview: a fresh page with empty stores, so the list is fetched and drawn anew.
      await page.goto(`${started.info.origin}/${overview}`);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'bench-box' }).waitFor();
      await installProbe(page);
      const render = await measureFirstRender(page, mailboxes);
      if (round > 0) renders.push(render);
      console.error(
        `round ${round}: first render ${fmt(render.arrivedToFrameMs)} ms (open to rows ${fmt(render.openToRowsMs)} ms)`,
      );
    }
    await page.locator('#mail-users-filter').focus();
    const keys: Keystroke[] = [];
    for (let pass = 0; pass < 3; pass += 1) {
      for (const key of KEYS) keys.push(await measureKeystroke(page, key));
      await page.locator('#mail-users-filter').fill('');
    }
    const frameMs = await measureFrameInterval(page);
    const plainMs: number[] = [];
    for (let i = 0; i < 3; i += 1) plainMs.push(await measurePlainTable(page, args.users));
    console.log(report(args, renders, keys, frameMs, plainMs));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanUp();
  }
}

if (require.main === module) {
  runUsersList(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
