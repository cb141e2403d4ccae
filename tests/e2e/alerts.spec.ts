import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/browser-mode';
import { fleetFile, SAMPLE_BOXES } from './fixtures/seed';

/** alerts.json as the alert engine writes it: one active alert of mail-eu, one cleared alert of mail-lab. */
function alertsFile(): string {
  const alert = (fields: Record<string, unknown>) => ({ snoozedUntil: null, notified: true, ...fields });
  return (
    JSON.stringify({
      version: 1,
      data: {
        alerts: [
          alert({
            id: 'a-down',
            boxId: 'box-one',
            kind: 'down',
            message: 'mail-eu is not answering over SSH.',
            raisedAt: '2026-03-01T10:00:00.000Z',
            clearedAt: null,
          }),
          alert({
            id: 'a-disk',
            boxId: 'box-two',
            kind: 'disk-full',
            message: 'The mail storage disk of mail-lab is 93.5% full.',
            raisedAt: '2026-02-20T10:00:00.000Z',
            clearedAt: '2026-02-21T10:00:00.000Z',
          }),
        ],
        snoozes: [],
        pending: [],
      },
    }) + '\n'
  );
}

async function openAlerts(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const entry = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Alerts/ });
  await entry.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
}

test.describe('with alerts on record', () => {
  test.use({ seedFiles: { 'fleet.json': fleetFile(SAMPLE_BOXES), 'alerts.json': alertsFile() } });

  test('lists active then cleared alerts, and the sidebar counts the active ones', async ({ page, browserMode }) => {
    await openAlerts(page, browserMode.url);
    await expect(page).toHaveURL(/\/alerts$/);
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Alerts, 1 active' }),
    ).toBeVisible();
    const active = page.getByRole('table', { name: 'Active alerts' });
    await expect(active.getByRole('row')).toHaveCount(2);
    await expect(active.getByRole('row').nth(1)).toContainText('mail-eu');
    await expect(active.getByRole('row').nth(1)).toContainText('Box not reachable');
    await expect(active.getByRole('row').nth(1)).toContainText('mail-eu is not answering over SSH.');
    const cleared = page.getByRole('table', { name: 'Cleared alerts' });
    await expect(cleared.getByRole('row').nth(1)).toContainText('mail-lab');
    await expect(cleared.getByRole('row').nth(1)).toContainText('Disk almost full');
    await expect(cleared.getByRole('button', { name: /Snooze/ })).toHaveCount(0);
  });

  test('snoozes an alert for a day, keeps it listed across a reload, and lifts the snooze', async ({
    page,
    browserMode,
  }) => {
    await openAlerts(page, browserMode.url);
    const row = page.getByRole('table', { name: 'Active alerts' }).getByRole('row').nth(1);
    await row.getByRole('button', { name: 'Snooze “Box not reachable” for mail-eu' }).click();
    await row.getByRole('button', { name: 'For 1 day' }).click();
    await expect(row).toContainText('Snoozed until');
    await page.reload();
    const again = page.getByRole('table', { name: 'Active alerts' }).getByRole('row').nth(1);
    await expect(again).toContainText('Snoozed until');
    await again.getByRole('button', { name: /^Snooze/ }).click();
    await again.getByRole('button', { name: 'Lift the snooze' }).click();
    await expect(again).not.toContainText('Snoozed until');
    await expect(again).toContainText('On');
  });

  test('the snooze choices close with Escape and give focus back to their button', async ({ page, browserMode }) => {
    await openAlerts(page, browserMode.url);
    const button = page.getByRole('button', { name: 'Snooze “Box not reachable” for mail-eu' });
    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await page.getByRole('button', { name: 'For 1 hour' }).focus();
    await page.keyboard.press('Escape');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toBeFocused();
  });

  test('asks for notification permission only when the button is clicked, never on load', async ({
    page,
    browserMode,
  }) => {
    await page.addInitScript(() => {
      // Counts the page's requests, and answers as a user who allows them would.
      const asked: string[] = [];
      Reflect.set(window, '__asked', asked);
      Notification.requestPermission = async () => {
        asked.push('asked');
        return 'granted';
      };
    });
    await openAlerts(page, browserMode.url);
    const asked = () => page.evaluate(() => (Reflect.get(window, '__asked') as string[]).length);
    const turnOn = page.getByRole('button', { name: 'Turn on desktop notifications' });
    await expect(turnOn).toBeVisible();
    expect(await asked()).toBe(0);
    await turnOn.click();
    await expect(turnOn).toHaveCount(0);
    expect(await asked()).toBe(1);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`fits 900 px in the ${colorScheme} theme`, async ({ page, browserMode }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 900, height: 700 });
      await openAlerts(page, browserMode.url);
      const row = page.getByRole('table', { name: 'Active alerts' }).getByRole('row').nth(1);
      await row.getByRole('button', { name: /^Snooze/ }).click();
      await expect(row.getByRole('button', { name: 'For 1 week' })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
      // The kind badge keeps a readable contrast in both themes.
      const colors = await row
        .getByText('Box not reachable')
        .evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
      expect(colors[0]).not.toBe(colors[1]);
      await page.screenshot({ path: test.info().outputPath(`alerts-900-${colorScheme}.png`), fullPage: true });
    });
  }
});

test.describe('with no alerts', () => {
  test.use({ seedFiles: { 'fleet.json': fleetFile(SAMPLE_BOXES) } });

  test('says so; with notifications already allowed there is nothing to turn on', async ({
    page,
    browserMode,
    context,
  }) => {
    await context.grantPermissions(['notifications']);
    await openAlerts(page, browserMode.url);
    await expect(page.getByRole('heading', { name: 'No alerts' })).toBeVisible();
    await expect(page.getByText('Nothing needs your attention.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Turn on desktop notifications' })).toHaveCount(0);
  });
});
