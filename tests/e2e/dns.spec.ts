/**
 * The DNS section in Chromium through browser mode, against emulated boxes behind real sshd: a TXT record added, seen
 * in the custom list and in External DNS, then deleted behind its confirmation; an upstream box's TTL absence with its
 * reason and a Power box's TTLs; the box's refusal shown verbatim with what was typed kept; the registrar view; the
 * outside check's page on open; 900 px and 1920 px in both themes.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { expect } from './fixtures/browser-mode';
import { addBoxWithCli } from './fixtures/cli-add';
import { QUIET_SCHEDULE, withBrowserMode, withFleetBed, type FleetBed } from './fixtures/fleet-bed';
import { bothThemes, expectNoSidewaysScroll } from './fixtures/screenshots';

const UPSTREAM = 'dns-upstream';
const POWER = 'dns-power';

/** An upstream box and a Power box, with the system files DNS reads (/etc/nsd), in one data directory per worker. */
const test = base.extend<{ url: string }, { bed: FleetBed }>({
  bed: [
    async ({ browserName: _browserName }, use) => {
      await withFleetBed(
        'dns',
        {
          system: true,
          boxes: [
            {
              flavour: 'upstream',
              hostname: 'box.example.com',
              admin: { email: 'me@box.example.com', password: 'correct-horse-1' },
            },
            {
              flavour: 'power',
              hostname: 'power.example.net',
              admin: { email: 'me@power.example.net', password: 'correct-horse-1' },
            },
          ],
        },
        async ({ keyring, testbed, dataDir }) => {
          await addBoxWithCli(testbed.box(0).profile, keyring.env, dataDir, UPSTREAM);
          await addBoxWithCli(testbed.box(1).profile, keyring.env, dataDir, POWER);
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

async function openDns(page: Page, url: string, box: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: box, exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'DNS', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Custom DNS' })).toBeVisible();
}

function dnsPage(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'DNS pages' }).getByRole('link', { name });
}

test('a TXT record added, seen in the list and in External DNS, then deleted; upstream says why it has no TTL', async ({
  page,
  url,
}, info) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await openDns(page, url, UPSTREAM);
  await expect(page.locator('#dns-ttl-absent')).toContainText('TTL:');

  // Keyboard only: open the form, fill it, add.
  await page.getByRole('button', { name: 'Add a record' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add a custom DNS record' });
  await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.type('e2e.box.example.com');
  await dialog.getByLabel('Type', { exact: true }).selectOption('TXT');
  // Upstream keeps no TTL: the field is absent and the form says why.
  await expect(dialog.getByLabel('TTL (optional)')).toHaveCount(0);
  await expect(dialog.getByText(/^TTL: /)).toBeVisible();
  await dialog.getByLabel('Value', { exact: true }).fill('boxfleet-e2e=1');
  await dialog.getByRole('button', { name: 'Add record' }).press('Enter');
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  const table = page.getByRole('table', { name: 'Custom DNS records' });
  const row = table.getByRole('row').filter({ hasText: 'e2e.box.example.com' });
  await expect(row).toContainText('TXT');
  await expect(row).toContainText('boxfleet-e2e=1');
  await expect(page.getByText(/^The box says: updated DNS/)).toBeVisible();
  await bothThemes(page, info, 'custom-900');
  await expectNoSidewaysScroll(page, 900);

  // External DNS lists it in its zone, with a copy button for the record and for the whole zone.
  await dnsPage(page, 'External DNS').click();
  const zone = page.getByRole('region', { name: 'box.example.com' }).first();
  const external = zone.getByRole('row').filter({ hasText: 'e2e.box.example.com' });
  await expect(external).toContainText('boxfleet-e2e=1', { timeout: 30_000 });
  await expect(external.getByRole('button', { name: 'Copy the TXT record of e2e.box.example.com' })).toBeVisible();
  await expect(zone.getByRole('button', { name: 'Copy every record of box.example.com in BIND syntax' })).toBeVisible();
  // The registrar view: the box's nameservers, and DS records laid out as registrars' forms ask.
  const registrar = page.getByRole('region', { name: 'Registrar settings for box.example.com' });
  await expect(registrar).toContainText('ns1.box.example.com');
  await expect(registrar.getByText('Key tag').first()).toBeVisible();
  // The box's own preference (its status page's order): ECDSA P-256 with SHA-256 first, marked best.
  await expect(registrar.getByRole('heading', { level: 5 }).first()).toHaveText('ECDSAP256SHA256 with SHA-256Best');
  await bothThemes(page, info, 'external-900');
  await expectNoSidewaysScroll(page, 900);

  // Delete it, behind a confirmation.
  await dnsPage(page, 'Custom DNS').click();
  await row.getByRole('button', { name: 'Delete TXT record e2e.box.example.com boxfleet-e2e=1' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this TXT record?' });
  await expect(confirm).toContainText('stops publishing');
  await confirm.getByRole('button', { name: 'Delete record' }).click();
  await expect(confirm).toHaveCount(0, { timeout: 30_000 });
  await expect(table.getByRole('row').filter({ hasText: 'e2e.box.example.com' })).toHaveCount(0);
  await dnsPage(page, 'External DNS').click();
  await expect(page.getByRole('row').filter({ hasText: 'e2e.box.example.com' })).toHaveCount(0, { timeout: 30_000 });
});

test('a refusal keeps what was typed: the form’s check in the box’s words, then the box’s own', async ({
  page,
  url,
}, info) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await openDns(page, url, UPSTREAM);
  await page.getByRole('button', { name: 'Add a record' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a custom DNS record' });
  await dialog.getByLabel('Name', { exact: true }).fill('www.box.example.com');
  await dialog.getByLabel('Value', { exact: true }).fill('2001:db8::5');
  await dialog.getByRole('button', { name: 'Add record' }).click();
  await expect(dialog.getByText("That's an IPv6 address.")).toBeVisible();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('www.box.example.com');
  await expect(dialog.getByLabel('Value', { exact: true })).toHaveValue('2001:db8::5');
  await bothThemes(page, info, 'record-refused-900');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // A subnet with host bits set: only the box knows to refuse it, and says so in its words.
  await dnsPage(page, 'Secondary nameservers').click();
  const entries = page.getByLabel('Entries');
  await entries.fill('xfr:10.0.0.1/8');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText("'10.0.0.1/8' is not an IPv4 or IPv6 address or subnet.", {
    timeout: 30_000,
  });
  await expect(entries).toHaveValue('xfr:10.0.0.1/8');
  await entries.fill('xfr:10.0.0.0/8');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/^Saved\. The box says:/)).toBeVisible({ timeout: 30_000 });
  await expect(entries).toHaveValue('xfr:10.0.0.0/8');
  await entries.fill('');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('The box has no secondary nameservers', { exact: false })).toBeVisible({
    timeout: 30_000,
  });
});

test('a Power box keeps TTLs; the outside check’s page and DNS across the fleet at 1920 px, in both themes', async ({
  page,
  url,
}, info) => {
  await page.setViewportSize({ width: 1920, height: 1000 });
  await openDns(page, url, POWER);
  await expect(page.locator('#dns-ttl-absent')).toHaveCount(0);
  await page.getByRole('button', { name: 'Add a record' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a custom DNS record' });
  await dialog.getByLabel('Name', { exact: true }).fill('ttl.power.example.net');
  await dialog.getByLabel('Type', { exact: true }).selectOption('TXT');
  await dialog.getByLabel('Value', { exact: true }).fill('short-lived');
  await dialog.getByLabel('TTL (optional)').fill('10');
  await dialog.getByRole('button', { name: 'Add record' }).click();
  await expect(dialog.getByText(/^A TTL is a whole number of seconds from 30/)).toBeVisible();
  await dialog.getByLabel('TTL (optional)').fill('300');
  await dialog.getByRole('button', { name: 'Add record' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  const row = page.getByRole('row').filter({ hasText: 'ttl.power.example.net' });
  await expect(row).toContainText('300 s');

  // Replace: the name and type stay, the value and TTL become the only ones.
  await row.getByRole('button', { name: 'Replace TXT record ttl.power.example.net short-lived' }).click();
  const replace = page.getByRole('dialog', { name: 'Replace TXT record of ttl.power.example.net' });
  await expect(replace.getByLabel('Name', { exact: true })).toHaveAttribute('readonly', '');
  await expect(replace.getByRole('radio', { name: /^Replace them/ })).toBeChecked();
  await replace.getByLabel('Value', { exact: true }).fill('longer-lived');
  await replace.getByLabel('TTL (optional)').fill('600');
  await replace.getByRole('button', { name: 'Replace record' }).click();
  await expect(replace).toHaveCount(0, { timeout: 30_000 });
  await expect(row).toContainText('longer-lived');
  await expect(row).toContainText('600 s');

  // A second name: by domain name it comes first, by creation last.
  await page.getByRole('button', { name: 'Add a record' }).click();
  await dialog.getByLabel('Name', { exact: true }).fill('a.power.example.net');
  await dialog.getByLabel('Value', { exact: true }).fill('192.0.2.7');
  await dialog.getByRole('button', { name: 'Add record' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  const names = page.getByRole('table', { name: 'Custom DNS records' }).getByRole('rowheader');
  await expect(names).toHaveText(['a.power.example.net', 'ttl.power.example.net']);
  await page.getByLabel('Sort by').selectOption('created');
  await expect(names).toHaveText(['ttl.power.example.net', 'a.power.example.net']);
  await bothThemes(page, info, 'custom-1920');
  await expectNoSidewaysScroll(page, 1920);

  await dnsPage(page, 'External DNS').click();
  await expect(page.getByRole('heading', { level: 2, name: 'At your registrar' })).toBeVisible();
  await bothThemes(page, info, 'external-1920');
  await expectNoSidewaysScroll(page, 1920);

  await dnsPage(page, 'Outside check').click();
  await expect(page.getByText('This box has not been checked from outside yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check now' })).toBeVisible();
  await bothThemes(page, info, 'check-1920');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Fleet' }).click();
  await expect(page.getByRole('button', { name: 'Check DNS of every box' })).toBeVisible();
  await page.goto(`${url}#/dns`);
  await expect(page.getByRole('heading', { level: 1, name: 'DNS across the fleet' })).toBeVisible();
  await expectNoSidewaysScroll(page, 1920);
});

test('the outside check: resolvers set, a check run as a job, results by zone saying where they asked; then every box', async ({
  page,
  url,
}, info) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await openDns(page, url, UPSTREAM);
  await dnsPage(page, 'Outside check').click();
  // A resolver on a loopback port nothing listens on: every question it gets has no answer, which is "unknown".
  await page.getByText('Resolvers asked (this computer’s own)').click();
  await page.getByLabel('Resolvers', { exact: true }).fill('not-an-address');
  await page.getByRole('button', { name: 'Save resolvers' }).click();
  await expect(page.getByText('not-an-address is not an address')).toBeVisible();
  await page.getByLabel('Resolvers', { exact: true }).fill('127.0.0.1:9');
  await page.getByRole('button', { name: 'Save resolvers' }).click();
  await expect(page.getByText('Saved: the next check asks these.')).toBeVisible();
  await expect(page.getByText('Resolvers asked (127.0.0.1:9)')).toBeVisible();

  await page.getByRole('button', { name: 'Check now' }).click();
  const zone = page.getByRole('region', { name: 'Outside check of box.example.com' });
  await expect(zone).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/^Checked .* from this computer\. Resolvers asked: 127\.0\.0\.1:9\.$/)).toBeVisible();
  await expect(zone.getByText(/asked /).first()).toBeVisible();
  // Problems come first, then questions without an answer, then what is right.
  const marks = await zone.locator('.check-type').allInnerTexts();
  const rank = (text: string) => (text.includes('Problem') ? 0 : text.includes('No answer') ? 1 : 2);
  expect(marks.map(rank)).toEqual([...marks.map(rank)].sort((a, b) => a - b));
  await bothThemes(page, info, 'check-900');
  await expectNoSidewaysScroll(page, 900);

  // Opened again, the page shows the last result at once.
  await dnsPage(page, 'Custom DNS').click();
  await dnsPage(page, 'Outside check').click();
  await expect(zone).toBeVisible();

  // Every box of the fleet, one block per box.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Fleet' }).click();
  await page.getByRole('button', { name: 'Check DNS of every box' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'DNS across the fleet' })).toBeVisible();
  await expect(page.getByRole('region', { name: `Outside check of ${UPSTREAM}` })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('region', { name: `Outside check of ${POWER}` })).toBeVisible();
  await bothThemes(page, info, 'fleet-check-900');
  await expectNoSidewaysScroll(page, 900);
});
