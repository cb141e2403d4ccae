/**
 * Run by harness-reaper.test.ts in its own process (through tsx), which the test then kills with SIGKILL:
 * starts one of everything the reaper must clean up, prints what it made as one JSON line, and waits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createNetns, netnsSupport } from './netns';
import { startProcess } from './processes';
import { grantApiKeyRead } from './sudoers';
import { makeTempDir } from './temp';
import { ensureTestUsers } from './test-users';

async function main(): Promise<void> {
  const sleeper = await startProcess('sleeper', process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  const dir = await makeTempDir('reaper-probe');
  const ns = netnsSupport().ok ? await createNetns() : undefined;
  await ensureTestUsers();
  const keyPath = path.join(dir, 'api.key');
  fs.writeFileSync(keyPath, 'probe', { mode: 0o600 });
  const grant = await grantApiKeyRead('bfadmin', keyPath);
  process.stdout.write(
    JSON.stringify({ sleeperPid: sleeper.pid, dir, netns: ns?.name ?? null, sudoersFile: grant.file }) + '\n',
  );
  setInterval(() => undefined, 1000);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
