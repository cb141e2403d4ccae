// `npm test`: typecheck, lint, then every test tier (unit, integration, browser e2e). Ends with one summary line,
// "N passed, N failed, N skipped", that CI reads. Exits non-zero if any step failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function run(name, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${seconds}s`);
  if (r.status !== 0) failedSteps.push(name);
  return r.status === 0;
}

function countJest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += stats.expected + (stats.flaky ?? 0);
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
if (!existsSync(join(root, 'build', 'renderer', 'index.html'))) run('build', 'node', ['scripts/build.mjs']);
run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npm', ['run', '--silent', 'lint']);
run('unit', bin('jest'), ['--selectProjects', 'unit', '--json', `--outputFile=${join(results, 'unit.json')}`]);
countJest(join(results, 'unit.json'));
run('integration', bin('jest'), [
  '--selectProjects',
  'integration',
  '--runInBand',
  '--json',
  `--outputFile=${join(results, 'integration.json')}`,
]);
countJest(join(results, 'integration.json'));
run('e2e', bin('playwright'), ['test']);
countPlaywright(join(results, 'e2e.json'));

console.log(failedSteps.length ? `\nFailed steps: ${failedSteps.join(', ')}` : '\nAll steps passed.');
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
