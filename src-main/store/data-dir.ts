import { chmod, mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Electron's userData for this app, so the CLI, browser mode and the desktop app share one fleet by default. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const name = 'Boxfleet';
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}

/** `--data-dir` wins, then BOXFLEET_DATA_DIR, then the platform default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.BOXFLEET_DATA_DIR) return resolve(env.BOXFLEET_DATA_DIR);
  return defaultDataDir(process.platform, env);
}

/** Why the data directory cannot be used, in words; thrown by `ensureDataDir`, printed as is by every face. */
export class DataDirError extends Error {}

function errnoOf(error: unknown): string | undefined {
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : undefined;
}

const CHOOSE_ANOTHER = 'Choose another with --data-dir DIR or BOXFLEET_DATA_DIR.';

/**
 * Makes the data directory exist as a folder only its owner can enter (0700), tightening one that already exists
 * with wider modes: the files in it say which servers exist and which host keys they are trusted with.
 */
export async function ensureDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'EEXIST' || code === 'ENOTDIR')
      throw new DataDirError(
        `The data directory ${dir} cannot be made: it, or a folder above it, is a file. ${CHOOSE_ANOTHER}`,
      );
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new DataDirError(`Boxfleet may not create the data directory ${dir}. ${CHOOSE_ANOTHER}`);
    throw error;
  }
  const info = await stat(dir);
  if (!info.isDirectory()) throw new DataDirError(`The data directory ${dir} is not a folder. ${CHOOSE_ANOTHER}`);
  if ((info.mode & 0o777) === 0o700) return;
  try {
    await chmod(dir, 0o700);
  } catch {
    throw new DataDirError(
      `The data directory ${dir} is open to other users (mode ${(info.mode & 0o777).toString(8)}) and Boxfleet may not ` +
        `change that. Run \`chmod 700 ${dir}\` as its owner, or ${CHOOSE_ANOTHER.charAt(0).toLowerCase()}${CHOOSE_ANOTHER.slice(1)}`,
    );
  }
}
