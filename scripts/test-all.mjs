// `npm test`: typecheck, lint, then every test tier (unit, integration, browser e2e). Ends with one summary line,
// "N passed, N failed, N skipped", that CI reads. Exits non-zero if any step failed.
// The integration tier and the e2e specs that use a test bed need root (real sshd, OS test users, sudoers rules):
// for anyone else they are skipped, each tier saying so in one line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
const isRoot = process.getuid?.() === 0;
if (isRoot) {
  run('integration', bin('jest'), [
    '--selectProjects',
    'integration',
    '--runInBand',
    '--json',
    `--outputFile=${join(results, 'integration.json')}`,
  ]);
  countJest(join(results, 'integration.json'));
} else {
  console.log(
    '\n=== integration: skipped: it needs root (real sshd, OS test users, sudoers rules); run npm test as root',
  );
}

// The specs whose fixtures start a test bed (an emulated box behind a real sshd) are the ones that need root.
const e2eDir = join(root, 'tests', 'e2e');
const e2eSpecs = readdirSync(e2eDir).filter((name) => name.endsWith('.spec.ts'));
const needsRoot = e2eSpecs.filter((name) => readFileSync(join(e2eDir, name), 'utf8').includes('fixtures/testbed-mode'));
if (!isRoot && needsRoot.length > 0) {
  console.log(`\n=== e2e: skipped ${needsRoot.join(', ')}: they need root (a test bed with real sshd); the rest run`);
}
const e2eFiles = isRoot ? [] : e2eSpecs.filter((name) => !needsRoot.includes(name)).map((name) => `tests/e2e/${name}`);
// Playwright picks its transform cache folder before any config runs (os.tmpdir() by default): keep it beside jest's
// cache, so a run leaves nothing in /tmp.
run('e2e', bin('playwright'), ['test', ...e2eFiles], {
  PWTEST_CACHE_DIR: join(root, 'node_modules', '.cache', 'playwright'),
});
countPlaywright(join(results, 'e2e.json'));

console.log(failedSteps.length ? `\nFailed steps: ${failedSteps.join(', ')}` : '\nAll steps passed.');
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
