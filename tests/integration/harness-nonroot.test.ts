/**
 * Without root the integration tier stops with one line instead of failing every test: its jest global setup,
 * run here for real as the unprivileged `nobody`.
 */
import path from 'node:path';
import { runCommand } from '../harness/run-command';
import { makeTempDir, removeTempDirs } from '../harness/temp';

jest.setTimeout(60_000);

afterAll(() => removeTempDirs());

test('as a non-root user the integration setup prints one line saying it needs root, and fails', async () => {
  const setup = path.join(__dirname, '..', 'harness', 'integration-setup.ts');
  // tsx caches its output in TMPDIR: give nobody a writable one that this run removes.
  const tmp = await makeTempDir('nonroot', 0o777);
  const result = await runCommand(
    'runuser',
    [
      '-u',
      'nobody',
      '--',
      'env',
      `TMPDIR=${tmp}`,
      process.execPath,
      '--import',
      'tsx',
      '-e',
      `require(${JSON.stringify(setup)})()`,
    ],
    { allowFailure: true },
  );
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^The integration tests need root .*`npm test` skips them for other users\.$/);
});
