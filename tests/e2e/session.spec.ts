import { expect, test } from './fixtures/browser-mode';

test('the one-time token works once, and nothing is served without it', async ({ page, browserMode, browser }) => {
  const first = await page.goto(browserMode.url);
  expect(first?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Fleet' })).toBeVisible();

  const stranger = await browser.newContext();
  try {
    const tab = await stranger.newPage();
    const reused = await tab.goto(browserMode.url);
    expect(reused?.status()).toBe(403);
    await expect(tab.locator('body')).toContainText('already used');
    await expect(tab.getByRole('heading', { name: 'Fleet' })).toHaveCount(0);

    const absent = await tab.goto(`${browserMode.origin}/`);
    expect(absent?.status()).toBe(403);
    await expect(tab.locator('body')).toContainText('one-time token');

    const script = await tab.goto(`${browserMode.origin}/app.js`);
    expect(script?.status()).toBe(403);
  } finally {
    await stranger.close();
  }
});
