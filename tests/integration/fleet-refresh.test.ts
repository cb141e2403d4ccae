/**
 * A refresh through the real core (SSH pool, collector, jobs, health cache) against emulated boxes behind real
 * sshd, one of which hangs: the others' rows arrive first and the refresh still ends; a cancel ends it at once.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src-main/cli/main';
import { createCore, type Core } from '../../src-main/compose/core';
import type { JobInfo } from '../../src-shared/contract/jobs';
import type { Box } from '../../src-shared/domain/box';
import type { BoxHealth } from '../../src-shared/domain/fleet-health';
import { captureIo } from '../helpers/capture-io';
import { restoreEnv, startKeyring, type Keyring } from '../harness/keyring';
import { removeTempDirs } from '../harness/temp';
import { startTestbed, type Testbed, type TestbedBox } from '../harness/testbed';
import { waitFor } from '../harness/wait';

jest.setTimeout(180_000);

let bed: Testbed;
let keyring: Keyring;
let restore: ReturnType<Keyring['apply']>;
let dataDir: string;
let core: Core;
const ids = new Map<string, string>();

async function add(name: string, box: TestbedBox): Promise<void> {
  const { host, port, apiPort, paths, user, privateKeyPath, hostKeyFingerprint } = box.profile;
  const io = captureIo();
  const code = await main(
    [
      ...['--data-dir', dataDir, 'box', 'add', name, '--host', host, '--port', String(port), '--user', user],
      ...['--api-port', String(apiPort), '--api-key-file', paths.apiKey, '--conf-file', paths.conf],
      ...['--storage-root', paths.storageRoot, '--key', privateKeyPath, '--accept-host-key', hostKeyFingerprint],
    ],
    io,
    {},
  );
  if (code !== 0) throw new Error(`box add ${name}: ${io.stderr}`);
}

/** Starts a refresh and records, in order, the rows and the job's progress as the window would see them. */
async function refresh(): Promise<{ jobId: string; seen: Array<BoxHealth | JobInfo>; ended: Promise<JobInfo> }> {
  const seen: Array<BoxHealth | JobInfo> = [];
  let jobId = '';
  let finish: (info: JobInfo) => void = () => undefined;
  const ended = new Promise<JobInfo>((resolve) => (finish = resolve));
  const stop = core.events.on((name, payload) => {
    if (name === 'fleet.health') seen.push(payload as BoxHealth);
    if (name !== 'jobs.progress') return;
    const info = payload as JobInfo;
    seen.push(info);
    if (info.jobId === jobId && info.state !== 'running') {
      stop();
      finish(info);
    }
  });
  const started = await core.router.call('fleet.refresh', {}, { face: 'desktop' });
  if (!started.ok) throw new Error(started.error.message);
  jobId = (started.value as { jobId: string }).jobId;
  return { jobId, seen, ended };
}

const rowOf = (seen: Array<BoxHealth | JobInfo>, boxId: string): number =>
  seen.findIndex((e) => 'boxId' in e && 'reachability' in e && e.boxId === boxId);

beforeAll(async () => {
  keyring = await startKeyring();
  restore = keyring.apply();
  dataDir = await mkdtemp(join(tmpdir(), 'bf-fleet-refresh-'));
  bed = await startTestbed({
    system: true,
    proxy: true,
    boxes: [
      { flavour: 'upstream', hostname: 'box1.example.com' },
      { flavour: 'power', hostname: 'box2.example.com' },
      { flavour: 'upstream', hostname: 'box3.example.com' },
    ],
  });
  await add('a-box', bed.box(0));
  await add('b-hangs', bed.box(1));
  await add('c-box', bed.box(2));
  core = await createCore({ dataDir, mode: 'cli' });
  const boxes = await core.router.call('boxes.list', {}, { face: 'cli' });
  if (!boxes.ok) throw new Error(boxes.error.message);
  for (const box of boxes.value as Box[]) ids.set(box.name, box.id);
});

afterAll(async () => {
  await core?.close();
  await bed?.stop();
  await keyring?.stop();
  if (restore) restoreEnv(restore);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  await removeTempDirs();
});

afterEach(() => bed.box(1).unhang());

test('a hanging box does not hold back the others: their rows arrive, then it is reported down', async () => {
  // Connections open first, so the hang strikes an open connection (the warm case).
  const warm = await refresh();
  expect((await warm.ended).state).toBe('done');
  bed.box(1).hang();

  const run = await refresh();
  const a = ids.get('a-box') as string;
  const b = ids.get('b-hangs') as string;
  const c = ids.get('c-box') as string;
  // Both other rows arrive while the hanging box is still being waited for: the job is at 2 of 3.
  await waitFor(
    () => (rowOf(run.seen, a) >= 0 && rowOf(run.seen, c) >= 0 ? true : undefined),
    () => 'the rows of the boxes that answer',
  );
  expect(rowOf(run.seen, b)).toBe(-1);
  expect(core.jobs.get(run.jobId)).toMatchObject({ state: 'running', detail: '2 of 3 boxes' });

  const ended = await run.ended;
  expect(ended.state).toBe('done');
  const hung = run.seen[rowOf(run.seen, b)] as BoxHealth;
  expect(hung).toMatchObject({ reachability: 'down', error: { code: 'timeout' } });
  expect(rowOf(run.seen, b)).toBeGreaterThan(Math.max(rowOf(run.seen, a), rowOf(run.seen, c)));

  // The newest observation of each box is kept in the data directory, private to its owner.
  const health = await core.router.call('fleet.health', {}, { face: 'desktop' });
  expect(health.ok && (health.value as BoxHealth[]).map((h) => h.reachability).sort()).toEqual(['down', 'up', 'up']);
  const history = await core.router.call('fleet.history', { boxId: a }, { face: 'desktop' });
  expect(history.ok && (history.value as unknown[]).length).toBe(2);
  await core.close();
  expect((await stat(join(dataDir, 'fleet-health.json'))).mode & 0o777).toBe(0o600);
  core = await createCore({ dataDir, mode: 'cli' });
});

test('cancelling a refresh ends it at once, without waiting for the hanging box', async () => {
  bed.box(1).hang();
  const run = await refresh();
  const a = ids.get('a-box') as string;
  await waitFor(
    () => (rowOf(run.seen, a) >= 0 ? true : undefined),
    () => 'a row',
  );
  const cancelled = await core.router.call('jobs.cancel', { jobId: run.jobId }, { face: 'desktop' });
  expect(cancelled.ok && (cancelled.value as JobInfo).state).toBe('cancelled');
  expect((await run.ended).state).toBe('cancelled');
  expect(rowOf(run.seen, ids.get('b-hangs') as string)).toBe(-1);
});
