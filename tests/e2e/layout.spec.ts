import type { Locator, Page, TestInfo } from '@playwright/test';
import { addUser } from '../emulator/index';
import type { BoxProfile } from '../harness/testbed';
import { bedFixture, expect, test as shared, type Bed } from './fixtures/testbed-mode';

/** This spec adds mail users with long addresses to its box, so it gets a testbed (and a worker) of its own. */
const test = shared.extend({ bed: bedFixture });

const LONG_ADDRESSES = [
  'firstname.middlename.lastname@box.example.com',
  'a-really-quite-extraordinarily-long-local-part-for-layout-tests@box.example.com',
  'accounts-payable-notifications@lists.example.org',
] as const;

function withLongAddresses(bed: Bed): void {
  const state = bed.testbed.boxes[0]?.emulator.state;
  if (!state) throw new Error('the testbed started no box');
  for (const email of LONG_ADDRESSES) {
    if (!state.users.some((user) => user.email === email)) addUser(state, { email, password: 'layout-password-1' });
  }
}

/** Adds the testbed box through the wizard and opens its Mailboxes screen. */
async function openMailboxes(page: Page, url: string, profile: BoxProfile): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Add a server' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a server' });
  await dialog.getByLabel('Host', { exact: true }).fill(profile.host);
  await dialog.getByLabel('SSH port').fill(String(profile.port));
  await dialog.getByLabel('SSH user').fill(profile.user);
  await dialog.getByLabel('Key file path').fill(profile.privateKeyPath);
  await dialog.getByText('Advanced', { exact: true }).click();
  await dialog.getByLabel('Management API port').fill(String(profile.apiPort));
  await dialog.getByLabel('API key file').fill(profile.paths.apiKey);
  await dialog.getByLabel('Settings file').fill(profile.paths.conf);
  await dialog.getByLabel('Storage root').fill(profile.paths.storageRoot);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('checkbox', { name: 'I verified this fingerprint' }).check();
  await dialog.getByRole('button', { name: 'Trust and log in' }).click();
  const nameField = dialog.getByLabel('Name', { exact: true });
  await expect(nameField).toBeVisible({ timeout: 30_000 });
  await nameField.fill('layout-box');
  await dialog.getByRole('button', { name: 'Save box' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Mailboxes' }).click();
  await expect(page.getByRole('table', { name: 'Mail users' }).locator('[data-row-key^="domain "]')).toHaveCount(2);
  await expect(page.getByText(LONG_ADDRESSES[1])).toBeVisible();
}

interface AddressLayout {
  readonly text: string;
  /** The character each line ends with, for every line but the last. */
  readonly lineEnds: readonly string[];
  /** Some part is cut off (its content is wider than its box). */
  readonly clipped: boolean;
  readonly title: string | null;
}

/** Where each address cell's text breaks into lines, measured from the rendered glyphs. */
async function addressLayouts(cells: Locator): Promise<AddressLayout[]> {
  return cells.evaluateAll((elements) =>
    elements.map((el) => {
      const glyphs: { ch: string; top: number }[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const data = node.textContent ?? '';
        for (let i = 0; i < data.length; i += 1) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (rect) glyphs.push({ ch: data.charAt(i), top: rect.top });
        }
      }
      const lineEnds: string[] = [];
      for (let i = 1; i < glyphs.length; i += 1) {
        const previous = glyphs[i - 1];
        const current = glyphs[i];
        if (previous && current && current.top > previous.top + 2) lineEnds.push(previous.ch);
      }
      const boxes = [el, ...Array.from(el.querySelectorAll('*'))];
      const clipped = boxes.some((box) => box.scrollWidth > box.clientWidth + 1);
      const titled = el.closest('[title]') ?? el.querySelector('[title]');
      return { text: el.textContent ?? '', lineEnds, clipped, title: titled?.getAttribute('title') ?? null };
    }),
  );
}

async function screenshot(page: Page, info: TestInfo, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: info.outputPath(`${name}-${colorScheme}.png`), fullPage: true });
  }
}

test('at 900 px an address wraps only after its @, and a cut one shows itself whole on hover', async ({
  page,
  testbedMode,
  bed,
}, info) => {
  withLongAddresses(bed);
  await page.setViewportSize({ width: 900, height: 900 });
  await openMailboxes(page, testbedMode.url, bed.profile);

  const layouts = await addressLayouts(
    page.getByRole('table', { name: 'Mail users' }).locator('tbody th[scope="row"]'),
  );
  expect(layouts.map((layout) => layout.text.trim()).sort()).toEqual(
    expect.arrayContaining([...LONG_ADDRESSES].sort()),
  );
  // The break point is for the eye only: each row is still named by the address as it is written.
  for (const email of LONG_ADDRESSES) {
    await expect(page.getByRole('rowheader', { name: email, exact: true })).toBeVisible();
  }
  for (const layout of layouts) {
    expect({ address: layout.text, lineEnds: layout.lineEnds }).toEqual({
      address: layout.text,
      lineEnds: layout.lineEnds.length === 0 ? [] : ['@'],
    });
    if (layout.clipped) expect(layout.title).toBe(layout.text);
  }
  await screenshot(page, info, 'mailboxes-900');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Fleet' }).click();
  const hosts = await addressLayouts(page.getByRole('table', { name: 'Boxes in your fleet' }).locator('tbody td code'));
  for (const host of hosts) expect(host.lineEnds.filter((end) => end !== '@')).toEqual([]);
  await screenshot(page, info, 'fleet-900');

  // Ten columns do not fit beside the sidebar: the table scrolls sideways (not the page), and the name stays in view.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
  const scroller = page.locator('.fleet-scroller');
  await scroller.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
  await expect.poll(() => scroller.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
  const frame = await scroller.boundingBox();
  const name = await page.getByRole('button', { name: 'layout-box' }).boundingBox();
  if (!frame || !name) throw new Error('the fleet table is not laid out');
  expect(name.x).toBeGreaterThanOrEqual(frame.x);
  expect(name.x + name.width).toBeLessThan(frame.x + frame.width / 2);
  await expect(page.getByRole('columnheader', { name: /System/ })).toBeInViewport();
  await screenshot(page, info, 'fleet-900-scrolled');
});

test('at 1920 px the tables use most of the width beside the sidebar', async ({ page, testbedMode, bed }, info) => {
  withLongAddresses(bed);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openMailboxes(page, testbedMode.url, bed.profile);

  const sidebar = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
  const table = await page.getByRole('table', { name: 'Mail users' }).boundingBox();
  if (!sidebar || !table) throw new Error('the sidebar or the mail users table is not laid out');
  const available = 1920 - sidebar.width;
  expect(table.width / available).toBeGreaterThan(0.9);
  // Centred or left, the empty band beside the content is no wider than the page's padding.
  expect(1920 - (table.x + table.width)).toBeLessThan(80);
  await screenshot(page, info, 'mailboxes-1920');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Overview' }).click();
  const details = await page.locator('dl.details').boundingBox();
  if (!details) throw new Error('the overview has no details');
  expect(details.width / available).toBeGreaterThan(0.9);
  await screenshot(page, info, 'overview-1920');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Fleet' }).click();
  const fleet = await page.getByRole('table', { name: 'Boxes in your fleet' }).boundingBox();
  if (!fleet) throw new Error('the fleet table is not laid out');
  expect(fleet.width / available).toBeGreaterThan(0.9);
  await screenshot(page, info, 'fleet-1920');
});
