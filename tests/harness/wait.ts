import net from 'node:net';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined, or throws `describe()` after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  describe: () => string,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await sleep(intervalMs);
  }
}

/**
 * Connects once and resolves with the first line the server sends (or '' if it closes without one).
 * Rejects on connection errors, so callers can poll with it.
 */
export function readBanner(host: string, port: number, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let data = '';
    const done = (err: Error | null, line?: string): void => {
      socket.destroy();
      if (err) reject(err);
      else resolve(line ?? '');
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no banner from ${host}:${port} within ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      const eol = data.indexOf('\n');
      if (eol >= 0) done(null, data.slice(0, eol).replace(/\r$/, ''));
    });
    socket.on('end', () => done(null, data));
    socket.on('error', (err) => done(err));
  });
}

/** Waits until an SSH server on host:port sends its `SSH-2.0-` identification line. */
export async function waitForSshBanner(host: string, port: number, timeoutMs = 10_000): Promise<string> {
  let lastError = 'no attempt yet';
  return waitFor(
    async () => {
      try {
        const line = await readBanner(host, port);
        if (line.startsWith('SSH-2.0-')) return line;
        lastError = `unexpected banner ${JSON.stringify(line)}`;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      }
      return undefined;
    },
    () => `sshd on ${host}:${port} (${lastError})`,
    timeoutMs,
  );
}
