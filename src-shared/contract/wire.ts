import { z } from 'zod';

/**
 * How contract calls travel. Electron: one ipcMain.handle channel per method, `boxfleet:<domain.verb>`, and one
 * channel for pushed events. Browser mode: one WebSocket at WS_PATH carrying the messages below.
 */
export const IPC_METHOD_PREFIX = 'boxfleet:';
export const IPC_EVENT_CHANNEL = 'boxfleet:event';
export const WS_PATH = '/api';
/** The cookie browser mode sets once the one-time token from the printed URL was presented. */
export const SESSION_COOKIE = 'boxfleet_session';

export const wsCallSchema = z.object({ id: z.number().int(), method: z.string(), request: z.unknown() });
export type WsCall = z.infer<typeof wsCallSchema>;

export const wsServerMessageSchema = z.union([
  z.object({ id: z.number().int(), result: z.unknown() }),
  z.object({ event: z.string(), payload: z.unknown() }),
]);
export type WsServerMessage = z.infer<typeof wsServerMessageSchema>;

export const ipcEventSchema = z.object({ name: z.string(), payload: z.unknown() });
