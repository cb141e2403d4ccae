/**
 * How a non-root login reads the box's root-only API key, and the one sudoers line an admin grants for it.
 *
 * The client runs `sudo -n /usr/bin/cat PATH` and recommends `USER ALL=(root) NOPASSWD: /usr/bin/cat PATH`: sudo
 * compares the command and its arguments with the rule exactly, so both are built here from the same parts.
 * Pure: shared by main (the command, the error text) and the renderer (the guidance text).
 */

/** The cat sudo is asked to run; absolute, because the sudoers rule names it absolutely. */
export const SUDO_CAT = '/usr/bin/cat';

/**
 * Characters a key path may use. Anything else either changes what a sudoers rule means (`*?[]` are wildcards,
 * `,:=\` and whitespace are syntax) or needs shell quoting that an admin would copy into the rule wrongly.
 */
const SAFE_PATH = /^\/[A-Za-z0-9._+/-]*$/;
const MAX_PATH = 1024;

/** Why `path` cannot be read through the recommended sudoers rule, or undefined when it can. */
export function apiKeyPathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'The API key path must be absolute (start with /).';
  if (path.length > MAX_PATH) return `The API key path is longer than ${MAX_PATH} characters.`;
  if (!SAFE_PATH.test(path)) {
    return 'The API key path may use only letters, digits and . _ + - / (no spaces, quotes, wildcards or shell characters), so the sudoers rule can name it exactly.';
  }
  if (path.split('/').some((part) => part === '..')) return 'The API key path must not contain "..".';
  return undefined;
}

/** The one sudoers line that lets `user` read the key at `path` as root without a password, and nothing else. */
export function sudoersLine(user: string, path: string): string {
  return `${user} ALL=(root) NOPASSWD: ${SUDO_CAT} ${path}`;
}
