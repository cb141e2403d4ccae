import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/browser-mode';
import { fleetFile, SAMPLE_BOXES } from './fixtures/seed';

async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
}

test('Tab reaches the sidebar’s Fleet item with a visible focus ring, after the skip link', async ({
  page,
  browserMode,
}) => {
  await page.goto(browserMode.url);
  await expect(page.getByRole('heading', { name: 'No boxes yet' })).toBeVisible();

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  await page.keyboard.press('Tab');
  const fleet = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Fleet' });
  await expect(fleet).toBeFocused();
  await expect(fleet).toHaveAttribute('aria-current', 'page');
  const outline = await fleet.evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      focusVisible: el.matches(':focus-visible'),
    };
  });
  expect(outline.focusVisible).toBe(true);
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThan(0);
});

test('the skip link moves focus to the main content', async ({ page, browserMode }) => {
  await page.goto(browserMode.url);
  await expect(page.getByRole('heading', { name: 'No boxes yet' })).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test.describe('with boxes in the fleet', () => {
  test.use({ seedFiles: { 'fleet.json': fleetFile(SAMPLE_BOXES) } });

  test('a selected box shows its sections, disabled until they work, reachable with arrow keys', async ({
    page,
    browserMode,
  }) => {
    await page.goto(browserMode.url);
    await page.getByRole('button', { name: 'mail-eu' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'mail-eu' })).toBeVisible();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('button', { name: 'Mailboxes' })).toBeEnabled();
    await expect(nav.getByRole('button', { name: 'Aliases' })).toBeEnabled();
    await expect(nav.getByRole('button', { name: 'DNS' })).toBeEnabled();
    const sections = ['TLS', 'Backups', 'PGP', 'System'];
    for (const name of sections) {
      const item = nav.getByRole('button', { name });
      await expect(item).toBeDisabled();
      await expect(item).toHaveAccessibleDescription('Coming in a later release');
    }
    await expect(nav.getByRole('button', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');

    await nav.getByRole('button', { name: 'Fleet' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('Mail');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('Alerts');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('Overview');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('Mailboxes');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('Aliases');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('DNS');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toMatch(/^TLS/);
    // A disabled section does nothing when activated: the overview stays.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'mail-eu' })).toBeVisible();
    await expect(nav.getByRole('button', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('End');
    expect(await focusedName(page)).toBe('Status checks');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('Fleet');
    await page.keyboard.press('ArrowUp');
    expect(await focusedName(page)).toBe('Status checks');
    await page.keyboard.press('Home');
    expect(await focusedName(page)).toBe('Fleet');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Fleet' })).toBeVisible();
  });
});

test.describe('Tab order with a box selected', () => {
  test.use({ seedFiles: { 'fleet.json': fleetFile(SAMPLE_BOXES) } });

  test('Tab skips the sections that are not available yet, which stay described', async ({ page, browserMode }) => {
    await page.goto(browserMode.url);
    await page.getByRole('button', { name: 'mail-eu' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('button', { name: 'TLS' })).toHaveAccessibleDescription('Coming in a later release');

    await nav.getByRole('button', { name: 'Fleet' }).focus();
    const reached: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      await page.keyboard.press('Tab');
      reached.push(await focusedName(page));
    }
    // Fleet, Mail, Alerts, Overview, Mailboxes, Aliases, DNS, Status checks: no 'Later' entry in between.
    expect(reached).toEqual(['Mail', 'Alerts', 'Overview', 'Mailboxes', 'Aliases', 'DNS', 'Status checks']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe('Aliases');
  });
});

test.describe('opening a box from the table', () => {
  test.use({ seedFiles: { 'fleet.json': fleetFile(SAMPLE_BOXES) } });

  test('keeps keyboard focus in the page when the table goes away', async ({ page, browserMode }) => {
    await page.goto(browserMode.url);
    await page.getByRole('button', { name: 'mail-lab' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'mail-lab' })).toBeVisible();
    await expect(page.getByRole('main')).toBeFocused();
  });
});
