import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { SESSION_COOKIE, WS_PATH, wsCallSchema } from '../../src-shared/contract/wire';
import type { Core } from '../compose/core';
import { BrowserGuard, isAllowedBindHost } from './guard';
import { loadStatic, resolveStatic } from './static-files';

export const BROWSER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export interface ServeOptions {
  core: Core;
  rendererDir: string;
  host?: string;
  port?: number;
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

/** Browser mode: the same core behind a loopback-only HTTP server and one WebSocket per page. */
export async function startBrowserServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isAllowedBindHost(host)) throw new Error(`Browser mode only listens on 127.0.0.1, not ${host}.`);
  let port = 0;
  const guard = new BrowserGuard(() => port);
  const sockets = new Set<WebSocket>();

  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!guard.hostAllowed(req))
      return refuse(res, 403, 'Refused: this request did not come from Boxfleet on this machine.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    if (url.searchParams.has('token')) {
      const session = guard.redeem(url.searchParams.get('token'));
      if (!session) {
        return refuse(
          res,
          403,
          'This link was already used or is wrong. Run `boxfleet serve` again and open the new link it prints.',
        );
      }
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        Location: '/',
        'Set-Cookie': `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`,
      });
      return void res.end();
    }
    if (!guard.hasSession(req)) {
      return refuse(
        res,
        403,
        'Open the link that `boxfleet serve` printed (it carries a one-time token) to use Boxfleet here.',
      );
    }
    const path = resolveStatic(options.rendererDir, url.pathname);
    const file = path ? await loadStatic(path) : null;
    if (!file) return refuse(res, 404, 'Not found.');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Content-Length': file.body.length });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== WS_PATH || !guard.hostAllowed(req) || req.headers.origin === undefined || !guard.hasSession(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    sockets.add(ws);
    const unsubscribe = options.core.events.on((event, payload) => ws.send(JSON.stringify({ event, payload })));
    ws.on('close', () => {
      sockets.delete(ws);
      unsubscribe();
    });
    ws.on('message', async (data) => {
      let call;
      try {
        call = wsCallSchema.parse(JSON.parse(data.toString()));
      } catch {
        ws.close(1008, 'malformed message');
        return;
      }
      const result = await options.core.router.call(call.method, call.request, { face: 'browser' });
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: call.id, result }));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${guard.oneTimeToken ?? ''}`,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
