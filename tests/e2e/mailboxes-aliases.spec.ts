import type { Page } from '@playwright/test';
import { withOneBoxServed } from './fixtures/fleet-bed';
import { bedFixture, expect, test as shared } from './fixtures/testbed-mode';

/**
 * The walk through a box's mail in browser mode, against the emulated box behind real sshd: add a user, add an
 * alias forwarding to it, see both (on the box and in the fleet-wide search), set the user's quota, remove both.
 * It changes the box's users, so it gets a worker and a box of its own.
 */
const BOX = 'mail-box';
const USER = 'e2e-person@box.example.com';
const ALIAS = 'e2e-alias@box.example.com';

const test = shared.extend<{ served: { url: string } }>({
  bed: bedFixture,
  served: async ({ bed }, use) => {
    await withOneBoxServed(bed.profile, bed.keyring.env, 'mail', BOX, use);
  },
});

async function openSection(page: Page, label: 'Mailboxes' | 'Aliases'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label, exact: true }).click();
}

test('add a user, add an alias forwarding to it, see both, set a quota, remove both', async ({ page, served }) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await page.goto(served.url);
  await page.getByRole('table').getByRole('button', { name: BOX }).click();
  await expect(page.getByRole('heading', { level: 1, name: BOX })).toBeVisible();

  // A user.
  await openSection(page, 'Mailboxes');
  await page.getByRole('button', { name: 'Add a user', exact: true }).click();
  const addUser = page.getByRole('dialog', { name: `Add a mail user to ${BOX}` });
  await addUser.getByLabel('Email address').fill(USER);
  await addUser.getByLabel('Password', { exact: true }).fill('a-long-e2e-password-7');
  await addUser.getByRole('button', { name: 'Add user' }).click();
  await expect(addUser).toHaveCount(0, { timeout: 30_000 });
  const userRow = page.getByRole('row').filter({ hasText: USER });
  await expect(userRow).toBeVisible();

  // An alias forwarding to it.
  await openSection(page, 'Aliases');
  await page.getByRole('button', { name: 'Add an alias' }).click();
  const addAlias = page.getByRole('dialog', { name: 'Add an alias' });
  await addAlias.getByLabel('Alias address').fill(ALIAS);
  await addAlias.getByLabel('Forwards to').fill(USER);
  await expect(addAlias.getByText('Mail to this address goes to every forward-to address.')).toBeVisible();
  await addAlias.getByRole('button', { name: 'Add alias' }).click();
  await expect(addAlias).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'The box says: alias added' })).toBeVisible();
  const aliasRow = page.getByRole('row').filter({ hasText: ALIAS });
  await expect(aliasRow.getByRole('list', { name: `${ALIAS} forwards to` })).toHaveText(USER);

  // Both, seen from the fleet: the user and the alias that reaches it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Mail', exact: true }).click();
  await page.getByLabel('Address or part of it').fill('e2e-');
  await page.getByRole('button', { name: 'Search every box' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 matches for “e2e-”.' })).toBeVisible({ timeout: 30_000 });
  const found = page.getByRole('table', { name: 'Users and aliases found' });
  await expect(found.getByRole('row').filter({ hasText: USER }).filter({ hasText: 'Mail user' })).toContainText(BOX);
  await expect(found.getByRole('row').filter({ hasText: ALIAS }).filter({ hasText: 'Alias' })).toContainText(USER);

  // A quota for the user.
  await found.getByRole('button', { name: `Open ${USER} on ${BOX}` }).click();
  await page.getByRole('button', { name: `Set the quota of ${USER}` }).click();
  const quota = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: 'Set quota' }) });
  await quota.getByLabel('Quota').fill('500M');
  await quota.getByRole('button', { name: 'Set quota' }).click();
  await expect(quota).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('row').filter({ hasText: USER })).toContainText('500 MB');

  // Remove both: the alias behind its confirmation, then the user (archived: the box keeps the mailbox on disk).
  await openSection(page, 'Aliases');
  await page.getByRole('button', { name: `Remove alias ${ALIAS}` }).click();
  const removeAlias = page.getByRole('dialog', { name: `Remove alias ${ALIAS}?` });
  await expect(removeAlias).toContainText(`no longer forwards it to ${USER}`);
  await removeAlias.getByRole('button', { name: 'Remove alias' }).click();
  await expect(removeAlias).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('row').filter({ hasText: ALIAS })).toHaveCount(0);

  await openSection(page, 'Mailboxes');
  await page.getByRole('button', { name: `Archive ${USER}` }).click();
  const archive = page.getByRole('dialog', { name: `Archive ${USER}?` });
  await archive.getByRole('button', { name: `Archive ${USER}` }).click();
  await expect(archive).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('row').filter({ hasText: USER })).toContainText('Archived');
});
