// `npm start`: opens the desktop app with the Electron program that `npm install` downloaded. Electron's own launcher
// downloads the program when it is missing and, offline or on an older Node, dies with two stack traces; this one only
// looks (the same way node_modules/electron/index.js resolves its path), and when the program is missing says once
// what is missing, how to get it, and that browser mode works meanwhile. Signals and the exit code pass through.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
/** Electron's installer (node_modules/electron/install.js) declares this in its package.json "engines". */
const INSTALLER_NODE = [22, 12];

function nodeIsRecentEnough() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > INSTALLER_NODE[0] || (major === INSTALLER_NODE[0] && minor >= INSTALLER_NODE[1]);
}

function electronVersion() {
  try {
    return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Where index.js would find the program, without its fallback of downloading it: path.txt names it inside dist/. */
function electronProgram() {
  const pathFile = join(electronDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return join(override, name || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
  return name ? join(electronDir, 'dist', name) : undefined;
}

function missingMessage(version, program) {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const what = version
    ? `Electron ${version} (the program it runs in) is not installed` +
      (override
        ? ` (ELECTRON_OVERRIDE_DIST_PATH=${override} has no ${program ? relative(override, program) : 'electron'}).`
        : '.')
    : 'The npm packages are not installed (node_modules/electron is missing).';
  const steps = [];
  if (!nodeIsRecentEnough()) {
    steps.push(
      `Electron's installer needs Node.js ${INSTALLER_NODE.join('.')} or newer (this is ${process.versions.node}): ` +
        'install a newer Node.js first.',
    );
  }
  steps.push(
    version
      ? 'With network access, download it: node node_modules/electron/install.js (or npm install again).'
      : 'With network access, run: npm install',
  );
  steps.push(
    `Already have Electron${version ? ` ${version}` : ''} on this machine? Point at its folder:\n` +
      '      ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-folder npm start',
  );
  return [
    `Boxfleet cannot open the desktop app: ${what}`,
    ...steps.map((step) => `  - ${step}`),
    'Meanwhile the same app runs in a browser without Electron: npx boxfleet serve',
    '',
  ].join('\n');
}

const program = electronProgram();
if (!program || !existsSync(program)) {
  process.stderr.write(missingMessage(electronVersion(), program));
  process.exit(1);
}

const child = spawn(program, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', windowsHide: false });
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const signal of forwarded) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  process.stderr.write(`Boxfleet cannot start Electron at ${program}: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so whoever started `npm start` sees how the app ended.
    for (const s of forwarded) process.removeAllListeners(s);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
