// Browser-mode end-to-end tests in Debian's Chromium. Never `npx playwright install`: it downloads browsers.
import { defineConfig } from '@playwright/test';

const config = defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e-artifacts',
  // One temp directory per run (TMPDIR points there, so Chromium profiles and data dirs land in it too); teardown
  // removes it, the test users and sudoers grants; the reaper does if the run is killed.
  globalSetup: './tests/harness/global-setup.ts',
  globalTeardown: './tests/harness/global-teardown.ts',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // scripts/test-all.mjs reads the JSON report for its summary line.
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    trace: 'retain-on-failure',
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
});

// Playwright reads the config from the module's default export; a CommonJS export keeps the named-exports lint rule.
export = config;
