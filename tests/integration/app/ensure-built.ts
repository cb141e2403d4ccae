import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { builtPaths } from '../../../src-main/app/app-paths';

const execFileAsync = promisify(execFile);
export const projectRoot = path.resolve(__dirname, '..', '..', '..');
export const builtMainJs = path.join(projectRoot, 'build', 'main', 'src-main', 'app', 'main.js');

/** Runs a command; on failure the error carries its output, so a broken build explains itself. */
export async function run(
  file: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(file, args, { ...options, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** The tests below read build/ as `npm run build` leaves it; build once if a piece is missing. */
export async function ensureBuilt(): Promise<void> {
  const built = builtPaths(path.dirname(builtMainJs));
  if ([builtMainJs, built.preload, path.join(built.renderer, 'index.html')].every((f) => existsSync(f))) return;
  await run(process.execPath, [path.join(projectRoot, 'scripts', 'build.mjs')], { cwd: projectRoot });
}
