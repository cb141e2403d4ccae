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
