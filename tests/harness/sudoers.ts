/**
 * Sudoers grants for the test users: each is exactly the line Boxfleet recommends to admins
 * (`sudoersLine` in src-shared), in its own file under /etc/sudoers.d, removed when the testbed box stops, at
 * the end of the run (`removeSudoersGrants`) or, if the run is killed, by the reaper.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { backupSudoersLine } from '../../src-main/health/probe-script';
import { apiKeyPathProblem, sudoersLine } from '../../src-shared/domain/api-key-access';
import { forgetReap, reapOnExit } from './reaper';
import { runCommand } from './run-command';

export const SUDOERS_DIR = '/etc/sudoers.d';
/** Every grant file is named `boxfleet-test-<pid>-<random>`; sudo reads only names without a dot. */
const PREFIX = 'boxfleet-test-';

export interface SudoersGrant {
  file: string;
  line: string;
  remove(): Promise<void>;
}

/** Lets `user` run `/usr/bin/cat <apiKeyPath>` as root without a password, and nothing else. */
export async function grantApiKeyRead(user: string, apiKeyPath: string): Promise<SudoersGrant> {
  const problem = apiKeyPathProblem(apiKeyPath);
  if (problem !== undefined) throw new Error(`cannot grant sudo for ${apiKeyPath}: ${problem}`);
  return grantLine(sudoersLine(user, apiKeyPath));
}

/**
 * Lets `user` list STORAGE_ROOT/backup/encrypted as root (`/usr/bin/ls -1 <dir>`): the one root-only field of the
 * health probe, with the line Boxfleet recommends for it.
 */
export function grantBackupList(user: string, storageRoot: string): Promise<SudoersGrant> {
  return grantLine(backupSudoersLine(user, storageRoot));
}

async function grantLine(line: string): Promise<SudoersGrant> {
  const file = path.join(SUDOERS_DIR, `${PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  // Staged next to the target under a name sudo ignores (it has a dot), checked by visudo, then renamed into place.
  const staged = `${file}.new`;
  reapOnExit('file', staged);
  reapOnExit('file', file);
  try {
    await fs.promises.writeFile(staged, `# Boxfleet test run, pid ${process.pid}: removed at teardown\n${line}\n`, {
      mode: 0o440,
    });
    await runCommand('visudo', ['-cq', '-f', staged]);
    await fs.promises.rename(staged, file);
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    forgetReap('file', file);
    throw err;
  } finally {
    await fs.promises.rm(staged, { force: true });
    forgetReap('file', staged);
  }
  return {
    file,
    line,
    async remove() {
      await fs.promises.rm(file, { force: true });
      forgetReap('file', file);
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes the grants of this process and of test processes that are gone (a Playwright worker, a killed run);
 * grants of live runs stay.
 */
export async function removeSudoersGrants(): Promise<void> {
  const names = await fs.promises.readdir(SUDOERS_DIR).catch(() => []);
  for (const name of names) {
    const match = /^boxfleet-test-(\d+)-[0-9a-f]+(\.new)?$/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || !alive(pid)) await fs.promises.rm(path.join(SUDOERS_DIR, name), { force: true });
  }
}

/**
 * The rules `sudo -l` lists for `user`, one string each with whitespace collapsed (sudo wraps long lines), e.g.
 * `(root) NOPASSWD: /usr/bin/cat /path/api.key`; empty when the user may not run sudo at all.
 */
export async function sudoRulesOf(user: string): Promise<string[]> {
  const { stdout } = await runCommand('sudo', ['-l', '-U', user]);
  const listed = stdout.split(/may run the following commands on [^:]*:/)[1];
  if (listed === undefined) return [];
  return listed
    .replace(/\s+/g, ' ')
    .trim()
    .split(/ (?=\()/)
    .filter((rule) => rule !== '');
}
