// Two tiers: unit (pure, fast) and integration (real sshd, Secret Service, DNS, TLS and the box emulator).
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
  ],
  '^.+\\.m?js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
};
// otplib 13 depends on ESM-only @scure/@noble packages: let swc turn them into CommonJS for jest.
const transformIgnorePatterns = ['/node_modules/(?!(otplib|@otplib|@scure|@noble)/)'];
// Keeps jest's transform cache out of /tmp (a per-project option: the top level does not pass it on).
const cacheDirectory = '<rootDir>/node_modules/.cache/jest';

/** @type {import('jest').Config} */
module.exports = {
  // The run's temp files (TMPDIR points into one directory per run) and the test users and sudoers grants are
  // removed at the end; a killed run is cleaned up by the reaper (tests/harness/reaper.ts).
  globalSetup: '<rootDir>/tests/harness/global-setup.ts',
  globalTeardown: '<rootDir>/tests/harness/global-teardown.ts',
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      transform,
      transformIgnorePatterns,
      cacheDirectory,
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      transform,
      transformIgnorePatterns,
      cacheDirectory,
      testEnvironment: 'node',
      // Keeps one test file's keyring from pinning a stale D-Bus address for the next file in the same worker.
      setupFiles: ['<rootDir>/tests/harness/jest-setup.ts'],
      // Needs root: says so in one line and stops otherwise.
      globalSetup: '<rootDir>/tests/harness/integration-setup.ts',
      slowTestThreshold: 30,
    },
  ],
};
