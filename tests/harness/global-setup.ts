/**
 * Global setup for jest (both tiers) and Playwright: gives the run one temp directory and points TMPDIR at it, so
 * every `os.tmpdir()` user in the tests, and every process they start, writes there. Global teardown removes
 * it; if the run is killed, the reaper does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reapOnExit } from './reaper';

// Where the run directory's path is handed to teardown (and to processes started by the tests).
const RUN_DIR_ENV = 'BOXFLEET_TEST_RUN_DIR';

async function globalSetup(): Promise<void> {
  if (process.env[RUN_DIR_ENV] !== undefined) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boxfleet-run-'));
  // The test users log in through sshd instances whose authorized_keys files live below it.
  fs.chmodSync(dir, 0o755);
  reapOnExit('dir', dir);
  process.env[RUN_DIR_ENV] = dir;
  process.env.BOXFLEET_TEST_TMPDIR_BEFORE = process.env.TMPDIR ?? '';
  process.env.TMPDIR = dir;
}

// jest and Playwright both load the hook as the module's export.
export = globalSetup;
