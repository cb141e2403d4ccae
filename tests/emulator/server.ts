/**
 * The emulated management daemon: a plain node:http server that, like `gunicorn -w 1`, handles one request at a
 * time, routes like Flask/Werkzeug and authenticates like the daemon's AuthService. Like gunicorn's sync worker,
 * it answers every request with `Connection: close` and closes the connection after it (no keep-alive).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AuthService, PyValueError, authFailure, logFailedLogin, registerAuth } from './auth';
import type { Identity } from './auth';
import { ensureStorageRoot, writeApiKey, writeMailinaboxConf } from './box-root';
import { ensureBackupKey, ensureHostKeys } from './box-ssh-keys';
import { dnsUpdate } from './dns-zones';
import { kick, refreshAutoAliases } from './kick';
import { prewarmDaemonKey } from './pgp';
import { htmlError } from './respond';
import { Router } from './router';
import { allRoutes } from './routes/index';
import { addAlias, addUser, createState } from './state';
import type { BoxState, EmuBox, EmuRequest, EmuResponse, Flavour, RouteDef } from './types';
import { webUpdate } from './web';

export { PyValueError } from './auth';

export interface EmulatorOptions {
  flavour: Flavour;
  /** Directory on this machine mirroring the box's `/`. */
  root: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  hostname?: string;
  /** The first admin, created the way setup does it (user + administrator@ alias + kick). */
  admin?: { email: string; password: string };
  seed?: (state: BoxState) => void | Promise<void>;
  /** Extra latency of routes marked `slow`. */
  slowRoutesMs?: number;
  /** Reuse the state of an earlier instance (its flavour and hostname win). */
  state?: BoxState;
  /** Clock for session expiry and TOTP. */
  now?: () => Date;
  /** Routes to serve instead of `allRoutes` (tests of the router). */
  routes?: readonly RouteDef[];
  /**
   * Keep connections alive like a threaded or async worker would. Default false: the real daemon runs gunicorn's
   * sync worker, which forces `Connection: close` on every response.
   */
  keepAlive?: boolean;
  /**
   * Public key lines (`ssh-ed25519 AAAA…`) of the sshd that fronts this box: its SSHFP records are made from them,
   * as a real box makes them with ssh-keyscan. Default: host keys generated for the box under `<root>/etc/ssh`.
   */
  sshHostKeys?: readonly string[];
}

export interface EmulatorHandle {
  port: number;
  host: string;
  url: string;
  box: EmuBox;
  state: BoxState;
  apiKey(): string;
  keyPath: string;
  /** Like `systemctl restart mailinabox`: new api.key, no sessions, same port and state. */
  restart(): Promise<void>;
  /** TCP connections currently open to the daemon (for leak checks). */
  openConnections(): number;
  /** TCP connections accepted since start. */
  acceptedConnections(): number;
  stop(): Promise<void>;
}

function headerMap(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function isForm(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

function safeHeader(v: string): string {
  return v.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
}

function redirectPage(url: string): EmuResponse {
  const esc = url.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const body =
    '<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n' +
    `<p>You should be redirected automatically to the target URL: <a href="${esc}">${esc}</a>. If not, click the link.\n`;
  return { status: 308, contentType: 'text/html; charset=utf-8', body, headers: { Location: url } };
}

function cookie(header: string | undefined, name: string): string {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return '';
}

class Daemon {
  readonly auth: AuthService;
  private readonly router: Router;

  constructor(
    readonly box: EmuBox,
    routes: readonly RouteDef[],
    private readonly slowMs: number,
  ) {
    this.auth = new AuthService(box);
    registerAuth(box, this.auth);
    this.router = new Router(routes, box.state.flavour);
  }

  /** authorized_personnel_only (and Power's self-service variant). */
  private async protectedCall(def: RouteDef, req: EmuRequest): Promise<EmuResponse> {
    const power = this.box.state.flavour === 'power';
    let identity: Identity;
    try {
      identity = this.auth.authenticate(req.headers);
    } catch (e) {
      if (!(e instanceof PyValueError)) throw e;
      if (req.headers['authorization'] !== undefined) logFailedLogin(this.box, req);
      return authFailure(e.message, req.headers);
    }
    if (def.auth !== 'user' && !identity.privileges.includes('admin')) {
      return authFailure('You are not an administrator.', req.headers);
    }
    req.caller =
      identity.email === null
        ? { kind: 'api-key', privileges: ['admin'] }
        : {
            kind: 'user',
            email: identity.email,
            privileges: identity.privileges,
            via: identity.via === 'session' ? 'session' : 'password',
          };
    try {
      return await def.handler(req, this.box);
    } catch (e) {
      // Power's wrapper catches ValueError around the view too and reports it as an authentication failure (§6.2).
      if (!(power && e instanceof PyValueError)) throw e;
      logFailedLogin(this.box, req);
      return authFailure(e.message, req.headers);
    }
  }

  private cookieCall(def: RouteDef, req: EmuRequest): EmuResponse | Promise<EmuResponse> {
    const session = this.auth.getSession(null, cookie(req.headers['cookie'], 'session'), 'cookie');
    const user = session && this.box.state.users.find((u) => u.email === session.email);
    if (!user || !user.privileges.includes('admin')) {
      return { status: 403, contentType: 'text/plain; charset=utf-8', body: 'Unauthorized' };
    }
    return def.handler(req, this.box);
  }

  async dispatch(req: EmuRequest): Promise<EmuResponse> {
    let path = req.path;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      // Werkzeug keeps undecodable escapes as they are.
    }
    const m = this.router.match(req.method, path);
    switch (m.kind) {
      case 'not-found':
        return htmlError(404);
      case 'method-not-allowed':
        return htmlError(405, { Allow: m.allow.join(', ') });
      case 'options':
        return {
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: '',
          headers: { Allow: m.allow.join(', ') },
        };
      case 'redirect': {
        const qs = req.query.toString();
        return redirectPage(`http://${req.headers['host'] ?? 'localhost'}${m.path}${qs ? '?' + qs : ''}`);
      }
      case 'route':
        break;
    }
    req.params = m.params;
    if (m.def.slow && this.slowMs > 0) await new Promise((r) => setTimeout(r, this.slowMs));
    try {
      if (m.def.auth === 'none') return await m.def.handler(req, this.box);
      if (m.def.auth === 'munin-cookie') return await this.cookieCall(m.def, req);
      return await this.protectedCall(m.def, req);
    } catch (e) {
      if (process.env['EMULATOR_DEBUG']) console.error(e);
      return htmlError(500);
    }
  }
}

function send(res: ServerResponse, r: EmuResponse, head: boolean, keepAlive: boolean): void {
  const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
  res.statusCode = r.status;
  res.setHeader('Content-Type', r.contentType);
  res.setHeader('Content-Length', body.length);
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, safeHeader(v));
  // node:http then ends the socket after the response, as gunicorn's sync worker does (resp.force_close()).
  if (!keepAlive) res.setHeader('Connection', 'close');
  res.end(head ? undefined : body);
}

/** Start an emulated box. */
export async function startEmulator(options: EmulatorOptions): Promise<EmulatorHandle> {
  const state =
    options.state ?? createState({ flavour: options.flavour, hostname: options.hostname ?? 'box.example.com' });
  const storageDir = ensureStorageRoot(options.root, state);
  const box: EmuBox = { state, root: options.root, storageDir, now: options.now ?? ((): Date => new Date()) };
  if (options.admin && !state.users.some((u) => u.email === options.admin?.email)) {
    addUser(state, { email: options.admin.email, password: options.admin.password, privileges: ['admin'] });
    addAlias(state, { source: 'administrator@' + state.hostname, destination: options.admin.email });
    kick(box);
  }
  if (options.seed) {
    await options.seed(state);
    // Seed helpers write rows directly; a real box would have recomputed its auto aliases after each change.
    refreshAutoAliases(state);
  }
  ensureHostKeys(options.root, state.hostname, options.sshHostKeys);
  if (state.flavour === 'power') prewarmDaemonKey();
  ensureBackupKey(options.root, state.hostname, state.backup.sshPubKey);
  // Setup ends with a DNS and a web update, so a fresh box's zones and nginx config already match its data: the
  // first change a client makes reports only what that change did (seeded custom records included).
  dnsUpdate(box);
  webUpdate(box);
  writeMailinaboxConf(options.root, state);

  const daemon = new Daemon(box, options.routes ?? allRoutes, options.slowRoutesMs ?? 0);
  const host = options.host ?? '127.0.0.1';
  const keyPath = writeApiKey(options.root, daemon.auth.key);
  let queue: Promise<void> = Promise.resolve();
  const sockets = new Set<Socket>();
  const keepAlive = options.keepAlive ?? false;
  let accepted = 0;

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      queue = queue
        .then(async () => {
          const url = new URL(req.url ?? '/', 'http://emulator.invalid');
          const headers = headerMap(req);
          const rawBody = Buffer.concat(chunks);
          const emuReq: EmuRequest = {
            method: req.method ?? 'GET',
            path: (req.url ?? '/').split('?')[0] as string,
            query: url.searchParams,
            form: isForm(headers['content-type'])
              ? new URLSearchParams(rawBody.toString('utf8'))
              : new URLSearchParams(),
            rawBody,
            headers,
            params: {},
          };
          const r = await daemon.dispatch(emuReq);
          if (!res.destroyed) send(res, r, emuReq.method === 'HEAD', keepAlive);
        })
        .catch(() => {
          if (!res.destroyed) send(res, htmlError(500), false, keepAlive);
        });
    });
  };

  let server: Server | undefined;
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const srv = createServer(onRequest);
      server = srv;
      srv.on('connection', (s: Socket) => {
        accepted += 1;
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      srv.once('error', reject);
      srv.listen(port, host, () => resolve((srv.address() as AddressInfo).port));
    });
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server?.listening) return resolve();
      server.close(() => resolve());
    });

  const port = await listen(options.port ?? 0);
  return {
    port,
    host,
    url: `http://${host}:${port}`,
    box,
    state,
    apiKey: () => daemon.auth.key,
    keyPath,
    restart: async () => {
      await close();
      daemon.auth.rotate();
      writeApiKey(options.root, daemon.auth.key);
      writeMailinaboxConf(options.root, state);
      await listen(port);
    },
    stop: close,
    openConnections: () => sockets.size,
    acceptedConnections: () => accepted,
  };
}
