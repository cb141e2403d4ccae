import { expect, test } from './fixtures/browser-mode';

test('opens on the empty fleet: Add a server and Install a new server both work', async ({ page, browserMode }) => {
  await page.goto(browserMode.url);
  await expect(page).toHaveTitle('Boxfleet');
  await expect(page).toHaveURL(`${browserMode.origin}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Fleet' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No boxes yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add a server' })).toBeEnabled();
  const install = page.getByRole('button', { name: 'Install a new server' });
  await expect(install).toBeEnabled();
  await expect(install).not.toHaveAttribute('aria-disabled');
  // No box is selected, so the sidebar offers no box sections yet: Fleet, Mail, Alerts, and the Activity panel's toggle.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button')).toHaveText([
    'Fleet',
    'Mail',
    'Alerts',
    'Activity',
  ]);
});

test('the sidebar says which Boxfleet this is and that it runs in browser mode', async ({ page, browserMode }) => {
  await page.goto(browserMode.url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(/Boxfleet \d+\.\d+\.\d+ · browser mode/);
});

test('loads without console errors or page errors', async ({ page, browserMode }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`),
  );
  await page.goto(browserMode.url);
  await expect(page.getByRole('heading', { name: 'No boxes yet' })).toBeVisible();
  await expect(page.getByText(/Boxfleet \d+\.\d+\.\d+/)).toBeVisible();
  expect(problems).toEqual([]);
});

test('follows the OS theme through prefers-color-scheme', async ({ page, browserMode }) => {
  const read = () =>
    page.evaluate(() => ({
      background: getComputedStyle(document.body).backgroundColor,
      token: getComputedStyle(document.documentElement).getPropertyValue('--bg').trim(),
      text: getComputedStyle(document.body).color,
    }));
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(browserMode.url);
  await expect(page.getByRole('heading', { name: 'No boxes yet' })).toBeVisible();
  const light = await read();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await read();

  expect(light).toEqual({ background: 'rgb(245, 246, 248)', token: '#f5f6f8', text: 'rgb(28, 34, 48)' });
  expect(dark).toEqual({ background: 'rgb(20, 23, 28)', token: '#14171c', text: 'rgb(230, 233, 239)' });
  expect(dark.background).not.toBe(light.background);
});

test('says when the connection to the core is lost', async ({ page, browserMode }) => {
  await page.goto(browserMode.url);
  await expect(page.getByRole('heading', { name: 'No boxes yet' })).toBeVisible();
  process.kill(browserMode.pid, 'SIGTERM');
  await expect(page.getByRole('status').filter({ hasText: 'Lost the connection to the Boxfleet core.' })).toBeVisible();
});
