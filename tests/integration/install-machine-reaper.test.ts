/**
 * An install test run that is killed outright leaves nothing behind: the machine's processes (sshd, the detached
 * daemon, a setup still running), its network namespace and its temp dir (with the overlays' upper layers) go.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { netnsSupport } from '../harness/netns';
import { startProcess, stopProcess, type TrackedProcess } from '../harness/processes';
import { waitFor } from '../harness/wait';

jest.setTimeout(120_000);

const support = netnsSupport();
const testIf = support.ok ? test : test.skip;

const probes: TrackedProcess[] = [];
afterAll(async () => {
  for (const probe of probes) await stopProcess(probe);
});

const alive = (pid: number): boolean => fs.existsSync(`/proc/${pid}`);

testIf('a killed run takes its install machine with it: processes, namespace, temp dir', async () => {
  const probe = await startProcess('install machine probe', process.execPath, [
    '--import',
    'tsx',
    path.join(__dirname, '..', 'harness', 'install-machine-probe.ts'),
  ]);
  probes.push(probe);
  const [line] = await probe.waitForOutput(/^\{.*\}$/m, 90_000);
  const made = JSON.parse(line) as { netns: string; pids: number[]; dir: string };
  // sshd, the bootstrap bridge, the daemon, the held setup (bash, sleep) at least.
  expect(made.pids.length).toBeGreaterThanOrEqual(4);
  expect(made.pids.every(alive)).toBe(true);

  probe.child.kill('SIGKILL');
  await probe.exited;

  await waitFor(
    () => (made.pids.some(alive) ? undefined : true),
    () => `the machine's processes to end (alive: ${made.pids.filter(alive).join(' ')})`,
    30_000,
    100,
  );
  await waitFor(
    () => (execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).includes(made.netns) ? undefined : true),
    () => `namespace ${made.netns} to be deleted`,
  );
  await waitFor(
    () => (fs.existsSync(made.dir) ? undefined : true),
    () => `${made.dir} to be removed`,
  );
});
