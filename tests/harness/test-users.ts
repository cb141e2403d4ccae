/**
 * The OS accounts the integration tests log in as. Both exist on the real machine (we run as root), are
 * created idempotently, and are safe to share between parallel test processes: creation runs under flock.
 *
 * - `bfadmin`: passwordless sudo, but only for `cat` (enough to read the root-only API key, as on a box).
 * - `bfnosudo`: sudo needs a password, so `sudo -n cat` fails with "a password is required".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from './run-command';

export type TestUser = 'bfadmin' | 'bfnosudo';
export const TEST_USERS: readonly TestUser[] = ['bfadmin', 'bfnosudo'];

/**
 * The login and sudo password of both test users. Fixed (not random per run) because parallel test processes
 * share the accounts; the accounts only ever accept logins through the harness's loopback/namespace sshd.
 */
export const TEST_USER_PASSWORD = process.env.BOXFLEET_TEST_PASSWORD ?? 'bf-Test-Passw0rd-2741';

export const SUDOERS_PATH = '/etc/sudoers.d/boxfleet-test';

const SUDOERS = `# Managed by tests/harness/test-users.ts (Boxfleet integration tests).
bfadmin ALL=(root) NOPASSWD: /usr/bin/cat, /bin/cat
bfnosudo ALL=(root) /usr/bin/cat, /bin/cat
`;

// A password from chpasswd also unlocks the account: with UsePAM no, sshd refuses a locked ('!') account
// even for key logins, so this covers both key and password auth.
const ENSURE_SCRIPT = `
set -eu
for u in bfadmin bfnosudo; do
  if ! id -u "$u" >/dev/null 2>&1; then useradd --create-home --shell /bin/bash "$u"; fi
  if [ "$(getent passwd "$u" | cut -d: -f7)" != /bin/bash ]; then usermod --shell /bin/bash "$u"; fi
  printf '%s:%s\\n' "$u" "$BF_PASSWORD" | chpasswd
  home="$(getent passwd "$u" | cut -d: -f6)"
  install -d -m 700 -o "$u" -g "$u" "$home/.ssh"
  if [ ! -f "$home/.ssh/authorized_keys" ]; then install -m 600 -o "$u" -g "$u" /dev/null "$home/.ssh/authorized_keys"; fi
done
if ! cmp -s "$BF_SUDOERS_TMP" "$BF_SUDOERS"; then
  visudo -cq -f "$BF_SUDOERS_TMP"
  install -m 440 -o root -g root "$BF_SUDOERS_TMP" "$BF_SUDOERS"
fi
`;

let ensured: Promise<void> | undefined;

/** Creates or repairs both test users and the sudoers rule. Runs once per process; cheap afterwards. */
export function ensureTestUsers(): Promise<void> {
  ensured ??= doEnsure().catch((err: unknown) => {
    ensured = undefined;
    throw err;
  });
  return ensured;
}

async function doEnsure(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('the integration harness must run as root to manage test users');
  const staged = path.join(os.tmpdir(), `boxfleet-sudoers-${process.pid}.tmp`);
  await fs.promises.writeFile(staged, SUDOERS, { mode: 0o600 });
  try {
    await runCommand('flock', ['/run/lock/boxfleet-test-users.lock', 'bash', '-c', ENSURE_SCRIPT], {
      env: { ...process.env, BF_PASSWORD: TEST_USER_PASSWORD, BF_SUDOERS: SUDOERS_PATH, BF_SUDOERS_TMP: staged },
    });
  } finally {
    await fs.promises.rm(staged, { force: true });
  }
}

export interface UserInfo {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/** Looks a user up in the system database (getent), throwing if it does not exist. */
export async function userInfo(user: string): Promise<UserInfo> {
  const { stdout } = await runCommand('getent', ['passwd', user]);
  const [name, , uid, gid, , home] = stdout.trim().split(':');
  if (name === undefined || uid === undefined || gid === undefined || home === undefined) {
    throw new Error(`unexpected getent output for ${user}: ${stdout}`);
  }
  return { name, uid: Number(uid), gid: Number(gid), home };
}

async function authorizedKeysPath(user: TestUser): Promise<{ file: string; info: UserInfo }> {
  await ensureTestUsers();
  const info = await userInfo(user);
  return { file: path.join(info.home, '.ssh', 'authorized_keys'), info };
}

/**
 * Appends a key to ~user/.ssh/authorized_keys. Every harness sshd also reads its own per-instance file
 * (`SshdInstance.authorizeKey`), which is what parallel tests should prefer: this file is shared.
 */
export async function authorizeKey(user: TestUser, publicKeyLine: string): Promise<void> {
  const { file, info } = await authorizedKeysPath(user);
  const line = publicKeyLine.trim();
  if (line.includes('\n') || line === '') throw new Error('authorizeKey takes exactly one public key line');
  await fs.promises.appendFile(file, line + '\n', { mode: 0o600 });
  await fs.promises.chown(file, info.uid, info.gid);
}

/** Empties ~user/.ssh/authorized_keys. */
export async function resetAuthorizedKeys(user: TestUser): Promise<void> {
  const { file, info } = await authorizedKeysPath(user);
  await fs.promises.writeFile(file, '', { mode: 0o600 });
  await fs.promises.chown(file, info.uid, info.gid);
}
