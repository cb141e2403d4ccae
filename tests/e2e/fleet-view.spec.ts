/**
 * The Fleet screen, the box dashboard and the status checks screen in Chromium through browser mode, against the
 * real services: three emulated boxes behind real sshd (one down, one whose certificate expires in 5 days, one whose
 * last backup is three days old; both flavours), and a seeded 1,000-box fleet for the virtualized table.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, type Locator, type Page } from '@playwright/test';
import type { Testbed } from '../harness/testbed';
import { expect, test as seeded } from './fixtures/browser-mode';
import { addBoxWithCli } from './fixtures/cli-add';
import { QUIET_SCHEDULE, withBrowserMode, withFleetBed, type FleetBed } from './fixtures/fleet-bed';
import { fleetFile } from './fixtures/seed';

const DAY = 86_400_000;

interface Fleet {
  /** Browser mode's printed link (each link opens one session, so each test gets a server of its own). */
  readonly url: string;
  readonly testbed: Testbed;
}

/** Three boxes in three states, added through the CLI into one data directory, for the whole worker. */
const test = base.extend<{ fleet: Fleet }, { bed: FleetBed }>({
  bed: [
    async ({ browserName: _browserName }, use) => {
      await withFleetBed(
        'fleet-view',
        {
          system: true,
          proxy: true,
          boxes: [
            { flavour: 'upstream', hostname: 'box1.example.com' },
            { flavour: 'power', hostname: 'box2.example.com' },
            { flavour: 'upstream', hostname: 'box3.example.com' },
          ],
        },
        async ({ keyring, testbed, dataDir }) => {
          const now = Date.now();
          await testbed.box(0).setLastBackup(new Date(now - 3 * DAY));
          testbed.box(0).setCertificateExpiry(80);
          await testbed.box(1).setLastBackup(new Date(now - 6 * 3_600_000));
          testbed.box(1).setCertificateExpiry(5);
          await addBoxWithCli(testbed.box(0).profile, keyring.env, dataDir, 'mail-backup', ['prod', 'eu']);
          await addBoxWithCli(testbed.box(1).profile, keyring.env, dataDir, 'mail-tls', ['prod', 'us']);
          await addBoxWithCli(testbed.box(2).profile, keyring.env, dataDir, 'mail-down', ['staging']);
          await testbed.box(2).sshd.stop();
          await writeFile(join(dataDir, 'fleet-schedule.json'), QUIET_SCHEDULE, { mode: 0o600 });
        },
        use,
      );
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  fleet: async ({ bed }, use) => {
    await withBrowserMode(bed.dataDir, bed.keyring.env, (url) => use({ url, testbed: bed.testbed }));
  },
});

/** Opens the Fleet screen and refreshes every box; the button is enabled again once all have answered or failed. */
async function refreshed(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  const refresh = page.getByRole('button', { name: 'Refresh', exact: true });
  await refresh.click();
  await expect(refresh).toBeEnabled({ timeout: 30_000 });
  return page.getByRole('table', { name: 'Boxes in your fleet' });
}

/** The box names in the order the table shows them. */
const names = (table: Locator) => table.locator('tbody [data-box-id]').allInnerTexts();

test.describe('three boxes in three states', () => {
  test.setTimeout(120_000);

  test('after a refresh each row shows its state: down, certificate soon, old backup', async ({ page, fleet }) => {
    const table = await refreshed(page, fleet.url);
    const down = table.getByRole('row', { name: /mail-down/ });
    await expect(down.locator('.col-reach')).toHaveText(/Down/);
    await expect(down.locator('.col-backup')).toContainText('unknown');

    const tls = table.getByRole('row', { name: /mail-tls/ });
    await expect(tls.locator('.col-tls .status-warning')).toHaveText(/in 5 days/);
    await expect(tls).toContainText('Needs attention: certificate expires soon.');
    await expect(tls.locator('.col-version')).toContainText('Power Mail-in-a-Box');
    await expect(tls.locator('.col-reach')).toHaveText(/Up · \d+ ms/);
    await expect(tls.locator('.col-backup .status-warning')).toHaveCount(0);

    const backup = table.getByRole('row', { name: /mail-backup/ });
    await expect(backup.locator('.col-backup .status-warning')).toHaveText(/3 days ago/);
    await expect(backup).toContainText('Needs attention: backup is old.');
    await expect(backup.locator('.col-version')).toContainText(/^Mail-in-a-Box v/);
    await expect(backup.locator('.col-tls .status-warning')).toHaveCount(0);
    await expect(backup.locator('.col-tls')).toContainText(/in (79|80) days/);
  });

  test('sorts by a column, filters by state and tag, and searches', async ({ page, fleet }) => {
    const table = await refreshed(page, fleet.url);
    const nameHeader = table.getByRole('columnheader', { name: /Name/ });
    await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(await names(table)).toEqual(['mail-backup', 'mail-down', 'mail-tls']);
    await nameHeader.getByRole('button').click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(() => names(table)).toEqual(['mail-tls', 'mail-down', 'mail-backup']);

    const tlsHeader = table.getByRole('columnheader', { name: /TLS expiry/ });
    await tlsHeader.getByRole('button').click();
    await expect(tlsHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect(nameHeader).not.toHaveAttribute('aria-sort');
    // The soonest expiry first; a box that told nothing (down) last.
    await expect.poll(() => names(table)).toEqual(['mail-tls', 'mail-backup', 'mail-down']);

    const filters = page.getByRole('search', { name: 'Filter the fleet' });
    await filters.getByLabel('State').selectOption({ label: 'Down or refused' });
    await expect.poll(() => names(table)).toEqual(['mail-down']);
    await expect(filters.getByRole('status')).toHaveText('1 of 3 boxes');
    await filters.getByLabel('State').selectOption({ label: 'Up with problems' });
    await expect.poll(() => names(table)).toEqual(['mail-tls', 'mail-backup']);
    await filters.getByLabel('State').selectOption({ label: 'All boxes' });

    await filters.getByLabel('Tag').selectOption('prod');
    await expect.poll(() => names(table)).toEqual(['mail-tls', 'mail-backup']);
    await filters.getByLabel('Tag').selectOption('staging');
    await expect.poll(() => names(table)).toEqual(['mail-down']);
    await filters.getByLabel('Tag').selectOption({ label: 'All tags' });

    await filters.getByLabel('Search').fill('eu');
    await expect.poll(() => names(table)).toEqual(['mail-backup']);
    await filters.getByLabel('Search').fill('nothing-like-this');
    await expect(page.getByText('No box matches these filters.')).toBeVisible();
  });

  test('arrow keys move the active row, Enter opens the box dashboard with its facts', async ({ page, fleet }) => {
    const table = await refreshed(page, fleet.url);
    await table.getByRole('button', { name: 'mail-backup' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(table.getByRole('button', { name: 'mail-down' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(table.getByRole('button', { name: 'mail-tls' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(table.getByRole('button', { name: 'mail-backup' })).toBeFocused();
    // Only the active row is a tab stop.
    await expect(table.locator('tbody [data-box-id][tabindex="0"]')).toHaveCount(1);
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(/\/box\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'mail-backup' })).toBeVisible();
    const dashboard = page.getByRole('region', { name: 'Health' });
    const fact = (label: string) =>
      dashboard.locator('.fact', { has: page.getByRole('term').filter({ hasText: label }) });
    await expect(fact('Reachable')).toContainText(/Up · \d+ ms/);
    await expect(fact('Last backup')).toContainText('3 days ago');
    await expect(fact('TLS certificates')).toContainText(/in (79|80) days/);
    await expect(fact('Disk')).toContainText('%');
    await expect(fact('Mail users and aliases')).toContainText(/\d+ users, \d+ aliases/);
    await expect(dashboard.getByRole('list', { name: 'Services' })).toContainText('postfix: active');
    await expect(dashboard.getByRole('figure')).toHaveCount(2);
    await expect(dashboard.getByText(/observations?\./).first()).toBeVisible();

    // The charts are painted on a canvas in the theme's colours: a new theme paints them again.
    const canvas = dashboard.locator('.chart-canvas').first();
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(canvas).toHaveAttribute('data-scheme', 'light');
    const painted = () => canvas.locator('canvas').evaluate((element) => (element as HTMLCanvasElement).toDataURL());
    const light = await painted();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(canvas).toHaveAttribute('data-scheme', 'dark');
    expect(await painted()).not.toBe(light);
  });

  test('status checks: Run now shows progress, then the items under their headings', async ({ page, fleet }) => {
    const table = await refreshed(page, fleet.url);
    await table.getByRole('button', { name: 'mail-tls' }).click();
    await page.getByRole('button', { name: 'Open status checks' }).click();
    await expect(page).toHaveURL(/\/box\/[^/]+\/checks$/);
    await expect(page.getByText('The checks have not run yet.')).toBeVisible();

    // The box holds every byte for now, so the run stays in flight long enough to be seen.
    fleet.testbed.box(1).hang();
    try {
      await page.getByRole('button', { name: 'Run now' }).click();
      await expect(page.getByRole('button', { name: 'Running…' })).toBeDisabled();
      await expect(page.getByRole('progressbar', { name: 'Status checks progress' })).toBeVisible();
    } finally {
      fleet.testbed.box(1).unhang();
    }
    await expect(page.getByRole('button', { name: 'Run now' })).toBeEnabled({ timeout: 60_000 });
    await expect(page.getByRole('progressbar', { name: 'Status checks progress' })).toHaveCount(0);
    await expect(
      page.getByText(/^Last run less than a minute ago: \d+ errors?, \d+ warnings?, \d+ ok\.$/),
    ).toBeVisible();
    const system = page.getByRole('region', { name: 'System' });
    await expect(system.getByRole('heading', { level: 2, name: 'System' })).toBeVisible();
    await expect(system.getByRole('listitem').filter({ hasText: 'SSH disallows password-based login.' })).toContainText(
      'OK',
    );
    // The power flavour adds its own heading.
    await expect(page.getByRole('region', { name: 'PGP Keyring' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'What changed since the previous run' })).toBeVisible();

    await page.getByRole('radio', { name: 'Problems only' }).check();
    await expect(page.getByRole('listitem').filter({ hasText: 'SSH disallows password-based login.' })).toHaveCount(0);
  });
});

/** A fleet of `count` boxes in the registry's format, and a health cache with every one of them up. */
function bigFleet(count: number): Record<string, string> {
  const at = new Date().toISOString();
  const pad = (n: number) => String(n).padStart(4, '0');
  const boxes = Array.from({ length: count }, (_, i) => ({
    id: `box-${pad(i)}`,
    name: `mail-${pad(i)}`,
    host: `box${i}.example.net`,
    port: 22,
    user: 'root',
    auth: { kind: 'agent' },
    tags: [i % 2 === 0 ? 'even' : 'odd'],
    addedAt: '2025-01-01T00:00:00.000Z',
  }));
  const latest = Object.fromEntries(
    boxes.map((box, i) => [
      box.id,
      {
        boxId: box.id,
        observedAt: at,
        reachability: i % 10 === 9 ? 'down' : 'up',
        error: null,
        rttMs: i % 10 === 9 ? null : 10 + (i % 40),
        flavour: 'upstream',
        version: 'v75',
        latestVersion: 'v75',
        probe: null,
        backup: { lastAt: at, enabled: true, error: null },
        tls: { soonestExpiry: '2099-01-01T00:00:00.000Z', soonestDomain: `box${i}.example.net`, problems: 0 },
        counts: null,
        checks: null,
      },
    ]),
  );
  return {
    'fleet.json': fleetFile(boxes),
    'fleet-health.json': JSON.stringify({ version: 1, data: { latest, checks: {}, history: {} } }),
    'fleet-schedule.json': QUIET_SCHEDULE,
  };
}

seeded.describe('a fleet of 1,000 boxes', () => {
  seeded.use({ seedFiles: bigFleet(1000) });

  seeded(
    'keeps only a window of rows in the page, and scrolling to the end shows the last box',
    async ({ page, browserMode }) => {
      await page.goto(browserMode.url);
      const table = page.getByRole('table', { name: 'Boxes in your fleet' });
      await expect(page.getByRole('search', { name: 'Filter the fleet' }).getByRole('status')).toHaveText('1000 boxes');
      await expect(table.getByRole('button', { name: 'mail-0000' })).toBeVisible();
      await expect(table).toHaveAttribute('aria-rowcount', '1001');
      const rendered = await table.locator('tbody tr.fleet-row').count();
      expect(rendered).toBeGreaterThan(5);
      expect(rendered).toBeLessThan(100);
      await expect(table.getByRole('row', { name: /mail-0009/ }).locator('.col-reach')).toHaveText(/Down/);

      await page.locator('.fleet-scroller').evaluate((element) => element.scrollTo(0, element.scrollHeight));
      await expect(table.getByRole('button', { name: 'mail-0999' })).toBeVisible();
      await expect(table.getByRole('button', { name: 'mail-0000' })).toHaveCount(0);
      expect(await table.locator('tbody tr.fleet-row').count()).toBeLessThan(100);

      // The keyboard reaches the end too: End moves the active row to the last box and scrolls it into view.
      await page.locator('.fleet-scroller').evaluate((element) => element.scrollTo(0, 0));
      await table.getByRole('button', { name: 'mail-0000' }).focus();
      await page.keyboard.press('End');
      await expect(table.getByRole('button', { name: 'mail-0999' })).toBeFocused();
    },
  );
});
