import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Locator, type Page, type TestInfo } from '@playwright/test';
import { startInstallMachine, type InstallMachine, type InstallMachineOptions } from '../harness/install-machine';
import { startKeyring, type Keyring } from '../harness/keyring';
import { removeTempDirs } from '../harness/temp';
import { startBrowserMode, type BrowserMode } from './fixtures/browser-mode';

/**
 * The install wizard end to end: Chromium drives browser mode, whose real install service logs in over SSH to a
 * "fresh VPS" (tests/harness/install-machine.ts: sshd in its own namespaces, /etc/os-release saying Ubuntu 22.04)
 * and runs the fake setup served as the bootstrap. Nothing is mocked between the page and that machine.
 */

interface WorkerFixtures {
  keyring: Keyring;
}

interface TestFixtures {
  /** How the test's machine is made (the options of startInstallMachine). */
  machineOptions: InstallMachineOptions;
  machine: InstallMachine;
  /** Starts browser mode on the test's data directory (again after a stop: an app restart); all stopped at the end. */
  serve: () => Promise<{ info: BrowserMode; stop: () => Promise<void> }>;
  installMode: BrowserMode;
}

const test = base.extend<TestFixtures, WorkerFixtures>({
  keyring: [
    // Playwright reads fixture dependencies from the destructuring pattern; this fixture needs none of its own.
    async ({ browserName: _browserName }, use) => {
      const keyring = await startKeyring();
      try {
        await use(keyring);
      } finally {
        await keyring.stop();
        await removeTempDirs();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  machineOptions: [{ pauseMs: 150 }, { option: true }],
  machine: async ({ machineOptions }, use) => {
    const machine = await startInstallMachine(machineOptions);
    try {
      await use(machine);
    } finally {
      await machine.stop();
    }
  },
  serve: async ({ keyring, machine }, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'boxfleet-e2e-install-'));
    const home = join(dir, 'home');
    await mkdir(home, { mode: 0o700 });
    await mkdir(join(dir, 'data'), { mode: 0o700 });
    const stops: Array<() => Promise<void>> = [];
    const serve = async () => {
      const server = await startBrowserMode(join(dir, 'data'), {
        env: {
          ...keyring.env,
          HOME: home,
          SSH_AUTH_SOCK: undefined,
          // The documented test-only settings: the bootstrap from the machine's local server, and port 25 probed
          // at a listener inside the machine (the bootstrap's own port) instead of aspmx.l.google.com.
          BOXFLEET_BOOTSTRAP_URL: machine.bootstrapUrl,
          BOXFLEET_SMTP_PROBE: '127.0.0.1:8780',
        },
      });
      stops.push(server.stop);
      return server;
    };
    try {
      await use(serve);
    } finally {
      for (const stop of stops) await stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
  installMode: async ({ serve }, use) => {
    await use((await serve()).info);
  },
});

const expect = test.expect;

/** Both themes at the narrowest supported width and a wide one, kept with the test's output. */
async function screenshots(page: Page, info: TestInfo, name: string): Promise<void> {
  for (const width of [900, 1920]) {
    await page.setViewportSize({ width, height: 1000 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: info.outputPath(`${name}-${width}-${colorScheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The Fleet's button opens the wizard; the connect step is the add-server form and host-key stop. */
async function connect(page: Page, url: string, machine: InstallMachine): Promise<Locator> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Install a new server' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Install a new server' })).toBeVisible();
  await expect(page).toHaveURL(/#\/install$/);
  const wizard = page.locator('.install-wizard');
  // Focus is left on the screen (not pulled into the form past the installs list); the next Tab reaches the form.
  await expect(page.locator('#main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(wizard.getByLabel('Host', { exact: true })).toBeFocused();
  await wizard.getByLabel('Host', { exact: true }).fill(machine.host);
  await wizard.getByLabel('SSH port').fill(String(machine.port));
  await wizard.getByLabel('SSH user').fill(machine.adminUser);
  await wizard.getByRole('radio', { name: 'Private key file' }).check();
  await wizard.getByLabel('Key file path').fill(machine.clientKey.privateKeyPath);
  await wizard.getByRole('button', { name: 'Continue' }).click();
  await expect(wizard.getByTestId('presented-fingerprint')).toHaveText(machine.hostKeyFingerprint);
  await wizard.getByRole('checkbox', { name: 'I verified this fingerprint' }).check();
  await wizard.getByRole('button', { name: 'Trust and log in' }).click();
  await expect(wizard.getByRole('list', { name: 'Preflight checks' })).toBeVisible({ timeout: 30_000 });
  return wizard;
}

async function answer(wizard: Locator): Promise<string> {
  await wizard.getByRole('button', { name: 'Continue' }).click();
  await expect(wizard.getByRole('form', { name: 'Answers for setup' })).toBeVisible();
  await wizard.getByLabel('Primary hostname').fill('box.example.com');
  await wizard.getByLabel('Admin email').fill('me@example.com');
  await wizard.getByRole('button', { name: 'Generate' }).click();
  const password = await wizard.getByLabel('Admin password').inputValue();
  expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
  await expect(wizard.getByText(/^Strength: Very strong/)).toBeVisible();
  // The address preflight found is offered; the machine's own is a private one, so a public one is typed.
  await wizard.getByLabel('Public IPv4 address').fill('203.0.113.10');
  await wizard.getByLabel('Public IPv6 address').fill('');
  await wizard.getByLabel('Box name').fill('fresh-box');
  await wizard.getByLabel('Tags').fill('e2e, new');
  return password;
}

test('installs Mail-in-a-Box on a fresh server: connect, checks, answers, progress, and the box in the fleet', async ({
  page,
  installMode,
  machine,
}, info) => {
  test.setTimeout(240_000);
  const wizard = await connect(page, installMode.url, machine);
  const checks = wizard.getByRole('list', { name: 'Preflight checks' });
  await expect(checks.getByRole('listitem').filter({ hasText: 'Operating system' })).toContainText('Pass');
  await expect(checks).toContainText('Ubuntu 22.04');
  await expect(wizard.getByRole('button', { name: 'Continue' })).not.toHaveAttribute('aria-disabled');
  await screenshots(page, info, 'install-preflight');

  const password = await answer(wizard);
  // A refusal keeps everything typed: a hostname setup would refuse is pointed at, and nothing else changes.
  await wizard.getByLabel('Primary hostname').fill('localhost');
  await wizard.getByRole('button', { name: 'Install Mail-in-a-Box' }).click();
  await expect(wizard.getByLabel('Primary hostname')).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.getByLabel('Primary hostname')).toBeFocused();
  await expect(wizard.getByLabel('Admin password')).toHaveValue(password);
  await screenshots(page, info, 'install-answers-refused');
  await wizard.getByLabel('Primary hostname').fill('box.example.com');
  // The DNS hints for the name chosen: shown beside the answers, holding nothing back.
  await wizard.getByRole('button', { name: 'Check its DNS' }).click();
  const hints = wizard.getByRole('list', { name: 'DNS of box.example.com' });
  await expect(hints.getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });
  await expect(hints).toContainText('Hostname points to this server');
  await wizard.getByRole('button', { name: 'Install Mail-in-a-Box' }).click();

  // The install's own screen: steps, a progress bar, elapsed time and the live log, as text.
  await expect(page).toHaveURL(/#\/install\/inst-[a-z0-9]+$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: `Install on ${machine.host}` })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Setup progress' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Setup steps' })).toContainText('Postfix');
  await expect(page.getByRole('log', { name: 'Setup log' })).toContainText('Installing', { timeout: 60_000 });
  await screenshots(page, info, 'install-running');
  // The Activity panel lists the install job too.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /^Activity/ })
    .click();
  const jobs = page
    .getByRole('complementary', { name: 'Activity' })
    .getByRole('list', { name: 'Running and recent jobs' });
  await expect(jobs).toContainText(/install/i);
  await page.keyboard.press('Escape');

  const done = page.getByRole('status').filter({ hasText: 'Mail-in-a-Box is running on box.example.com.' });
  await expect(done).toBeVisible({ timeout: 180_000 });
  await expect(done).toContainText('fresh-box is in your fleet.');
  await expect(page.getByRole('list', { name: 'Nameservers' })).toHaveText(/ns1\.box\.example\.com/);
  await expect(page.getByRole('table', { name: 'Glue records' })).toContainText('ns2.box.example.com');
  await expect(page.getByRole('table', { name: 'Reverse DNS' })).toContainText('box.example.com');
  await expect(page.getByRole('heading', { name: 'TLS certificate fingerprint' })).toBeVisible();
  const dnsLink = page.getByRole('link', { name: 'Check DNS of box.example.com' });
  await expect(dnsLink).toHaveAttribute('href', /^#\/box\/[^/]+\/dns\/check$/);
  // The admin password is on no screen and in no log line the app shows.
  await expect(page.locator('body')).not.toContainText(password);
  await screenshots(page, info, 'install-done');
  await done.getByRole('button', { name: 'Open fresh-box' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'fresh-box' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Fleet' }).click();
  const row = page.getByRole('table', { name: 'Boxes in your fleet' }).getByRole('row', { name: /fresh-box/ });
  await expect(row).toContainText(`${machine.adminUser}@${machine.host}`);
  await expect(row.getByRole('listitem')).toHaveText(['e2e', 'new']);

  // Re-run setup on the new box from its actions: warned first, then the same progress screen to the end.
  await row.getByRole('button', { name: 'fresh-box' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'fresh-box' })).toBeVisible();
  await page.getByRole('button', { name: 'Re-run setup or upgrade…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Re-run setup or upgrade fresh-box?' });
  await expect(confirm).toContainText('management daemon restarts and its API key rotates');
  await screenshots(page, info, 'install-rerun-confirm');
  await confirm.getByRole('button', { name: 'Re-run setup' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Setup re-run on fresh-box' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Setup finished on box.example.com.' })).toBeVisible({
    timeout: 180_000,
  });
});

test('an install survives an app restart: the wizard lists it with Attach, and attaching follows it to the end', async ({
  page,
  serve,
  machine,
}, info) => {
  test.setTimeout(240_000);
  const first = await serve();
  await machine.setScenario({ kind: 'hold', at: 'Installing Nginx (web server)...' });
  const wizard = await connect(page, first.info.url, machine);
  await answer(wizard);
  await wizard.getByRole('button', { name: 'Install Mail-in-a-Box' }).click();
  await expect(page).toHaveURL(/#\/install\/inst-[a-z0-9]+$/, { timeout: 30_000 });
  await machine.waitForStep('Installing Nginx (web server)...');
  await expect(page.getByRole('log', { name: 'Setup log' })).toContainText('Installing Nginx', { timeout: 60_000 });

  // The app goes away while setup runs on; a new one starts on the same data directory.
  await first.stop();
  const second = await serve();
  await page.goto(`${second.info.url}#/install`);
  const installs = page.getByRole('list', { name: 'Installs' });
  const attach = installs.getByRole('button', { name: `Attach to Install on ${machine.host}` });
  await expect(attach).toBeVisible();
  await screenshots(page, info, 'install-attach');
  // The Activity panel offers the same Attach; attaching there opens the install and lists its job.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /^Activity/ })
    .click();
  const panel = page.getByRole('complementary', { name: 'Activity' });
  const waiting = panel.getByRole('region', { name: 'Installs not followed' });
  await expect(waiting).toContainText('box.example.com');
  await waiting.getByRole('button', { name: `Attach to Install on ${machine.host}` }).click();
  await expect(page).toHaveURL(/#\/install\/inst-[a-z0-9]+$/);
  await expect(panel.getByRole('list', { name: 'Running and recent jobs' })).toContainText(/install/i);
  await expect(waiting).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('log', { name: 'Setup log' })).toContainText('Installing Nginx', { timeout: 60_000 });
  await machine.release();
  const done = page.getByRole('status').filter({ hasText: 'Mail-in-a-Box is running on box.example.com.' });
  await expect(done).toBeVisible({ timeout: 180_000 });
  await expect(done).toContainText('fresh-box is in your fleet.');
});

test.describe('a machine whose /tmp is mounted noexec', () => {
  test.use({ machineOptions: { noexecTmp: true } });

  test('a failing preflight check holds the install back and says what to do', async ({
    page,
    installMode,
    machine,
  }, info) => {
    const wizard = await connect(page, installMode.url, machine);
    const failed = wizard
      .getByRole('list', { name: 'Preflight checks' })
      .getByRole('listitem')
      .filter({ hasText: '/tmp allows running programs' });
    await expect(failed).toContainText('Fail');
    await expect(failed).toContainText('What to do:');
    await expect(wizard.getByText(/check(s)? failed: fix/)).toBeVisible();
    const next = wizard.getByRole('button', { name: 'Continue' });
    await expect(next).toHaveAttribute('aria-disabled', 'true');
    // By keyboard, as by mouse: the refusal holds, nothing moves on.
    await next.focus();
    await page.keyboard.press('Enter');
    await expect(wizard.getByRole('form', { name: 'Answers for setup' })).toHaveCount(0);
    await screenshots(page, info, 'install-preflight-failed');
  });
});

test('setup failing midway shows the failing step, the last log lines and a next step', async ({
  page,
  installMode,
  machine,
}, info) => {
  test.setTimeout(180_000);
  await machine.setScenario({ kind: 'fail', at: 'Installing Postfix (SMTP server)...' });
  const wizard = await connect(page, installMode.url, machine);
  await answer(wizard);
  await wizard.getByRole('button', { name: 'Install Mail-in-a-Box' }).click();
  const failure = page.getByRole('alert').filter({ hasText: 'Setup failed' });
  await expect(failure).toBeVisible({ timeout: 120_000 });
  await expect(failure).toContainText('Postfix');
  await expect(failure).toContainText('Next step:');
  // The box's last lines beside the message, and the whole tail below, as text.
  await expect(failure.getByLabel('Last lines of the log')).toContainText('FAILED:');
  await expect(page.getByRole('log', { name: 'Setup log' })).toContainText('Installing Postfix (SMTP server)...');
  await expect(page.getByTestId('install-state')).toHaveText('Failed');
  await screenshots(page, info, 'install-failed');
  // The install list offers it to look at again or to forget; nothing was added to the fleet.
  await page.getByRole('button', { name: 'All installs' }).click();
  await expect(page.getByRole('list', { name: 'Installs' })).toContainText('Failed');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Fleet' }).click();
  await expect(page.getByRole('heading', { name: 'No boxes yet' })).toBeVisible();
});
