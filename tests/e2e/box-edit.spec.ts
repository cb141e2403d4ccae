import type { Locator, Page } from '@playwright/test';
import { addUser } from '../emulator/index';
import { startKeyring, type Keyring } from '../harness/keyring';
import { makeKeyPair, type KeyPair } from '../harness/ssh-keys';
import { removeTempDirs } from '../harness/temp';
import { startTestbed, type BoxProfile, type Testbed, type TestbedBox } from '../harness/testbed';
import { BOX_ADMIN, expect, SEEDED_USERS, test as shared } from './fixtures/testbed-mode';

interface Bed {
  keyring: Keyring;
  testbed: Testbed;
  profile: BoxProfile;
  hostname: string;
  strangerKey: KeyPair;
}

/**
 * This spec replaces the box's authorized keys and its sshd host key, so it gets a testbed of its own: overriding
 * the worker fixture gives the file its own worker, and the other specs keep a box that behaves as they expect.
 */
const test = shared.extend({
  bed: [
    async ({ browserName: _browserName }, use) => {
      const keyring = await startKeyring();
      let testbed: Testbed | undefined;
      try {
        testbed = await startTestbed({
          boxes: [
            {
              flavour: 'upstream',
              admin: { ...BOX_ADMIN },
              seed: (state) => {
                for (const user of SEEDED_USERS) addUser(state, { ...user });
              },
            },
          ],
        });
        const box = testbed.boxes[0];
        if (!box) throw new Error('the testbed started no box');
        const strangerKey = await makeKeyPair({ comment: 'not-authorized' });
        await use({ keyring, testbed, profile: box.profile, hostname: box.hostname, strangerKey });
      } finally {
        await testbed?.stop();
        await keyring.stop();
        await removeTempDirs();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

function theBox(bed: Bed): TestbedBox {
  const box = bed.testbed.boxes[0];
  if (!box) throw new Error('the testbed started no box');
  return box;
}

/** Adds the testbed box through the wizard with the harness's key, and lands on its overview. */
async function addBox(page: Page, url: string, profile: BoxProfile, name: string): Promise<void> {
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
  await nameField.fill(name);
  await dialog.getByLabel('Tags').fill('e2e');
  await dialog.getByRole('button', { name: 'Save box' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function testConnection(page: Page, name: string): Promise<Locator> {
  await page
    .getByRole('group', { name: `Actions for ${name}` })
    .getByRole('button', { name: 'Test connection' })
    .click();
  return page.getByText(/^Connected in \d+ ms: Mail-in-a-Box \(upstream\) v75/);
}

test('Edit connection replaces the login with a generated key, and the box keeps working', async ({
  page,
  testbedMode,
  bed,
}) => {
  const box = theBox(bed);
  const { profile } = bed;
  await addBox(page, testbedMode.url, profile, 'edit-me');

  await page
    .getByRole('group', { name: 'Connection of edit-me' })
    .getByRole('button', { name: 'Edit connection…' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Edit the connection of edit-me' });
  await expect(dialog).toBeVisible();
  // Prefilled from the box, except the login: a saved secret never comes back to the window.
  await expect(dialog.getByLabel('Host', { exact: true })).toHaveValue(profile.host);
  await expect(dialog.getByLabel('SSH port')).toHaveValue(String(profile.port));
  await expect(dialog.getByLabel('SSH user')).toHaveValue(profile.user);
  await expect(dialog.getByLabel('Key file path')).toHaveValue(profile.privateKeyPath);
  await expect(dialog.getByLabel('Passphrase (if the key has one)')).toHaveValue('');
  await expect(dialog.getByLabel('Management API port')).toHaveValue(String(profile.apiPort));
  await expect(dialog.getByLabel('API key file')).toHaveValue(profile.paths.apiKey);

  await dialog.getByRole('radio', { name: 'Generate a key for me' }).check();
  await dialog.getByRole('button', { name: 'Generate a key' }).click();
  const publicKey = await dialog.getByLabel('Public key').inputValue();
  expect(publicKey).toMatch(/^ssh-ed25519 \S+/);
  try {
    // Only the new key opens the box from now on: a test that passes must have used it.
    await box.sshd.resetAuthorizedKeys('bfadmin');
    await box.sshd.authorizeKey('bfadmin', publicKey);
    await dialog.getByRole('button', { name: 'Continue' }).click();

    // The host key is already trusted, so the wizard goes straight to logging in; name and tags are kept.
    await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('edit-me', { timeout: 30_000 });
    await expect(dialog.getByLabel('Tags')).toHaveValue('e2e');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toHaveCount(0);

    await expect(page.getByRole('heading', { level: 1, name: 'edit-me' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('SSH key generated by Boxfleet');
    await expect(await testConnection(page, 'edit-me')).toBeVisible({ timeout: 30_000 });
  } finally {
    await box.sshd.resetAuthorizedKeys('bfadmin');
    await box.sshd.authorizeKey('bfadmin', bed.testbed.clientKey.publicKeyLine);
  }
});

test('a changed host key stops Test connection until the new fingerprint is typed', async ({
  page,
  testbedMode,
  bed,
}) => {
  const box = theBox(bed);
  const oldFingerprint = box.sshd.hostKeyFingerprint;
  await addBox(page, testbedMode.url, bed.profile, 'rekeyed');
  await expect(await testConnection(page, 'rekeyed')).toBeVisible({ timeout: 30_000 });

  await box.sshd.restart({ newHostKey: true });
  const newFingerprint = box.sshd.hostKeyFingerprint;
  expect(newFingerprint).not.toBe(oldFingerprint);
  await testConnection(page, 'rekeyed');

  const stop = page.getByRole('region', { name: 'Changed host key of rekeyed' });
  await expect(stop.getByRole('alert')).toContainText('Stop: this server presents a different host key', {
    timeout: 30_000,
  });
  await expect(stop.getByTestId('expected-fingerprint')).toHaveText(oldFingerprint);
  await expect(stop.getByTestId('presented-fingerprint')).toHaveText(newFingerprint);
  await expect(stop).toContainText('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');

  await stop.getByRole('button', { name: 'I replaced the server’s key — trust the new key' }).click();
  const typed = stop.getByLabel('Type the new fingerprint as the server’s console shows it');
  const trust = stop.getByRole('button', { name: 'Trust the new key and test the connection' });
  await typed.fill(oldFingerprint);
  await trust.click();
  await expect(stop.getByText('That is not the fingerprint the server presents.')).toBeVisible();

  await typed.fill(newFingerprint);
  await trust.click();
  await expect(stop).toHaveCount(0);
  const connected = page.getByText(/^Connected in \d+ ms: Mail-in-a-Box \(upstream\) v75/);
  await expect(connected).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('main')).toContainText(newFingerprint);

  // Pinned: the next test goes through without a stop.
  await expect(await testConnection(page, 'rekeyed')).toBeVisible({ timeout: 30_000 });
  await expect(stop).toHaveCount(0);
});
