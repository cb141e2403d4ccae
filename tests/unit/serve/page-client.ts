import { WebSocket } from 'ws';

/** A page's WebSocket to browser mode, as the tests drive it: messages in order, and how it closed. */
export interface PageClient {
  readonly ws: WebSocket;
  /** The next message from the server; rejects if the socket closes first. */
  next(): Promise<Record<string, unknown>>;
  /** Sends a value as JSON. */
  send(value: unknown): void;
  /** Resolves with the close code and reason once the socket closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
}

export async function openPage(
  port: number,
  headers: Record<string, string> = { origin: `http://127.0.0.1:${port}` },
): Promise<PageClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers });
  const queue: Array<Record<string, unknown>> = [];
  const waiters: Array<{ resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void }> = [];
  let closedWith: { code: number; reason: string } | null = null;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      closedWith = { code, reason: reason.toString() };
      for (const w of waiters.splice(0)) w.reject(new Error(`socket closed: ${code} ${reason.toString()}`));
      resolve(closedWith);
    });
  });
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(message);
    else queue.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    closed,
    send: (value) => ws.send(JSON.stringify(value)),
    next() {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      if (closedWith) return Promise.reject(new Error(`socket closed: ${closedWith.code} ${closedWith.reason}`));
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
  };
}

/** Opens a page and says hello; resolves with the welcome's session secret. */
export async function helloPage(
  port: number,
  hello: { token: string } | { session: string },
): Promise<{ page: PageClient; session: string }> {
  const page = await openPage(port);
  page.send({ hello });
  const welcome = (await page.next())['welcome'] as { session: string };
  return { page, session: welcome.session };
}
