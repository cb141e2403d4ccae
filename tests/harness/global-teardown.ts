/**
 * Global teardown for jest (both tiers) and Playwright: releases the test users (deleting them unless another
 * live run holds them), removes this run's sudoers grants and the run's temp directory.
 */
import fs from 'node:fs';
import { forgetReap } from './reaper';
import { removeSudoersGrants } from './sudoers';
import { releaseTestUsers } from './test-users';

async function globalTeardown(): Promise<void> {
  if (process.getuid?.() === 0) {
    await removeSudoersGrants();
    await releaseTestUsers();
  }
  const dir = process.env.BOXFLEET_TEST_RUN_DIR;
  if (dir === undefined) return;
  fs.rmSync(dir, { recursive: true, force: true });
  forgetReap('dir', dir);
  const before = process.env.BOXFLEET_TEST_TMPDIR_BEFORE;
  if (before) process.env.TMPDIR = before;
  else delete process.env.TMPDIR;
  delete process.env.BOXFLEET_TEST_RUN_DIR;
  delete process.env.BOXFLEET_TEST_TMPDIR_BEFORE;
}

export = globalTeardown;
