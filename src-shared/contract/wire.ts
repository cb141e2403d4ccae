import { z } from 'zod';

/**
 * How contract calls travel. Electron: one ipcMain.handle channel per method, `boxfleet:<domain.verb>`, and one
 * channel for pushed events. Browser mode: one WebSocket at WS_PATH carrying the messages below.
 */
export const IPC_METHOD_PREFIX = 'boxfleet:';
export const IPC_EVENT_CHANNEL = 'boxfleet:event';
export const WS_PATH = '/api';

/**
 * Browser mode's session lives in the page, never in a cookie: cookies are not isolated by port (RFC 6265 §8.5), so
 * every other server on 127.0.0.1 the browser visits would receive one. The page's first message on every socket is
 * a hello: the one-time token from the printed URL (once), or the session secret the server gave in exchange.
 */
const secretSchema = z.string().min(1).max(256);
export const wsHelloSchema = z
  .object({
    hello: z.union([z.object({ token: secretSchema }).strict(), z.object({ session: secretSchema }).strict()]),
  })
  .strict();
export type WsHello = z.infer<typeof wsHelloSchema>;

export const wsCallSchema = z.object({ id: z.number().int(), method: z.string(), request: z.unknown() });
export type WsCall = z.infer<typeof wsCallSchema>;

export const wsServerMessageSchema = z.union([
  z.object({ welcome: z.object({ session: secretSchema }) }),
  z.object({ id: z.number().int(), result: z.unknown() }),
  z.object({ event: z.string(), payload: z.unknown() }),
]);
export type WsServerMessage = z.infer<typeof wsServerMessageSchema>;

/** Close codes (4000-4999 are free for applications) by which browser mode refuses a page's session. */
export const WS_CLOSE = {
  /** No hello first, or one with nothing in it: the page was not opened from the printed link. */
  noSession: 4401,
  /** The one-time token is wrong or was already used. */
  tokenRefused: 4403,
  /** The session secret is unknown (the server restarted) or expired. */
  sessionEnded: 4408,
} as const;

/** What the page tells the user for each refusal; the WebSocket close reason is too short (123 bytes) for this. */
export const SESSION_REFUSALS: Readonly<Record<number, string>> = {
  [WS_CLOSE.noSession]:
    'Open the link that `boxfleet serve` printed to use Boxfleet here. It carries a one-time token.',
  [WS_CLOSE.tokenRefused]:
    'This link was already used or is wrong: each link works once. Run `boxfleet serve` again and open the new link it prints.',
  [WS_CLOSE.sessionEnded]:
    'This browser session has ended (it expired, or Boxfleet was restarted). Run `boxfleet serve` again and open the new link it prints.',
};

export const ipcEventSchema = z.object({ name: z.string(), payload: z.unknown() });
