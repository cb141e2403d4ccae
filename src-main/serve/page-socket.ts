import type { WebSocket } from 'ws';
import { WS_CLOSE, wsCallSchema, wsHelloSchema } from '../../src-shared/contract/wire';
import type { Core } from '../compose/core';
import type { SessionKeeper } from './sessions';

/** Sends if the socket is still open; a page that went away mid-answer is not an error. */
function send(ws: WebSocket, value: unknown): void {
  if (ws.readyState !== ws.OPEN) return;
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    return;
  }
  ws.send(text, () => {});
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface PageSocket {
  /** Closes the socket if its session has expired, so an open but quiet page learns it too. */
  closeIfEnded(): void;
}

/**
 * One page's WebSocket. Its first message must be a hello (the one-time token or the session secret); anything
 * else first is refused. After the welcome it carries contract calls and pushed events while the session lives.
 * Every input is handled without throwing: malformed frames end this socket (ws closes it), never the server.
 */
export function attachPageSocket(
  ws: WebSocket,
  core: Core,
  sessions: SessionKeeper,
  log: (m: string) => void,
): PageSocket {
  let secret: string | null = null;
  let unsubscribe = (): void => {};

  // ws reports malformed frames (bad UTF-8, RSV bits, reserved opcodes, unmasked or oversized frames) here and then
  // closes the socket itself; without a listener the 'error' event would throw and end the process.
  ws.on('error', () => {});
  ws.on('close', () => {
    unsubscribe();
    if (secret !== null) sessions.attach(secret, -1);
  });
  ws.on('message', (data) => {
    const message = parseJson(String(data));
    if (secret === null) return hello(message);
    if (!sessions.touch(secret)) return ws.close(WS_CLOSE.sessionEnded, 'session ended');
    const call = wsCallSchema.safeParse(message);
    if (!call.success) return ws.close(1008, 'malformed message');
    const { id, method, request } = call.data;
    core.router
      .call(method, request, { face: 'browser' })
      .then((result) => send(ws, { id, result }))
      .catch((error: unknown) => log(`boxfleet serve: ${method} failed: ${String(error)}`));
  });

  function hello(message: unknown): void {
    const parsed = wsHelloSchema.safeParse(message);
    if (!parsed.success) return ws.close(WS_CLOSE.noSession, 'hello first');
    const said = parsed.data.hello;
    const outcome = 'token' in said ? sessions.redeem(said.token) : sessions.resume(said.session);
    if (!outcome.ok) {
      if (outcome.reason === 'token-refused') return ws.close(WS_CLOSE.tokenRefused, 'link already used');
      return ws.close(WS_CLOSE.sessionEnded, 'session ended');
    }
    secret = outcome.session;
    sessions.attach(secret, 1);
    send(ws, { welcome: { session: secret } });
    unsubscribe = core.events.on((event, payload) => send(ws, { event, payload }));
  }

  return {
    closeIfEnded() {
      if (secret !== null && !sessions.isLive(secret)) ws.close(WS_CLOSE.sessionEnded, 'session ended');
    },
  };
}
