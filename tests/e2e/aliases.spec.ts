import { readFile } from 'node:fs/promises';
import type { Page, TestInfo } from '@playwright/test';
import { withOneBoxServed } from './fixtures/fleet-bed';
import { bedFixture, expect, test as shared } from './fixtures/testbed-mode';

/**
 * The Aliases section against the emulated upstream box over SSH: automatic aliases, the kinds, editing, the box's
 * refusals with the form kept, keyboard use, both themes at 900 px and wide, and importing a file with a dry run then
 * a job. It changes the box's aliases, so it gets a worker and a box of its own.
 */
const BOX = 'alias-box';

const test = shared.extend<{ served: { url: string } }>({
  bed: bedFixture,
  served: async ({ bed }, use) => {
    await withOneBoxServed(bed.profile, bed.keyring.env, 'aliases', BOX, use);
  },
});

async function openAliases(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('table').getByRole('button', { name: BOX }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Aliases', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Aliases' })).toBeVisible();
}

async function screenshots(page: Page, name: string, info: TestInfo): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: info.outputPath(`${name}-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('aliases: automatic ones marked, the kinds, an edit, a refusal in the box’s words with nothing typed lost', async ({
  page,
  served,
}, info) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await openAliases(page, served.url);

  // The box's own aliases are shown, marked, and offer nothing to change.
  const postmaster = page.getByRole('row').filter({ hasText: 'postmaster@box.example.com' });
  await expect(postmaster).toContainText('Automatic');
  await expect(postmaster).toContainText('Kept by the box');
  await expect(postmaster.getByRole('button')).toHaveCount(0);

  // Keyboard only: open the form, fill it, add.
  await page.getByRole('button', { name: 'Add an alias' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add an alias' });
  await expect(dialog.getByLabel('Alias address')).toBeFocused();
  await page.keyboard.type('sales@box.example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type('alice@box.example.com\nbob@lists.example.org');
  await dialog.getByRole('button', { name: 'Add alias' }).press('Enter');
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  const sales = page.getByRole('row').filter({ hasText: 'sales@box.example.com' });
  await expect(sales.getByRole('list', { name: 'sales@box.example.com forwards to' })).toHaveText(
    'alice@box.example.combob@lists.example.org',
  );

  // The same address again: refused with the box's text, and the form still holds what was typed.
  await page.getByRole('button', { name: 'Add an alias' }).click();
  await dialog.getByLabel('Alias address').fill('Sales@box.example.com');
  await dialog.getByLabel('Forwards to').fill('me@box.example.com');
  await dialog.getByLabel('Permitted senders').fill('alice@box.example.com');
  await dialog.getByRole('button', { name: 'Add alias' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Alias already exists (sales@box.example.com).');
  await expect(dialog.getByLabel('Alias address')).toHaveValue('Sales@box.example.com');
  await expect(dialog.getByLabel('Forwards to')).toHaveValue('me@box.example.com');
  await expect(dialog.getByLabel('Permitted senders')).toHaveValue('alice@box.example.com');
  await screenshots(page, 'alias-refused-900', info);
  // A permitted sender must be a user of the box: said before sending, in the box's words.
  await dialog.getByLabel('Alias address').fill('team@box.example.com');
  await dialog.getByLabel('Permitted senders').fill('nobody@box.example.com');
  await dialog.getByRole('button', { name: 'Add alias' }).click();
  await expect(
    dialog.getByText('Invalid permitted sender: nobody@box.example.com is not a user on this system.'),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: 'team@box.example.com' })).toHaveCount(0);

  // A catch-all and a domain alias with an international name, shown in Unicode.
  for (const [address, forwardsTo, kind] of [
    ['@box.example.com', 'me@box.example.com', 'Catch-all'],
    ['@bücher.example', '@box.example.com', 'Domain alias'],
  ] as const) {
    await page.getByRole('button', { name: 'Add an alias' }).click();
    await dialog.getByLabel('Alias address').fill(address);
    await dialog.getByLabel('Forwards to').fill(forwardsTo);
    await expect(dialog.getByText(kind, { exact: true })).toBeVisible();
    await dialog.getByRole('button', { name: 'Add alias' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });
    // The row whose address is this one, not one that merely ends with it (sales@box.example.com).
    const header = page.getByRole('rowheader', { name: new RegExp(`^${address.replace(/\./g, '\\.')}(\\s|@xn|$)`) });
    const row = page.getByRole('row').filter({ has: header });
    await expect(row).toContainText(kind);
  }
  await expect(page.getByRole('heading', { level: 3, name: 'bücher.example' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '@bücher.example' })).toContainText('@xn--bcher-kva.example');

  // Edit: both lists are replaced by what the form holds.
  await sales.getByRole('button', { name: 'Edit alias sales@box.example.com' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit alias sales@box.example.com' });
  await expect(edit.getByLabel('Forwards to')).toHaveValue('alice@box.example.com\nbob@lists.example.org');
  await edit.getByLabel('Forwards to').fill('me@box.example.com');
  await edit.getByLabel('Permitted senders').fill('alice@box.example.com');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toHaveCount(0, { timeout: 30_000 });
  await expect(sales.getByRole('list', { name: 'sales@box.example.com forwards to' })).toHaveText('me@box.example.com');
  await expect(sales.getByRole('list', { name: 'Permitted senders of sales@box.example.com' })).toHaveText(
    'alice@box.example.com',
  );

  // The filter, then both themes at 900 px and on a wide window.
  await page.getByLabel('Filter aliases').fill('catch');
  await expect(page.getByRole('row').filter({ hasText: 'sales@' })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: '@box.example.com' }).first()).toBeVisible();
  await page.getByLabel('Filter aliases').fill('');
  await screenshots(page, 'aliases-900', info);
  await page.setViewportSize({ width: 1920, height: 1000 });
  await screenshots(page, 'aliases-1920', info);
  // Nothing sticks out sideways at either width.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('import aliases: a dry run per row, then a job with progress and a result per row; export saves a file', async ({
  page,
  served,
}, info) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await openAliases(page, served.url);
  await page.getByText('Import or export aliases').click();

  const csv = [
    'address,forwards_to,permitted_senders',
    'help@box.example.com,alice@box.example.com,',
    '"team@box.example.com","alice@box.example.com,me@box.example.com",',
    'not an address,alice@box.example.com,',
  ].join('\n');
  await page.getByLabel('File to import').setInputFiles({
    name: 'aliases.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await expect(
    page.getByText(/^Dry run of aliases\.csv: 2 to create, 0 to update, 0 to skip, 1 with errors\./),
  ).toBeVisible({
    timeout: 30_000,
  });
  const plan = page.getByRole('table', { name: 'Dry run of aliases.csv' });
  await expect(plan.getByRole('row').filter({ hasText: 'help@box.example.com' })).toContainText('Create');
  await expect(plan.getByRole('row').filter({ hasText: 'not an address' })).toContainText('Error');
  // Nothing was sent yet.
  await expect(page.getByRole('row').filter({ hasText: 'help@box.example.com' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Apply 2 changes' }).click();
  const bar = page.getByRole('progressbar', { name: `Importing aliases.csv into ${BOX}` });
  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await expect(page.getByText('Import finished.')).toBeVisible();
  const result = page.getByRole('table', { name: 'Result of importing aliases.csv' });
  await expect(result.getByRole('row').filter({ hasText: 'help@box.example.com' })).toContainText('Done');
  await expect(result.getByRole('row').filter({ hasText: 'not an address' })).toContainText('Not sent');
  await screenshots(page, 'aliases-imported-900', info);
  // The list was read again: the new aliases are in it.
  await expect(
    page
      .getByRole('table', { name: 'Aliases of box.example.com' })
      .getByRole('row')
      .filter({ hasText: 'team@box.example.com' }),
  ).toContainText('me@box.example.com');
  // The same job is in the Activity panel.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /^Activity/ })
    .click();
  await expect(page.getByRole('complementary', { name: 'Activity' }).getByRole('listitem').first()).toContainText(
    'Done',
  );
  await page.keyboard.press('Escape');

  // Export as JSON: a download named by the box, with the new alias in it.
  const downloaded = page.waitForEvent('download');
  await page.getByLabel('Format', { exact: true }).selectOption('json');
  await page.getByRole('button', { name: 'Export aliases' }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const text = await readFile(await download.path(), 'utf8');
  expect(JSON.parse(text)).toEqual(
    expect.arrayContaining([expect.objectContaining({ address: 'help@box.example.com' })]),
  );
  await expect(page.getByText(`Saved as ${download.suggestedFilename()}.`)).toBeVisible();
});

test('a domain on the Domains page leads to its aliases, filtered to that domain', async ({ page, served }) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await page.goto(served.url);
  await page.getByRole('table').getByRole('button', { name: BOX }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Mailboxes', exact: true }).click();
  await page.getByRole('navigation', { name: 'Mailboxes pages' }).getByRole('link', { name: 'Domains' }).click();
  await page.getByRole('link', { name: /aliases? of lists\.example\.org$/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Aliases' })).toBeVisible();
  await expect(page.getByLabel('Filter aliases')).toHaveValue('lists.example.org');
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(['lists.example.org']);
});
