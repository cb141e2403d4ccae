import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startBrowserMode } from './fixtures/browser-mode';
import { addBoxWithCli } from './fixtures/cli-add';
import { bedFixture, expect, test as shared } from './fixtures/testbed-mode';

/** This spec stops its box's sshd, so it gets a testbed (and a worker) of its own. */
const test = shared.extend({ bed: bedFixture });

async function refreshOnce(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Fleet' }).click();
  const refresh = page.getByRole('button', { name: 'Refresh', exact: true });
  await refresh.click();
  // Disabled while the refresh job runs; enabled again once the box has answered (or failed to).
  await expect(refresh).toBeEnabled({ timeout: 30_000 });
}

test('a box whose sshd stopped raises an alert on the second refresh, not the first, and clears when it is back', async ({
  page,
  bed,
}) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'boxfleet-e2e-alerts-'));
  try {
    await addBoxWithCli(bed.profile, bed.keyring.env, dataDir, 'alert-box');
    await bed.testbed.box(0).sshd.stop();
    const server = await startBrowserMode(dataDir, { env: { ...bed.keyring.env, SSH_AUTH_SOCK: undefined } });
    try {
      await page.goto(server.info.url);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await refreshOnce(page);
      await expect(page.getByRole('table').getByRole('row', { name: /alert-box/ })).toContainText(/down/i);
      await nav.getByRole('button', { name: /^Alerts/ }).click();
      await expect(page.getByRole('heading', { name: 'No alerts' })).toBeVisible();

      await refreshOnce(page);
      await expect(nav.getByRole('button', { name: 'Alerts, 1 active' })).toBeVisible();
      await nav.getByRole('button', { name: /^Alerts/ }).click();
      const row = page.getByRole('table', { name: 'Active alerts' }).getByRole('row').nth(1);
      await expect(row).toContainText('alert-box');
      await expect(row).toContainText('Box not reachable');
      await expect(row).toContainText('alert-box is not answering over SSH.');

      // The box comes back: the next refresh clears the alert, which stays in the list as history.
      await bed.testbed.box(0).sshd.restart();
      await refreshOnce(page);
      await expect(nav.getByRole('button', { name: 'Alerts', exact: true })).toBeVisible();
      await nav.getByRole('button', { name: /^Alerts/ }).click();
      await expect(page.getByRole('table', { name: 'Active alerts' })).toHaveCount(0);
      const cleared = page.getByRole('table', { name: 'Cleared alerts' }).getByRole('row').nth(1);
      await expect(cleared).toContainText('alert-box is not answering over SSH.');
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
