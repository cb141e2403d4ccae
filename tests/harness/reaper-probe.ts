/**
 * Run by harness-reaper.test.ts in its own process (through tsx), which the test then kills with SIGKILL:
 * starts one of everything the reaper must clean up, prints what it made as one JSON line, and waits.
 */
import { createNetns, netnsSupport } from './netns';
import { startProcess } from './processes';
import { makeTempDir } from './temp';

async function main(): Promise<void> {
  const sleeper = await startProcess('sleeper', process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  const dir = await makeTempDir('reaper-probe');
  const ns = netnsSupport().ok ? await createNetns() : undefined;
  process.stdout.write(JSON.stringify({ sleeperPid: sleeper.pid, dir, netns: ns?.name ?? null }) + '\n');
  setInterval(() => undefined, 1000);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
