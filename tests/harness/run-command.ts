import { execFile } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Resolve with the result even when the exit code is not 0 (default: reject). */
  allowFailure?: boolean;
}

/** Runs a short command to completion and collects its output; rejects with the output when it fails. */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { env: options.env ?? process.env, timeout: options.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        const result = { code, stdout, stderr };
        if (err !== null && !options.allowFailure) {
          reject(new Error(`${command} ${args.join(' ')} failed (${err.message.split('\n')[0]}):\n${stderr}${stdout}`));
        } else {
          resolve(result);
        }
      },
    );
    // An open stdin would make tools that read it (chpasswd, secret-tool) wait forever.
    child.stdin?.on('error', () => undefined); // EPIPE when the command exits without reading: not our failure
    child.stdin?.end(options.input ?? '');
  });
}
