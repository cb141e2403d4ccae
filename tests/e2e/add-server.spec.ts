import { basename } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { BoxProfile } from '../harness/testbed';
import { BOX_ADMIN, expect, SEEDED_USERS, SSH_CONFIG_ALIAS, test } from './fixtures/testbed-mode';

async function openAddServer(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'No boxes yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Add a server' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a server' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/**
 * A row named by a mail address. The address may wrap after the @ (a <wbr>), which Chromium's accessible name
 * reads as a space there.
 */
function addressName(email: string): RegExp {
  const [local = '', domain = ''] = email.split('@');
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escape(local)}@\\s?${escape(domain)}`);
}

/** The emulated box keeps its API on another port and its files under a temp root: the Advanced settings. */
async function fillAdvanced(dialog: Locator, profile: BoxProfile): Promise<void> {
  await dialog.getByText('Advanced', { exact: true }).click();
  await dialog.getByLabel('Management API port').fill(String(profile.apiPort));
  await dialog.getByLabel('API key file').fill(profile.paths.apiKey);
  await dialog.getByLabel('Settings file').fill(profile.paths.conf);
  await dialog.getByLabel('Storage root').fill(profile.paths.storageRoot);
}

test('adds the box: host key confirmed, Mail-in-a-Box detected, saved, and its mail users listed', async ({
  page,
  testbedMode,
  bed,
}) => {
  const { profile } = bed;
  const dialog = await openAddServer(page, testbedMode.url);

  await dialog.getByLabel('Host', { exact: true }).fill(profile.host);
  await dialog.getByLabel('SSH port').fill(String(profile.port));
  await dialog.getByLabel('SSH user').fill(profile.user);
  await dialog.getByRole('radio', { name: 'Private key file' }).check();
  await dialog.getByLabel('Key file path').fill(profile.privateKeyPath);
  await fillAdvanced(dialog, profile);
  await dialog.getByRole('button', { name: 'Continue' }).click();

  // Step 2: the fingerprint shown is the one sshd really has, and nothing goes on until it is confirmed.
  await expect(dialog.getByTestId('presented-fingerprint')).toHaveText(profile.hostKeyFingerprint);
  await expect(dialog).toContainText('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
  await dialog.getByRole('button', { name: 'Trust and log in' }).click();
  await expect(dialog.getByText('Compare the fingerprint first')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Copy the fingerprint' })).toBeVisible();
  // The fingerprint from the provider's console, pasted: a wrong one stops, the right one ticks the box, however
  // it is written (no SHA256:, = padding, blanks around it).
  const verified = dialog.getByRole('checkbox', { name: 'I verified this fingerprint' });
  const pasted = dialog.getByLabel('Paste the fingerprint from the server’s console (optional)');
  await pasted.fill('SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await expect(dialog.getByText('That is not the fingerprint this server presents')).toBeVisible();
  await expect(pasted).toHaveAttribute('aria-invalid', 'true');
  await expect(verified).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Trust and log in' })).toHaveAttribute('aria-disabled', 'true');
  await pasted.press('Enter');
  await expect(dialog.getByTestId('presented-fingerprint')).toBeVisible();
  await expect(pasted).toBeFocused();
  await pasted.fill(`  ${profile.hostKeyFingerprint.replace('SHA256:', '')}=  `);
  await expect(verified).toBeChecked();
  await expect(dialog.getByText('It matches the fingerprint the server presents.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Trust and log in' }).click();

  // Steps 3 and 4: what was found, then the name.
  const found = dialog.getByRole('region', { name: 'What Boxfleet found' });
  await expect(found).toContainText('Found: Mail-in-a-Box (upstream)', { timeout: 30_000 });
  await expect(found).toContainText('v75');
  await expect(found).toContainText(bed.hostname);
  await expect(found).toContainText('Admin access');
  await expect(found).toContainText('Yes: Boxfleet can read the API key');
  const name = dialog.getByLabel('Name', { exact: true });
  await expect(name).toHaveValue(bed.hostname);
  await name.fill('testbed-one');
  await dialog.getByLabel('Tags').fill('e2e, lab');
  await dialog.getByRole('button', { name: 'Save box' }).click();

  await expect(dialog).toHaveCount(0);
  // Keyboard focus lands on the new box's heading, not on the page.
  const heading = page.getByRole('heading', { level: 1, name: 'testbed-one' });
  await expect(heading).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('testbed-one');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Fleet' }).click();
  const row = page.getByRole('table', { name: 'Boxes in your fleet' }).getByRole('row', { name: /testbed-one/ });
  await expect(row).toContainText(`${profile.user}@${profile.host}:${profile.port}`);
  await expect(row).toContainText('Mail-in-a-Box v75');
  await expect(row.getByRole('listitem')).toHaveText(['e2e', 'lab']);

  // The same server again (the host in other letters): the wizard says it is there, keeps what was typed, and
  // opens the box on request.
  await page.getByRole('button', { name: 'Add a server' }).click();
  const again = page.getByRole('dialog', { name: 'Add a server' });
  await again.getByLabel('Host', { exact: true }).fill(profile.host.toUpperCase());
  await again.getByLabel('SSH port').fill(String(profile.port));
  await again.getByLabel('SSH user').fill(profile.user);
  await again.getByLabel('Key file path').fill(profile.privateKeyPath);
  await again.getByRole('button', { name: 'Continue' }).click();
  const notice = again.getByRole('alert');
  await expect(notice).toContainText('This server is already in your fleet.');
  await expect(notice).toContainText('already in your fleet as testbed-one');
  await expect(again.getByLabel('Host', { exact: true })).toHaveValue(profile.host.toUpperCase());
  await expect(again.getByLabel('Key file path')).toHaveValue(profile.privateKeyPath);
  await notice.getByRole('button', { name: 'Open testbed-one' }).click();
  await expect(again).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'testbed-one' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Boxes in your fleet' })).toHaveCount(0);

  // The sidebar still offers the new box; its Mailboxes section lists the seeded users under their domains.
  await nav.getByRole('button', { name: 'Mailboxes' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Mail users' })).toBeVisible();
  const users = page.getByRole('table', { name: 'Mail users' });
  await expect(users.getByRole('columnheader', { name: /^box\.example\.com/ })).toBeVisible();
  await expect(users.getByRole('columnheader', { name: /^lists\.example\.org/ })).toBeVisible();
  const admin = users.getByRole('row', { name: addressName(BOX_ADMIN.email) });
  await expect(admin).toContainText('Active');
  await expect(admin).toContainText('Unlimited');
  await expect(admin.getByRole('listitem')).toHaveText('Admin');
  const [alice, bob] = SEEDED_USERS;
  await expect(users.getByRole('row', { name: addressName(alice.email) })).toContainText('500 MB');
  await expect(users.getByRole('row', { name: addressName(bob.email) })).toBeVisible();

  await page.getByRole('searchbox', { name: 'Filter mail users' }).fill('alice');
  await expect(page.getByRole('row', { name: addressName(alice.email) })).toBeVisible();
  await expect(page.getByRole('row', { name: addressName(bob.email) })).toHaveCount(0);
});

test('a key the box refuses shows the auth-failed guidance and keeps the form filled', async ({
  page,
  testbedMode,
  bed,
}) => {
  const { profile } = bed;
  const dialog = await openAddServer(page, testbedMode.url);

  // ~/.ssh/config fills the address and key; then point it at a key the box has never seen.
  await dialog.getByLabel('Import from ~/.ssh/config').selectOption(SSH_CONFIG_ALIAS);
  const host = dialog.getByLabel('Host', { exact: true });
  const keyPath = dialog.getByLabel('Key file path');
  await expect(host).toHaveValue(profile.host);
  await expect(dialog.getByLabel('SSH port')).toHaveValue(String(profile.port));
  await expect(dialog.getByLabel('SSH user')).toHaveValue(profile.user);
  await expect(keyPath).toHaveValue(profile.privateKeyPath);
  await keyPath.fill(bed.strangerKey.privateKeyPath);
  await fillAdvanced(dialog, profile);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('checkbox', { name: 'I verified this fingerprint' }).check();
  await dialog.getByRole('button', { name: 'Trust and log in' }).click();

  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Could not log in to the server. The box refused the login.', { timeout: 30_000 });
  await expect(alert).toContainText(`Check that ${bed.strangerKey.privateKeyPath} is the private key`);
  await expect(alert).toContainText(`~${profile.user}/.ssh/authorized_keys`);
  await expect(host).toHaveValue(profile.host);
  await expect(keyPath).toHaveValue(bed.strangerKey.privateKeyPath);
  await expect(dialog.getByLabel('API key file')).toHaveValue(profile.paths.apiKey);

  // A path that does not exist: said on the key field, in plain words, and not as a refused login.
  const missing = `${bed.strangerKey.privateKeyPath}.missing`;
  await keyPath.fill(missing);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  const keyError = dialog.locator('#add-key-path-error');
  await expect(keyError).toContainText(missing);
  await expect(keyError).not.toContainText('ENOENT');
  await expect(keyPath).toHaveAttribute('aria-invalid', 'true');
  await expect(keyPath).toHaveAttribute('aria-describedby', /add-key-path-error/);
  await expect(keyPath).toBeFocused();
  await expect(dialog.getByText('The box refused the login')).toHaveCount(0);
  await expect(keyPath).toHaveValue(missing);

  // The public half chosen as the key: refused at once, on the same field.
  await keyPath.fill(`${profile.privateKeyPath}.pub`);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(keyError).toContainText('public half');
  await expect(keyPath).toBeFocused();

  // Browser mode has no system dialog: Choose file… reads the file in the window, a .pub is refused, and the
  // private key logs in (sent once, as a pasted key would be).
  const upload = dialog.getByTestId('key-file-input');
  await upload.setInputFiles(`${profile.privateKeyPath}.pub`);
  const another = dialog.getByRole('button', { name: 'Choose another file…' });
  await expect(another).toHaveAttribute('aria-invalid', 'true');
  await expect(keyError).toContainText('public key');
  await upload.setInputFiles(profile.privateKeyPath);
  await expect(keyError).toHaveCount(0);
  await expect(dialog.getByText(basename(profile.privateKeyPath), { exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByLabel('Name', { exact: true })).toBeVisible({ timeout: 30_000 });

  // Esc cancels, and nothing was saved.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No boxes yet' })).toBeVisible();
});

test('the box overview tests the connection, renames the box and removes it, leaving the server alone', async ({
  page,
  testbedMode,
  bed,
}) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const { profile } = bed;
  const dialog = await openAddServer(page, testbedMode.url);

  // Focus starts in the form, and Tab stays inside the dialog.
  await expect(dialog.getByLabel('Host', { exact: true })).toBeFocused();
  await dialog.getByLabel('Import from ~/.ssh/config').selectOption(SSH_CONFIG_ALIAS);
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await fillAdvanced(dialog, profile);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('checkbox', { name: 'I verified this fingerprint' }).check();
  await dialog.getByRole('button', { name: 'Trust and log in' }).click();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue(SSH_CONFIG_ALIAS, { timeout: 30_000 });
  await dialog.getByLabel('Name', { exact: true }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: SSH_CONFIG_ALIAS })).toBeVisible();

  const actions = page.getByRole('group', { name: `Actions for ${SSH_CONFIG_ALIAS}` });
  await actions.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText(/^Connected in \d+ ms: Mail-in-a-Box \(upstream\) v75/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('main')).toContainText(profile.hostKeyFingerprint);

  await actions.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${SSH_CONFIG_ALIAS}` });
  await edit.getByLabel('Name').fill('bad name!');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByText('Box names use letters, digits')).toBeVisible();
  await edit.getByLabel('Name').fill('renamed-box');
  await edit.getByLabel('Tags').fill('eu');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'renamed-box' })).toBeVisible();

  await page.getByRole('group', { name: 'Actions for renamed-box' }).getByRole('button', { name: 'Remove' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove renamed-box from Boxfleet?' });
  await expect(remove).toContainText('deletes its saved login from the system keychain');
  await expect(remove).toContainText('The server itself is not touched');
  await expect(remove.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(remove).toHaveCount(0);
  await page.getByRole('group', { name: 'Actions for renamed-box' }).getByRole('button', { name: 'Remove' }).click();
  await remove.getByRole('button', { name: 'Remove renamed-box' }).click();
  await expect(page.getByRole('heading', { name: 'No boxes yet' })).toBeVisible();
  expect(problems).toEqual([]);
});
