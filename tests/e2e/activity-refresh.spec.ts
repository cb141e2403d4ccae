import { test as base, type Page } from '@playwright/test';
import { startKeyring, type Keyring } from '../harness/keyring';
import { removeTempDirs } from '../harness/temp';
import { startTestbed, type Testbed } from '../harness/testbed';
import { withOneBoxServed } from './fixtures/fleet-bed';
import { BOX_ADMIN, expect } from './fixtures/testbed-mode';

const BOX = 'job-box';

interface HangBed {
  keyring: Keyring;
  testbed: Testbed;
}

/** One emulated box behind real sshd with a proxy in front, so the test can make it hang; a worker of its own. */
const test = base.extend<{ served: { url: string } }, { hangBed: HangBed }>({
  hangBed: [
    async ({ browserName: _browserName }, use) => {
      const keyring = await startKeyring();
      let testbed: Testbed | undefined;
      try {
        testbed = await startTestbed({ boxes: [{ flavour: 'upstream', admin: { ...BOX_ADMIN } }], proxy: true });
        await use({ keyring, testbed });
      } finally {
        await testbed?.stop();
        await keyring.stop();
        await removeTempDirs();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  served: async ({ hangBed }, use) => {
    await withOneBoxServed(hangBed.testbed.box(0).profile, hangBed.keyring.env, 'activity', BOX, use);
  },
});

async function screenshots(page: Page, name: string, outputPath: (name: string) => string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: outputPath(`${name}-${colorScheme}.png`) });
  }
}

test('a fleet refresh shows in the Activity panel as a job: done at 100%, and a hanging one cancelled from the panel', async ({
  page,
  served,
  hangBed,
}, info) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await page.goto(served.url);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const toggle = nav.getByRole('button', { name: /^Activity/ });
  const panel = page.getByRole('complementary', { name: 'Activity' });
  const refresh = page.getByRole('button', { name: 'Refresh', exact: true });

  await refresh.click();
  await expect(refresh).toBeEnabled({ timeout: 30_000 });
  await toggle.click();
  const done = panel.getByRole('listitem', { name: `Refreshing ${BOX}` });
  await expect(done).toContainText('Done');
  await expect(done).toContainText(BOX);
  await expect(done.getByRole('progressbar', { name: `Refreshing ${BOX}` })).toHaveAttribute('aria-valuenow', '100');
  await expect(done.getByRole('button', { name: /^Cancel/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);

  // The box stops answering: the refresh runs until cancelled from the panel.
  hangBed.testbed.box(0).hang();
  try {
    await refresh.click();
    await expect(toggle).toHaveAccessibleName('Activity, 1 running');
    await toggle.click();
    const running = panel.getByRole('listitem').first();
    await expect(running).toContainText('Running');
    const bar = running.getByRole('progressbar', { name: `Refreshing ${BOX}` });
    await expect(bar).toHaveAttribute('aria-valuemin', '0');
    await expect(bar).toHaveAttribute('aria-valuemax', '100');
    await expect(bar).toHaveAttribute('aria-valuenow', '0');
    await expect(panel.getByRole('listitem')).toHaveCount(2);
    await screenshots(page, 'activity-running-900', (name) => info.outputPath(name));

    await running.getByRole('button', { name: `Cancel Refreshing ${BOX}` }).click();
    await expect(running).toContainText('Cancelled');
    // The Cancel button is gone; focus stays on the job, in the panel, so Escape still closes it.
    await expect(running).toBeFocused();
    await expect(toggle).toHaveAccessibleName('Activity');
    await page.keyboard.press('Escape');
    await expect(toggle).toBeFocused();
    await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toBeEnabled();
  } finally {
    hangBed.testbed.box(0).unhang();
  }
});
