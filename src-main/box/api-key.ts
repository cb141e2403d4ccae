import { fail, ok, type Result } from '../../src-shared/contract/result';
import { apiKeyPathProblem, SUDO_CAT, sudoersLine } from '../../src-shared/domain/api-key-access';
import { shellQuote } from '../ssh/key-pairs';
import type { ExecOptions, ExecResult } from '../ssh/types';

/** What reading the key needs from the SSH pool. */
export interface BoxExec {
  exec(boxId: string, command: string, options?: ExecOptions): Promise<Result<ExecResult>>;
}

/**
 * The key file is root-only (§2.2): root reads it directly. Anyone else reads it directly too when they can (a
 * group-readable key), and otherwise through passwordless sudo, in the exact form the recommended sudoers line
 * allows (`sudo -n /usr/bin/cat PATH`: no `--`, absolute cat; sudo sees argv, so the shell quotes do not matter).
 * A path the rule could not name exactly is refused before anything runs on the box.
 */
export function apiKeyCommand(user: string, path: string): Result<string> {
  const problem = apiKeyPathProblem(path);
  if (problem !== undefined) return fail('validation', problem, { retryable: false, detail: { path } });
  const quoted = shellQuote(path);
  if (user === 'root') return ok(`cat ${quoted}`);
  return ok(`if [ -r ${quoted} ]; then cat ${quoted}; else sudo -n ${SUDO_CAT} ${quoted}; fi`);
}

const SUDO_REFUSED =
  /a password is required|a terminal is required|askpass|is not in the sudoers file|not allowed to (execute|run)|may not run sudo|sudo: command not found|sudo: not found/i;

/** Reads the box's system API key over SSH. */
export async function readApiKey(
  ssh: BoxExec,
  boxId: string,
  login: { user: string; path: string },
): Promise<Result<string>> {
  const command = apiKeyCommand(login.user, login.path);
  if (!command.ok) return command;
  const ran = await ssh.exec(boxId, command.value, { timeoutMs: 15_000, maxOutputBytes: 4096 });
  if (!ran.ok) return ran;
  const { code, stdout, stderr } = ran.value;
  if (code !== 0) {
    if (login.user !== 'root' && SUDO_REFUSED.test(stderr)) {
      return fail(
        'needs-sudo',
        `${login.user} cannot read ${login.path} without a sudo password. Allow passwordless sudo for that one file ` +
          `(the sudoers line "${sudoersLine(login.user, login.path)}", written with visudo), or log in as root.`,
        { retryable: false, detail: { user: login.user, path: login.path, stderr: stderr.trim() } },
      );
    }
    if (/No such file or directory/i.test(stderr)) {
      return fail(
        'not-a-box',
        `${login.path} does not exist on this machine: Mail-in-a-Box is not installed there (or not finished setting up).`,
        {
          retryable: false,
          detail: { path: login.path },
        },
      );
    }
    if (/Permission denied/i.test(stderr)) {
      return fail(
        'needs-sudo',
        `${login.user} may not read ${login.path}. Log in as root, or allow passwordless sudo for that file ` +
          `(the sudoers line "${sudoersLine(login.user, login.path)}", written with visudo).`,
        {
          retryable: false,
          detail: { user: login.user, path: login.path, stderr: stderr.trim() },
        },
      );
    }
    return fail('box-api-error', `Reading the API key failed (exit ${code ?? 'signal'}): ${stderr.trim()}`, {
      retryable: false,
      detail: { stderr: stderr.trim() },
    });
  }
  const key = stdout.trim();
  // §2.2: 32 hex characters. Checked so a stray sudo lecture or banner never ends up in an Authorization header.
  if (!/^[0-9A-Za-z]{16,128}$/.test(key)) {
    return fail('not-a-box', `${login.path} does not hold a Mail-in-a-Box API key.`, {
      retryable: false,
      detail: { path: login.path },
    });
  }
  return ok(key);
}
