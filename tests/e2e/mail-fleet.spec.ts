import { readFile } from 'node:fs/promises';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { addAlias, addUser } from '../emulator/index';
import { addBoxWithCli } from './fixtures/cli-add';
import { withBrowserMode, withFleetBed, type FleetBed } from './fixtures/fleet-bed';

/**
 * The fleet-wide Mail screen against three emulated boxes behind real sshd: an upstream one and a Power one that both
 * hold carol@shared.example, and a third whose sshd is stopped. Search, people, and adding to several boxes each show
 * what the boxes that answered said, and name the one that did not.
 */
const CAROL = 'carol@shared.example';

const test = base.extend<{ served: { url: string } }, { bed: FleetBed }>({
  bed: [
    async ({ browserName: _browserName }, use) => {
      await withFleetBed(
        'mail-fleet',
        {
          boxes: [
            {
              flavour: 'upstream',
              hostname: 'box1.example.com',
              seed: (state) => {
                addUser(state, { email: 'me@box1.example.com', password: 'admin-password-1', privileges: ['admin'] });
                addUser(state, { email: CAROL, password: 'carol-password-1' });
                addAlias(state, { source: 'help@shared.example', destination: CAROL });
              },
            },
            {
              flavour: 'power',
              hostname: 'box2.example.com',
              seed: (state) => {
                addUser(state, { email: 'me@box2.example.com', password: 'admin-password-2', privileges: ['admin'] });
                addUser(state, { email: CAROL, password: 'carol-password-2', privileges: ['admin'] });
              },
            },
            { flavour: 'upstream', hostname: 'box3.example.com' },
          ],
        },
        async ({ keyring, testbed, dataDir }) => {
          await addBoxWithCli(testbed.box(0).profile, keyring.env, dataDir, 'mail-one');
          await addBoxWithCli(testbed.box(1).profile, keyring.env, dataDir, 'mail-power');
          await addBoxWithCli(testbed.box(2).profile, keyring.env, dataDir, 'mail-down');
          await testbed.box(2).sshd.stop();
        },
        use,
      );
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  served: async ({ bed }, use) => {
    await withBrowserMode(bed.dataDir, bed.keyring.env, (url) => use({ url }));
  },
});

async function openMail(page: Page, url: string, tab: 'Find' | 'People' | 'Add to several boxes'): Promise<void> {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Mail', exact: true }).click();
  await page.getByRole('navigation', { name: 'Mail pages' }).getByRole('link', { name: tab }).click();
}

async function screenshots(page: Page, name: string, info: TestInfo): Promise<void> {
  for (const width of [900, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: info.outputPath(`${name}-${width}-${colorScheme}.png`), fullPage: true });
    }
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 900, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('find a user and the alias that reaches it on every box; a box that is down is named, not hidden', async ({
  page,
  served,
}, info) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await openMail(page, served.url, 'Find');
  await page.getByLabel('Address or part of it').fill('shared.example');
  await page.getByLabel('Address or part of it').press('Enter');
  // Carol on two boxes, the alias to her, and each box's automatic postmaster@, admin@ and abuse@ for the domain.
  await expect(page.getByRole('status').filter({ hasText: '9 matches for “shared.example”.' })).toBeVisible({
    timeout: 30_000,
  });
  const found = page.getByRole('table', { name: 'Users and aliases found' });
  await expect(found.getByRole('row').filter({ hasText: 'mail-one' }).filter({ hasText: 'Mail user' })).toContainText(
    CAROL,
  );
  await expect(found.getByRole('row').filter({ hasText: 'mail-power' }).filter({ hasText: 'Mail user' })).toContainText(
    'Admin',
  );
  await expect(found.getByRole('row').filter({ hasText: 'postmaster@shared.example' }).first()).toContainText(
    'Automatic',
  );
  await expect(found.getByRole('row').filter({ hasText: 'help@shared.example' })).toContainText(CAROL);
  await expect(page.getByRole('alert')).toContainText('mail-down');
  await expect(page.getByRole('alert')).toContainText('1 box could not be searched');
  await screenshots(page, 'mail-find', info);

  // A hit leads to the box it is on.
  await found.getByRole('button', { name: 'Open help@shared.example on mail-one' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'mail-one' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'help@shared.example' })).toBeVisible({ timeout: 30_000 });
});

test('people, not boxes: one person with a mailbox on two boxes and the alias that reaches them', async ({
  page,
  served,
}, info) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await openMail(page, served.url, 'People');
  const carol = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: CAROL }) });
  await expect(carol.getByRole('list', { name: `Mailboxes of ${CAROL}` }).getByRole('listitem')).toHaveText(
    ['mail-one (active)', 'mail-power (active, admin)'],
    { timeout: 30_000 },
  );
  await expect(carol.getByRole('list', { name: `Aliases forwarding to ${CAROL}` })).toHaveText(
    'help@shared.example on mail-one',
  );
  await screenshots(page, 'mail-people', info);
  await page.getByLabel('Filter people').fill('box2');
  await expect(page.getByRole('rowheader')).toHaveText(['me@box2.example.com']);
});

test('add one user to several boxes: a result per box, the down box named, a second try refused in each box’s words', async ({
  page,
  served,
}, info) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await openMail(page, served.url, 'Add to several boxes');
  await page.getByRole('button', { name: 'Add to 0 boxes' }).click();
  await expect(page.getByText('Choose at least one box.')).toBeVisible();

  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByLabel('Email address').fill('dave@shared.example');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Add to 3 boxes' }).click();
  // Checked before anything is sent, in the box's words.
  await expect(page.getByText('Passwords must be at least eight characters.')).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill('dave-password-long-1');
  await page.getByRole('button', { name: 'Add to 3 boxes' }).click();
  const outcomes = page.getByRole('region', { name: /^dave@shared\.example: added on/ });
  await expect(outcomes.getByRole('heading')).toHaveText('dave@shared.example: added on 2 of 3 boxes.', {
    timeout: 30_000,
  });
  await expect(outcomes.getByRole('listitem').filter({ hasText: 'mail-one' })).toContainText('Done.');
  await expect(outcomes.getByRole('listitem').filter({ hasText: 'mail-power' })).toContainText('Done.');
  await expect(outcomes.getByRole('listitem').filter({ hasText: 'mail-down' })).toContainText(
    'Boxfleet could not reach the box.',
  );
  // Nothing typed is lost but the password, which is not kept once the boxes have it.
  await expect(page.getByLabel('Email address')).toHaveValue('dave@shared.example');

  await page.getByLabel('Password', { exact: true }).fill('dave-password-long-1');
  await page.getByRole('button', { name: 'Add to 3 boxes' }).click();
  await expect(outcomes.getByRole('heading')).toHaveText('dave@shared.example: added on 0 of 3 boxes.', {
    timeout: 30_000,
  });
  await expect(outcomes.getByRole('listitem').filter({ hasText: 'mail-one' })).toContainText(
    'Refused: User already exists.',
  );
  await expect(outcomes.getByRole('listitem').filter({ hasText: 'mail-power' })).toContainText(
    'Refused: User already exists.',
  );
  await screenshots(page, 'mail-add', info);
});

test('import users into one box of the fleet: dry run, job, result per row; the password is never shown', async ({
  page,
  served,
}, info) => {
  const secret = 'erin-secret-password-9';
  await page.setViewportSize({ width: 900, height: 800 });
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Mail', exact: true }).click();
  await page.getByRole('navigation', { name: 'Mail pages' }).getByRole('link', { name: 'Import and export' }).click();
  await page.getByLabel('Box', { exact: true }).selectOption({ label: 'mail-one' });
  await page.getByLabel('Lists').selectOption('users');
  const csv = [
    'email,password,admin,quota',
    `erin@import.example,${secret},no,`,
    'bad@@import.example,whatever-1234,no,',
  ];
  await page.getByLabel('File to import').setInputFiles({
    name: 'users.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv.join('\n')),
  });
  const plan = page.getByRole('table', { name: 'Dry run of users.csv' });
  await expect(plan.getByRole('row').filter({ hasText: 'erin@import.example' })).toContainText('Create', {
    timeout: 30_000,
  });
  await expect(plan.getByRole('row').filter({ hasText: 'bad@@import.example' })).toContainText('Error');
  await page.getByRole('button', { name: 'Apply 1 change' }).click();
  const result = page.getByRole('table', { name: 'Result of importing users.csv' });
  await expect(result.getByRole('row').filter({ hasText: 'erin@import.example' })).toContainText('Done', {
    timeout: 30_000,
  });
  await expect(
    page.getByText('1 row applied, 0 refused by the box, 1 not sent (skipped or with errors in the file).'),
  ).toBeVisible();
  await screenshots(page, 'mail-import', info);
  // Nowhere in the page: not in its text, not in a field.
  expect(await page.content()).not.toContain(secret);

  // The export lists the new user, and never a password.
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export users' }).click();
  const text = await readFile(await (await downloaded).path(), 'utf8');
  expect(text.split('\n')[0]).toBe('email,status,admin,quota,used,percent,messages,mailbox');
  expect(text).toContain('erin@import.example');
  expect(text).not.toContain(secret);
});

test('a box that is down: its aliases screen says so with the next step, and trying again is offered', async ({
  page,
  served,
}) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await page.goto(served.url);
  await page.getByRole('table').getByRole('button', { name: 'mail-down' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Aliases', exact: true }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'Could not list the aliases of mail-down' });
  await expect(banner).toContainText('Next step:', { timeout: 30_000 });
  await expect(banner.getByRole('button', { name: 'Try again' })).toBeVisible();
  // Adding is still offered; the box answers for itself when asked.
  await expect(page.getByRole('button', { name: 'Add an alias' })).toBeEnabled();
});

test('add one alias to two boxes of different flavours, then see it on the Power box’s Aliases section', async ({
  page,
  served,
}) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await openMail(page, served.url, 'Add to several boxes');
  await page.getByRole('radio', { name: 'An alias' }).check();
  await page.getByRole('checkbox', { name: 'mail-one' }).check();
  await page.getByRole('checkbox', { name: 'mail-power' }).check();
  await page.getByLabel('Alias address').fill('sales@shared.example');
  await page.getByLabel('Forwards to').fill(CAROL);
  await page.getByRole('button', { name: 'Add to 2 boxes' }).click();
  const outcomes = page.getByRole('region', { name: /^sales@shared\.example: added on/ });
  await expect(outcomes.getByRole('heading')).toHaveText('sales@shared.example: added on 2 of 2 boxes.', {
    timeout: 30_000,
  });
  await expect(outcomes.getByRole('listitem').filter({ hasText: 'mail-power' })).toContainText(
    'Done. The box says: alias added',
  );

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Fleet', exact: true }).click();
  await page.getByRole('table').getByRole('button', { name: 'mail-power' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Aliases', exact: true }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'sales@shared.example' }) });
  await expect(row.getByRole('list', { name: 'sales@shared.example forwards to' })).toHaveText(CAROL, {
    timeout: 30_000,
  });
  await expect(row.getByRole('button', { name: 'Remove alias sales@shared.example' })).toBeVisible();
});
