import { expect, test } from './fixtures/browser-mode';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the Activity panel opens from the sidebar by keyboard and Escape closes it (900 px, ${colorScheme})`, async ({
    page,
    browserMode,
  }, info) => {
    await page.setViewportSize({ width: 900, height: 700 });
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.goto(browserMode.url);
    await expect(page.getByRole('heading', { name: 'No boxes yet' })).toBeVisible();

    const toggle = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Activity' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.focus();
    await page.keyboard.press('Enter');

    const panel = page.getByRole('complementary', { name: 'Activity' });
    await expect(panel).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(panel.getByRole('heading', { name: 'Activity' })).toBeFocused();
    await expect(panel).toContainText('Nothing running.');
    // Beside the sidebar, inside the window: nothing of it is cut off at 900 px.
    const sidebar = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
    const box = await panel.boundingBox();
    expect(sidebar && box).toBeTruthy();
    if (sidebar && box) {
      expect(box.x).toBeGreaterThanOrEqual(sidebar.x + sidebar.width - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(900);
    }
    await page.screenshot({ path: info.outputPath(`activity-900-${colorScheme}.png`) });

    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(toggle).toBeFocused();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');

    // The Close button does the same.
    await page.keyboard.press('Enter');
    await panel.getByRole('button', { name: 'Close' }).click();
    await expect(panel).toHaveCount(0);
    await expect(toggle).toBeFocused();
  });
}
