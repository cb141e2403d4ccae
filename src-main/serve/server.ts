import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH } from '../../src-shared/contract/wire';
import type { Core } from '../compose/core';
import { hostAllowed, isAllowedBindHost, requestPath } from './guard';
import { attachPageSocket, type PageSocket } from './page-socket';
import { SessionKeeper, type Clock, type SessionLimits } from './sessions';
import { loadStatic, resolveStatic } from './static-files';

export const BROWSER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** The largest WebSocket message a page may send; bigger frames end that socket. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const SWEEP_MS = 60_000;

export interface ServeOptions {
  core: Core;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Session lifetime; tests shorten it. */
  sessionLimits?: SessionLimits;
  /** Tests pass a clock they move by hand instead of sleeping. */
  clock?: Clock;
  /** Where unexpected errors go; stderr by default. */
  log?: (message: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': BROWSER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message + '\n');
}

function refuseUpgrade(socket: Duplex, status: '400 Bad Request' | '403 Forbidden'): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Browser mode: the same core behind a loopback-only HTTP server and one WebSocket per page. The files it serves
 * hold no secret; everything that does goes over the WebSocket, which starts with the session hello.
 */
export async function startBrowserServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isAllowedBindHost(host)) throw new Error(`Browser mode only listens on 127.0.0.1, not ${host}.`);
  const log = options.log ?? ((m: string) => process.stderr.write(m + '\n'));
  let port = 0;
  const sessions = new SessionKeeper(options.sessionLimits, options.clock);
  const pages = new Map<WebSocket, PageSocket>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`boxfleet serve: ${String(error)}`);
      if (!res.headersSent) refuse(res, 500, 'Internal error.');
      else res.destroy();
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = requestPath(req.url);
    if (path === null) return refuse(res, 400, 'Bad request.');
    if (!hostAllowed(req, port))
      return refuse(res, 403, 'Refused: this request did not come from Boxfleet on this machine.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    const file = resolveStatic(options.rendererDir, path);
    const loaded = file ? await loadStatic(file) : null;
    if (!loaded) return refuse(res, 404, 'Not found.');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': loaded.type, 'Content-Length': loaded.body.length });
    res.end(req.method === 'HEAD' ? undefined : loaded.body);
  }

  // Malformed request lines and headers never reach the handlers: Node answers them (400, 431) through its default
  // 'clientError' behaviour, which closes that connection only.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A peer that resets mid-handshake must not raise an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    const path = requestPath(req.url);
    if (path === null) return refuseUpgrade(socket, '400 Bad Request');
    if (path !== WS_PATH || !hostAllowed(req, port) || req.headers.origin === undefined)
      return refuseUpgrade(socket, '403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => {
      pages.set(ws, attachPageSocket(ws, options.core, sessions, log));
      ws.once('close', () => pages.delete(ws));
    });
  });

  const sweep = setInterval(() => {
    for (const page of pages.values()) page.closeIfEnded();
  }, SWEEP_MS);
  sweep.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${sessions.oneTimeToken ?? ''}`,
    async close() {
      clearInterval(sweep);
      for (const ws of pages.keys()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
