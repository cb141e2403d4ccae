import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { ExecOptions, ExecResult } from '../ssh/types';
import { envCommand, prepareCommand, removeEnvCommand, RUNNER_SCRIPT, startCommand } from './box-scripts';

export interface LaunchSsh {
  exec(targetId: string, command: string, options?: ExecOptions): Promise<Result<ExecResult>>;
}

const SUDO_REFUSED =
  /a password is required|a terminal is required|not in the sudoers|may not run sudo|not allowed to/i;

async function step(
  ssh: LaunchSsh,
  targetId: string,
  what: string,
  command: string,
  stdin?: string,
): Promise<Result<string>> {
  const ran = await ssh.exec(targetId, command, {
    timeoutMs: 30_000,
    maxOutputBytes: 64 * 1024,
    ...(stdin === undefined ? {} : { stdin }),
  });
  if (!ran.ok) return ran;
  if (ran.value.code === 0) return ok(ran.value.stdout.trim());
  const stderr = ran.value.stderr.trim().slice(0, 1000);
  if (SUDO_REFUSED.test(stderr))
    return fail(
      'needs-sudo',
      `Setup must run as root: log in as root, or allow this user passwordless sudo (${what} was refused).`,
      {
        retryable: false,
        detail: { stderr },
      },
    );
  return fail(
    'internal',
    `Could not ${what} on the server: ${stderr || `exit status ${ran.value.code ?? 'unknown'}`}`,
    {
      retryable: false,
      detail: { stderr },
    },
  );
}

/**
 * Puts an install on the box and starts it: the directory and runner, then the env file through stdin (the one
 * place the password travels), then the detached start. A start that fails removes the env file again.
 */
export async function launchOnBox(
  ssh: LaunchSsh,
  targetId: string,
  installId: string,
  env: string,
): Promise<Result<string>> {
  const prepared = await step(ssh, targetId, 'prepare the install directory', prepareCommand(installId), RUNNER_SCRIPT);
  if (!prepared.ok) return prepared;
  const wrote = await step(ssh, targetId, "write setup's settings", envCommand(installId), env);
  if (!wrote.ok) {
    await ssh.exec(targetId, removeEnvCommand(installId), { timeoutMs: 15_000 });
    return wrote;
  }
  const started = await step(ssh, targetId, 'start setup', startCommand(installId));
  if (!started.ok) {
    await ssh.exec(targetId, removeEnvCommand(installId), { timeoutMs: 15_000 });
    return started;
  }
  return ok(started.value);
}
