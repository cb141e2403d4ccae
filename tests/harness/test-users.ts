/**
 * The OS accounts the integration tests log in as. Created on first use (we run as root), deleted at the end of
 * the run (`releaseTestUsers`, called by the jest and Playwright global teardowns) or, if the run is killed, by
 * the reaper. Overlapping runs share them through leases (user-lease.ts): the last run out deletes them.
 *
 * - `bfadmin`: passwordless sudo only for `/usr/bin/cat <api.key>` of each emulated box the run starts
 *   (sudoers.ts, one grant per box): the rule Boxfleet recommends to admins, and nothing broader.
 * - `bfnosudo`: no sudoers rule at all, so `sudo -n` is refused.
 *
 * Their password is random for each generation of the accounts (node:crypto), never fixed.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { forgetReap, reapOnExit } from './reaper';
import { runCommand } from './run-command';
import { ENSURE_USERS_SCRIPT, RELEASE_USERS_FUNCTION, USER_LOCK_FILE } from './user-lease';

export type TestUser = 'bfadmin' | 'bfnosudo';
export const TEST_USERS: readonly TestUser[] = ['bfadmin', 'bfnosudo'];

/**
 * The login password of both test users, known once `ensureTestUsers()` has run (every harness entry point that
 * starts an sshd or a testbed calls it first). A live binding: read it at test time, not at module load.
 */
export let TEST_USER_PASSWORD = '';

/** The test users' password; throws if no harness call has created the users yet. */
export function testUserPassword(): string {
  if (TEST_USER_PASSWORD === '') throw new Error('the test users do not exist yet: call ensureTestUsers() first');
  return TEST_USER_PASSWORD;
}

let ensured: Promise<void> | undefined;

/** Creates or repairs both test users and takes this process's lease on them. Runs once per module instance. */
export function ensureTestUsers(): Promise<void> {
  ensured ??= doEnsure().catch((err: unknown) => {
    ensured = undefined;
    throw err;
  });
  return ensured;
}

async function doEnsure(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('the integration harness must run as root to manage test users');
  // The reaper learns about the lease before it exists: if this process dies mid-way, the lease is still released.
  for (const user of TEST_USERS) reapOnExit('user', user);
  const { stdout } = await runCommand('flock', [USER_LOCK_FILE, 'bash', '-c', ENSURE_USERS_SCRIPT], {
    env: {
      ...process.env,
      BF_OWNER: String(process.pid),
      BF_USERS: TEST_USERS.join(' '),
      BF_PASSWORD: randomBytes(18).toString('base64url'),
    },
  });
  if (stdout.length < 16) throw new Error('the test users got no usable password');
  TEST_USER_PASSWORD = stdout;
}

/**
 * Drops this process's lease; when no other live run holds one, deletes the users and their homes. Safe to call
 * when this process never took a lease (it then only clears leases of dead processes).
 */
export async function releaseTestUsers(): Promise<void> {
  if (process.getuid?.() !== 0) return;
  await runCommand('bash', [
    '-c',
    `${RELEASE_USERS_FUNCTION}\nrelease_users "$@"`,
    'release',
    String(process.pid),
    ...TEST_USERS,
  ]);
  for (const user of TEST_USERS) forgetReap('user', user);
  ensured = undefined;
  TEST_USER_PASSWORD = '';
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
