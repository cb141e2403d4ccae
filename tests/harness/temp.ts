/**
 * Per-run temporary directories. All of them live under one root per test process, which is removed at
 * teardown (`removeTempDirs`) or, failing that, by the reaper when this process is gone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forgetReap, reapOnExit } from './reaper';

let root: string | undefined;
let counter = 0;

function runRoot(): string {
  if (root === undefined) {
    root = fs.mkdtempSync(path.join(os.tmpdir(), `boxfleet-test-${process.pid}-`));
    // The test users (bfadmin, bfnosudo) must be able to traverse into sshd's per-instance authorized_keys.
    fs.chmodSync(root, 0o755);
    reapOnExit('dir', root);
  }
  return root;
}

/** Creates a fresh directory under this run's temp root (mode 0755 unless told otherwise). */
export async function makeTempDir(prefix = 'dir', mode = 0o755): Promise<string> {
  counter += 1;
  const dir = path.join(runRoot(), `${prefix.replace(/[^A-Za-z0-9_.-]/g, '_')}-${counter}`);
  await fs.promises.mkdir(dir, { mode });
  await fs.promises.chmod(dir, mode);
  return dir;
}

/** The temp root of this run, for diagnostics. */
export function tempRoot(): string {
  return runRoot();
}

/** Removes every directory made by `makeTempDir` in this process. */
export async function removeTempDirs(): Promise<void> {
  if (root === undefined) return;
  const dir = root;
  root = undefined;
  await fs.promises.rm(dir, { recursive: true, force: true });
  forgetReap('dir', dir);
}
