import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/browser-mode';
import { fleetFile, SAMPLE_BOXES } from './fixtures/seed';

// Every screen has a URL in the hash: reload, Back, Forward and deep links land on it, in the app, not outside.
test.use({ seedFiles: { 'fleet.json': fleetFile(SAMPLE_BOXES) } });

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('reload stays on the box screen that was open', async ({ page, browserMode }) => {
  await page.goto(browserMode.url);
  await page.getByRole('button', { name: 'mail-eu' }).click();
  await expect(heading(page, 'mail-eu')).toBeVisible();
  await expect(page).toHaveURL(/#\/box\/box-one$/);

  await page.reload();
  await expect(heading(page, 'mail-eu')).toBeVisible();
  await expect(nav(page).getByRole('button', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
});

test('Back and Forward move between screens and stay in the app', async ({ page, browserMode }) => {
  await page.goto(browserMode.url);
  await expect(heading(page, 'Fleet')).toBeVisible();
  const appUrl = new URL(page.url());
  await page.getByRole('button', { name: 'mail-eu' }).click();
  await nav(page).getByRole('button', { name: 'Mailboxes' }).click();
  await expect(page).toHaveURL(/#\/box\/box-one\/mailboxes$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Mail users' })).toBeVisible();

  // Focus on a control of the Mailboxes screen: Back removes it, so focus continues in the new screen.
  await page.getByRole('button', { name: 'Reload' }).focus();
  await page.goBack();
  await expect(heading(page, 'mail-eu')).toBeVisible();
  await expect(nav(page).getByRole('button', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('main')).toBeFocused();

  await page.goBack();
  await expect(heading(page, 'Fleet')).toBeVisible();
  expect(new URL(page.url()).origin).toBe(appUrl.origin);

  await page.goForward();
  await expect(heading(page, 'mail-eu')).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 2, name: 'Mail users' })).toBeVisible();
});

test('a deep link through the start-up link opens its screen', async ({ page, browserMode }) => {
  await page.goto(`${browserMode.url}#/box/box-two/mailboxes`);
  await expect(heading(page, 'mail-lab')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Mail users' })).toBeVisible();
  await expect(nav(page).getByRole('button', { name: 'Mailboxes' })).toHaveAttribute('aria-current', 'page');
  // The screen stays in the URL, so a reload keeps it.
  await expect(page).toHaveURL(/#\/box\/box-two\/mailboxes$/);
});

test('a link to a box that is not in the fleet says so and leads back', async ({ page, browserMode }) => {
  await page.goto(`${browserMode.url}#/box/no-such-box`);
  await expect(heading(page, 'No such box')).toBeVisible();
  await page.getByRole('button', { name: 'Go to the fleet' }).click();
  await expect(heading(page, 'Fleet')).toBeVisible();
  await expect(page).toHaveURL(/#\/fleet$/);
});

test('a section that is not available yet has no working URL', async ({ page, browserMode }) => {
  await page.goto(`${browserMode.url}#/box/box-one/tls`);
  await expect(heading(page, 'No such screen')).toBeVisible();
  await expect(page.getByText('Mail-in-a-Box v71')).toHaveCount(0);
  await page.getByRole('button', { name: 'Go to the fleet' }).click();
  await expect(heading(page, 'Fleet')).toBeVisible();
});

test('the skip link moves focus without leaving the screen', async ({ page, browserMode }) => {
  await page.goto(`${browserMode.url}#/box/box-one`);
  await expect(heading(page, 'mail-eu')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expect(heading(page, 'mail-eu')).toBeVisible();
  await expect(page).toHaveURL(/#\/box\/box-one$/);
});
