import fs from 'node:fs';
import path from 'node:path';
import { startProcess, stopProcess, type TrackedProcess } from '../harness/processes';
import { runCommand } from '../harness/run-command';
import { waitFor } from '../harness/wait';

jest.setTimeout(60_000);

const probes: TrackedProcess[] = [];
afterAll(async () => {
  for (const probe of probes) await stopProcess(probe);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('when a harness process is killed outright, its reaper stops its processes and removes what it made', async () => {
  // `node --import tsx` runs the probe in this very child (the tsx CLI would start a grandchild we cannot kill).
  const probe = await startProcess('reaper probe', process.execPath, [
    '--import',
    'tsx',
    path.join(__dirname, '..', 'harness', 'reaper-probe.ts'),
  ]);
  probes.push(probe);
  const [line] = await probe.waitForOutput(/^\{.*\}$/m, 30_000);
  const made = JSON.parse(line) as { sleeperPid: number; dir: string; netns: string | null };
  expect(alive(made.sleeperPid)).toBe(true);
  expect(fs.existsSync(made.dir)).toBe(true);

  probe.child.kill('SIGKILL');
  await probe.exited;

  await waitFor(
    () => (alive(made.sleeperPid) ? undefined : true),
    () => `the reaper to stop pid ${made.sleeperPid}`,
  );
  await waitFor(
    () => (fs.existsSync(made.dir) ? undefined : true),
    () => `the reaper to remove ${made.dir}`,
  );
  if (made.netns !== null) {
    const name = made.netns;
    await waitFor(
      async () => ((await runCommand('ip', ['netns', 'list'])).stdout.includes(name) ? undefined : true),
      () => `the reaper to delete namespace ${name}`,
    );
  }
});
