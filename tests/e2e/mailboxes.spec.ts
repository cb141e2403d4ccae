/**
 * The Mailboxes section in Chromium through browser mode, against emulated boxes behind real sshd: every change the
 * box's Users page offers (add with a generated password, set password, admin on and off, quota, archive behind its
 * confirmation, restore), the box's refusals shown verbatim with the form kept, a box without quota routes, the
 * Domains page, the mail guide and its print layout, keyboard use, an unreachable box, 900 px and 1920 px in both
 * themes, and a box of 1,500 users of which only a window of rows is in the document.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, type Locator, type Page } from '@playwright/test';
import { addLeftoverMailbox, addUser, type UserRecord } from '../emulator/index';
import { expect } from './fixtures/browser-mode';
import { addBulkUsers } from './fixtures/bulk-users';
import { addBoxWithCli } from './fixtures/cli-add';
import { QUIET_SCHEDULE, withBrowserMode, withFleetBed, type FleetBed } from './fixtures/fleet-bed';
import { bothThemes, expectNoSidewaysScroll } from './fixtures/screenshots';

const POWER = 'mail-power';
const OLD = 'mail-old';
const EMPTY = 'mail-empty';
const BULK = 1500;

/** A Power box with a default quota and an archived mailbox, an upstream v72 box (no quota routes) with 1,500
 * users, and a box with no user yet, added through the CLI into one data directory for the whole worker. */
const test = base.extend<{ url: string }, { bed: FleetBed }>({
  bed: [
    async ({ browserName: _browserName }, use) => {
      await withFleetBed(
        'mailboxes',
        {
          boxes: [
            {
              flavour: 'power',
              hostname: 'box1.example.com',
              admin: { email: 'me@box1.example.com', password: 'correct-horse-1' },
              seed: (state) => {
                state.defaultQuota = '2G';
                addUser(state, {
                  email: 'alice@box1.example.com',
                  password: 'alice-password-1',
                  quota: '500M',
                  maildirsize: { quotaBytes: 500 * 1024 ** 2, usedBytes: 120 * 1024 ** 2, messages: 340 },
                });
                addLeftoverMailbox(state, 'olduser@box1.example.com', {
                  quotaBytes: 0,
                  usedBytes: 3 * 1024 ** 2,
                  messages: 12,
                });
              },
            },
            {
              flavour: 'upstream',
              hostname: 'old.example.org',
              admin: { email: 'me@old.example.org', password: 'correct-horse-1' },
              seed: (state) => {
                // Per-user quotas came in v73: a v72 box has no quota routes.
                state.version = 'v72';
                addBulkUsers(state, BULK, ['bulk.example.org', 'lists.example.org', 'staff.example.org']);
              },
            },
            { flavour: 'upstream', hostname: 'empty.example.net' },
          ],
        },
        async ({ keyring, testbed, dataDir }) => {
          await addBoxWithCli(testbed.box(0).profile, keyring.env, dataDir, POWER);
          await addBoxWithCli(testbed.box(1).profile, keyring.env, dataDir, OLD);
          await addBoxWithCli(testbed.box(2).profile, keyring.env, dataDir, EMPTY);
          await writeFile(join(dataDir, 'fleet-schedule.json'), QUIET_SCHEDULE, { mode: 0o600 });
        },
        use,
      );
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  url: async ({ bed }, use) => {
    await withBrowserMode(bed.dataDir, bed.keyring.env, use);
  },
});

test.setTimeout(120_000);

async function openMailboxes(page: Page, url: string, box: string): Promise<Locator> {
  await page.goto(url);
  await page.getByRole('button', { name: box, exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Mailboxes' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Mail users' })).toBeVisible();
  return page.getByRole('table', { name: 'Mail users' });
}

/** A user's row, found by the address in its row header. */
function userRow(table: Locator, email: string): Locator {
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: email }) });
}

function boxUser(bed: FleetBed, index: number, email: string): UserRecord | undefined {
  return bed.testbed.box(index).emulator.state.users.find((user) => user.email === email);
}

test('add, password, admin, quota, archive and restore a user at 900 px, in both themes', async ({
  page,
  url,
  bed,
}, info) => {
  await page.setViewportSize({ width: 900, height: 900 });
  const table = await openMailboxes(page, url, POWER);
  await expect(userRow(table, 'alice@box1.example.com')).toContainText('500 MB');
  // The archived mailbox shows where its mail is kept and how to bring it back.
  const old = userRow(table, 'olduser@box1.example.com');
  await expect(old).toContainText('Archived');
  await expect(old).toContainText('Mail kept in');
  await expect(old.getByRole('button', { name: 'Restore olduser@box1.example.com' })).toBeVisible();
  await expect(page.getByText('deleting the folder on the box erases it for good')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Largest mailboxes' })).toContainText('alice@box1.example.com 120M');
  await bothThemes(page, info, 'users-900');
  await expectNoSidewaysScroll(page, 900);

  // Add: the rules are checked before the box is asked, in the box's own words; nothing typed is lost.
  await page.getByRole('button', { name: 'Add a user' }).click();
  const add = page.getByRole('dialog', { name: 'Add a mail user to mail-power' });
  await expect(add.getByLabel('Quota')).toHaveValue('2G');
  await add.getByLabel('Email address').fill('Carol@box1.example.com');
  await add.getByLabel('Password', { exact: true }).fill('short');
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add).toContainText('User account email addresses may only use the lowercase ASCII letters');
  await expect(add).toContainText('Passwords must be at least eight characters.');
  await expect(add.getByLabel('Email address')).toHaveValue('Carol@box1.example.com');
  await add.getByLabel('Email address').fill('carol@box1.example.com');
  await add.getByRole('button', { name: 'Generate' }).click();
  await expect(add.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'text');
  await expect(add.getByLabel('Password', { exact: true })).toHaveValue(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
  await expect(add).toContainText('Strength: Very strong.');
  await bothThemes(page, info, 'add-user-900');
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'carol@box1.example.com added.' })).toContainText(
    'mail user added',
  );
  const carol = userRow(table, 'carol@box1.example.com');
  await expect(carol).toContainText('2 GB');
  expect(boxUser(bed, 0, 'carol@box1.example.com')?.quota).toBe('2G');

  // A refusal the rules cannot foresee comes back as the box wrote it, with the form as it was.
  await page.getByRole('button', { name: 'Add a user' }).click();
  await add.getByLabel('Email address').fill('alice@box1.example.com');
  await add.getByLabel('Password', { exact: true }).fill('another-long-password');
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add.getByRole('alert')).toContainText('User already exists.');
  await expect(add.getByRole('alert')).toContainText('Next step:');
  await expect(add.getByLabel('Email address')).toHaveValue('alice@box1.example.com');
  await expect(add.getByLabel('Password', { exact: true })).toHaveValue('another-long-password');
  await add.getByRole('button', { name: 'Cancel' }).click();
  await expect(add).toHaveCount(0);

  // Password.
  const before = boxUser(bed, 0, 'carol@box1.example.com')?.password;
  await carol.getByRole('button', { name: 'Set the password of carol@box1.example.com' }).click();
  const change = page.getByRole('dialog', { name: 'Set the password of carol@box1.example.com' });
  await change.getByLabel('New password').fill('carol-new-password-1');
  await change.getByRole('button', { name: 'Set password' }).click();
  await expect(change).toHaveCount(0);
  await expect(page.getByText('New password set for carol@box1.example.com.')).toBeVisible();
  expect(boxUser(bed, 0, 'carol@box1.example.com')?.password).not.toBe(before);

  // Admin on, then off.
  await carol.getByRole('button', { name: 'Make carol@box1.example.com an admin' }).click();
  await expect(carol.getByRole('list', { name: 'Privileges of carol@box1.example.com' })).toHaveText('Admin');
  expect(boxUser(bed, 0, 'carol@box1.example.com')?.privileges).toEqual(['admin']);
  await carol.getByRole('button', { name: 'Revoke admin from carol@box1.example.com' }).click();
  await expect(carol.getByRole('button', { name: 'Make carol@box1.example.com an admin' })).toBeVisible();
  expect(boxUser(bed, 0, 'carol@box1.example.com')?.privileges).toEqual([]);

  // Quota: a decimal point is refused in the box's words; "3g" is stored upper-cased.
  await carol.getByRole('button', { name: 'Set the quota of carol@box1.example.com' }).click();
  const quota = page.getByRole('dialog', { name: 'Set the quota of carol@box1.example.com' });
  await expect(quota.getByLabel('Quota')).toHaveValue('2G');
  await quota.getByLabel('Quota').fill('1.5G');
  await quota.getByRole('button', { name: 'Set quota' }).click();
  await expect(quota).toContainText('Quotas cannot contain spaces, commas, or decimal points.');
  await quota.getByLabel('Quota').fill('3g');
  await quota.getByRole('button', { name: 'Set quota' }).click();
  await expect(quota).toHaveCount(0);
  await expect(carol).toContainText('3 GB');
  expect(boxUser(bed, 0, 'carol@box1.example.com')?.quota).toBe('3G');

  // Archive, behind a confirmation that says what stays and how to undo it.
  await carol.getByRole('button', { name: 'Archive carol@box1.example.com' }).click();
  const archive = page.getByRole('dialog', { name: 'Archive carol@box1.example.com?' });
  await expect(archive).toContainText('The mail is kept on the box in');
  await expect(archive).toContainText('/mail/mailboxes/box1.example.com/carol');
  await expect(archive).toContainText('To restore it, add carol@box1.example.com again');
  await expect(archive).toContainText('To erase it for good, delete that folder on the box.');
  await bothThemes(page, info, 'archive-900');
  await archive.getByRole('button', { name: 'Archive carol@box1.example.com' }).click();
  await expect(archive).toHaveCount(0);
  await expect(carol).toContainText('Archived');
  expect(boxUser(bed, 0, 'carol@box1.example.com')).toBeUndefined();

  // Restore: the address comes pre-filled; the kept mail comes back with the new password.
  await carol.getByRole('button', { name: 'Restore carol@box1.example.com' }).click();
  const restore = page.getByRole('dialog', { name: 'Restore carol@box1.example.com' });
  await expect(restore.getByLabel('Email address')).toHaveValue('carol@box1.example.com');
  await expect(restore).toContainText('brings back the mail kept in');
  await restore.getByLabel('Password', { exact: true }).fill('carol-back-again-1');
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(restore).toHaveCount(0);
  await expect(carol).toContainText('Active');
  expect(boxUser(bed, 0, 'carol@box1.example.com')).toBeDefined();
});

test('keyboard: filter, move between rows, reach a row’s actions, and close a dialog with Escape', async ({
  page,
  url,
}) => {
  const table = await openMailboxes(page, url, POWER);
  await expect(userRow(table, 'alice@box1.example.com')).toBeVisible();
  const filter = page.getByRole('searchbox', { name: 'Filter mail users' });
  await filter.focus();
  await page.keyboard.type('box1');
  await expect(page.getByText(/of \d+ mail users match\./)).toBeVisible();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');

  // Tab from the toolbar lands on the list's one tab stop; the arrows move it, Tab then reaches that row's buttons.
  await table.locator('[data-row-key="domain box1.example.com"]').focus();
  await page.keyboard.press('ArrowDown');
  const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
  await expect.poll(focused).toContain('alice@box1.example.com');
  await page.keyboard.press('End');
  await expect.poll(focused).toContain('olduser@box1.example.com');
  // Keys pressed faster than the list renders still add up.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect.poll(focused).toContain('alice@box1.example.com');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Set the password of alice@box1.example.com' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Set the password of alice@box1.example.com' });
  await expect(dialog.getByLabel('New password')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Set the password of alice@box1.example.com' })).toBeFocused();
});

test('a box without quota routes says why and offers no quota control; 1,500 users keep a window of rows', async ({
  page,
  url,
}, info) => {
  const table = await openMailboxes(page, url, OLD);
  await expect(page.getByText(`${BULK + 1} mail users in 4 domains.`)).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByText('Quotas: Mail user quotas need Mail-in-a-Box v73 or newer; this box runs v72.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /^Set the quota of / })).toHaveCount(0);
  // Only the rows in view (and a few either side) are in the document.
  const rendered = await table.locator('tbody tr:not(.spacer)').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);
  await page.getByRole('searchbox', { name: 'Filter mail users' }).fill('user01234');
  await expect(userRow(table, 'user01234@lists.example.org')).toBeVisible();
  await expect(page.getByText('1 of 1501 mail users match.')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter mail users' }).fill('');

  await page.getByRole('button', { name: 'Add a user' }).click();
  const add = page.getByRole('dialog', { name: 'Add a mail user to mail-old' });
  await expect(add.getByLabel('Quota')).toHaveCount(0);
  await expect(add).toContainText('Quota: Mail user quotas need Mail-in-a-Box v73 or newer');
  await add.getByRole('button', { name: 'Cancel' }).click();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await bothThemes(page, info, 'users-bulk-1920');
  await expectNoSidewaysScroll(page, 1920);
});

test('a box with no users yet says so and how to add one', async ({ page, url }) => {
  await openMailboxes(page, url, EMPTY);
  await expect(page.getByRole('heading', { name: 'No mail users on this box yet' })).toBeVisible();
  await expect(page.getByText('Add the first one with “Add a user”')).toBeVisible();
});

test('Domains lists user and alias counts that lead to the users; the mail guide copies and prints', async ({
  page,
  url,
}, info) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await openMailboxes(page, url, POWER);
  await page.getByRole('navigation', { name: 'Mailboxes pages' }).getByRole('link', { name: 'Domains' }).click();
  await expect(page).toHaveURL(/#\/box\/[^/]+\/mailboxes\/domains$/);
  const domains = page.getByRole('table', { name: 'Mail domains of mail-power' });
  const row = domains.getByRole('row', { name: /box1\.example\.com/ });
  await expect(row).toContainText(/\d+ users?, 1 archived/);
  await expect(row.getByRole('link', { name: /(alias|aliases) of box1\.example\.com/ })).toBeVisible();
  await bothThemes(page, info, 'domains-900');
  await row.getByRole('link', { name: /users? of box1\.example\.com/ }).click();
  await expect(page).toHaveURL(/#\/box\/[^/]+\/mailboxes$/);
  await expect(page.getByRole('searchbox', { name: 'Filter mail users' })).toHaveValue('box1.example.com');

  await page.getByRole('navigation', { name: 'Mailboxes pages' }).getByRole('link', { name: 'Mail guide' }).click();
  const sheet = page.getByRole('article', { name: 'Mail settings for box1.example.com' });
  await expect(sheet.getByRole('heading', { name: /^IMAP/ })).toBeVisible();
  await expect(sheet).toContainText('993');
  await expect(sheet.getByRole('button', { name: /^Copy / }).first()).toBeVisible();
  await bothThemes(page, info, 'guide-900');
  // On paper only the guide: no sidebar, no tabs, no buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(sheet.getByRole('button', { name: /^Copy / }).first()).toBeHidden();
  await expect(sheet.getByRole('heading', { name: 'Mail settings for box1.example.com' })).toBeVisible();
  await page.screenshot({ path: info.outputPath('guide-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
});

test('an unreachable box: the error says what happened and the next step, and Try again asks again', async ({
  page,
  url,
  bed,
}) => {
  // Last in the file: the box stays down for the rest of this worker.
  await bed.testbed.box(2).sshd.stop();
  await page.goto(url);
  await page.getByRole('button', { name: EMPTY, exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Mailboxes' }).click();
  const alert = page.getByRole('alert').filter({ hasText: `Could not list the mail users of ${EMPTY}` });
  await expect(alert).toBeVisible({ timeout: 60_000 });
  await expect(alert).toContainText('Next step:');
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
});
