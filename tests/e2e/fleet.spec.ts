import { expect, test } from './fixtures/browser-mode';
import { fleetFile, SAMPLE_BOXES } from './fixtures/seed';

test.describe('with boxes in the fleet', () => {
  test.use({ seedFiles: { 'fleet.json': fleetFile(SAMPLE_BOXES) } });

  test('the fleet table lists name, host, Mail-in-a-Box version and tags', async ({ page, browserMode }) => {
    await page.goto(browserMode.url);
    const table = page.getByRole('table', { name: 'Boxes in your fleet' });
    await expect(table.getByRole('row')).toHaveCount(3);
    const eu = table.getByRole('row', { name: /mail-eu/ });
    await expect(eu).toContainText('root@box1.example.net');
    await expect(eu).toContainText('Mail-in-a-Box v71');
    await expect(eu.getByRole('list', { name: 'Tags of mail-eu' }).getByRole('listitem')).toHaveText([
      'production',
      'eu',
    ]);
    const lab = table.getByRole('row', { name: /mail-lab/ });
    await expect(lab).toContainText('admin@192.0.2.10:2222');
    await expect(lab).toContainText('Not checked yet');
    await expect(page.getByRole('heading', { name: 'No boxes yet' })).toHaveCount(0);
  });
});

test.describe('with a damaged registry', () => {
  test.use({ seedFiles: { 'fleet.json': '{ this is not json' } });

  test('warns that the file was moved aside, and the warning can be dismissed', async ({ page, browserMode }) => {
    await page.goto(browserMode.url);
    const warning = page.getByRole('region', { name: /could not be read/ });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('fleet.json');
    await expect(warning).toContainText(`Moved to ${browserMode.dataDir}/fleet.json.corrupt-`);
    await expect(page.getByRole('heading', { name: 'No boxes yet' })).toBeVisible();
    await warning.getByRole('button', { name: 'Dismiss' }).click();
    await expect(warning).toHaveCount(0);
  });
});

test.describe('with a registry that cannot be read', () => {
  // A directory where the registry file should be: reading it fails on every call, not only at start-up.
  test.use({ seedFiles: { 'fleet.json/unreadable': '' } });

  test('says what failed and what to do next, and shows no pretend empty fleet', async ({ page, browserMode }) => {
    const listCalls: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', (frame) => {
        if (typeof frame.payload === 'string' && frame.payload.includes('"boxes.list"')) listCalls.push(frame.payload);
      }),
    );
    await page.goto(browserMode.url);
    const banner = page.getByRole('alert');
    await expect(banner).toContainText('Could not load your fleet. Boxfleet ran into an unexpected problem.');
    await expect(banner).toContainText(`${browserMode.dataDir}/fleet.json`);
    await expect(banner).toContainText('Next step: Retry. If it happens again, restart Boxfleet');
    await expect(page.getByRole('heading', { name: 'No boxes yet' })).toHaveCount(0);

    expect(listCalls).toHaveLength(1);
    await banner.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => listCalls.length).toBe(2);
    await expect(page.getByRole('alert')).toContainText('Could not load your fleet.');
  });
});
