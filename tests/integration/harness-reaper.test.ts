import fs from 'node:fs';
import path from 'node:path';
import { startProcess, stopProcess, type TrackedProcess } from '../harness/processes';
import { runCommand } from '../harness/run-command';
import { releaseTestUsers } from '../harness/test-users';
import { USER_STATE_DIR } from '../harness/user-lease';
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

function userExists(user: string): boolean {
  return fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .some((line) => line.startsWith(`${user}:`));
}

function leases(): string[] {
  return fs.existsSync(`${USER_STATE_DIR}/leases`) ? fs.readdirSync(`${USER_STATE_DIR}/leases`) : [];
}

test('when a harness process is killed outright, its reaper stops its processes and removes what it made', async () => {
  // Drop this run's own lease on the test users, so the probe's may be the last one (unless another run overlaps).
  await releaseTestUsers();
  // `node --import tsx` runs the probe in this very child (the tsx CLI would start a grandchild we cannot kill).
  const probe = await startProcess('reaper probe', process.execPath, [
    '--import',
    'tsx',
    path.join(__dirname, '..', 'harness', 'reaper-probe.ts'),
  ]);
  probes.push(probe);
  const [line] = await probe.waitForOutput(/^\{.*\}$/m, 30_000);
  const made = JSON.parse(line) as { sleeperPid: number; dir: string; netns: string | null; sudoersFile: string };
  expect(alive(made.sleeperPid)).toBe(true);
  expect(fs.existsSync(made.dir)).toBe(true);
  expect(fs.existsSync(made.sudoersFile)).toBe(true);
  expect(leases()).toContain(String(probe.pid));
  expect(userExists('bfadmin') && userExists('bfnosudo')).toBe(true);

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
  expect(fs.existsSync(made.sudoersFile)).toBe(false);
  expect(leases()).not.toContain(String(probe.pid));
  // The last lease out deletes the users; a run that overlaps this one keeps them alive with its own lease.
  const othersHoldThem = leases().length > 0;
  expect({ bfadmin: userExists('bfadmin'), bfnosudo: userExists('bfnosudo') }).toEqual({
    bfadmin: othersHoldThem,
    bfnosudo: othersHoldThem,
  });
  if (made.netns !== null) {
    const name = made.netns;
    await waitFor(
      async () => ((await runCommand('ip', ['netns', 'list'])).stdout.includes(name) ? undefined : true),
      () => `the reaper to delete namespace ${name}`,
    );
  }
});
