import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { fail, ok, type Result } from '../../../src-shared/contract/result';
import type { BoxSsh } from '../../../src-main/box/box-api-client';
import type { ExecResult } from '../../../src-main/ssh/types';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Never answer (for timeout tests). */
  hang?: boolean;
}

/**
 * A local HTTP server that refuses credentials the way the management daemon does (§2.6): 401 with
 * WWW-Authenticate and X-Reason, or 403 without them when X-Requested-With is sent; text reasons for Accept: *\/*.
 */
export class FakeDaemon {
  key = '0123456789abcdef0123456789ABCDEF';
  readonly seen: SeenRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  connections = 0;
  route: (req: SeenRequest) => Answer = () => ({ status: 200, body: 'OK' });
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const seen = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.seen.push(seen);
        this.inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        const reply = (answer: Answer): void => {
          this.inFlight -= 1;
          res.writeHead(answer.status, {
            'Content-Type': answer.contentType ?? 'text/html; charset=utf-8',
            ...answer.headers,
          });
          res.end(answer.body);
        };
        const answer = this.authorize(seen) ?? this.route(seen);
        if (answer.hang) return;
        if (answer.delayMs) setTimeout(() => reply(answer), answer.delayMs);
        else reply(answer);
      });
    });
    this.server.on('connection', (socket) => {
      this.connections += 1;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private authorize(req: SeenRequest): Answer | undefined {
    if (req.url.startsWith('/system/default-quota') && !req.headers.authorization) return undefined;
    if (req.url === '/' || req.url === '/login') return undefined;
    const header = req.headers.authorization ?? '';
    const decoded = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8') : '';
    const [user, password = ''] = decoded.split(/:(.*)/s);
    let reason: string | undefined;
    if (!decoded.includes(':') || !user) reason = 'Authorization header invalid.';
    else if (user === this.key) reason = undefined;
    else if (password.trim() === '') reason = 'Enter a password.';
    else reason = 'Incorrect email address or password.';
    if (reason === undefined) return undefined;
    return this.refuse(req, reason);
  }

  /** A 401/403 as the auth wrapper sends it; also what Power sends for a view's ValueError (§6.2). */
  refuse(req: SeenRequest, reason: string): Answer {
    if (req.headers['x-requested-with'] === 'XMLHttpRequest')
      return { status: 403, body: `${reason}\n`, contentType: 'text/plain; charset=utf-8' };
    return {
      status: 401,
      body: `${reason}\n`,
      contentType: 'text/plain; charset=utf-8',
      headers: { 'WWW-Authenticate': 'Basic realm="Mail-in-a-Box Management Server"', 'X-Reason': reason },
    };
  }

  /** What a daemon restart does to a kept-alive connection. */
  closeConnections(): void {
    for (const socket of this.sockets) socket.end();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** The two SSH operations the client uses: the key "file" is the daemon's current key, the tunnel a TCP socket to it. */
export class FakeSsh implements BoxSsh {
  readonly commands: string[] = [];
  tunnels = 0;
  execAnswer: (() => ExecResult) | undefined;
  refuseTunnel = false;

  constructor(private readonly daemon: FakeDaemon) {}

  async exec(_boxId: string, command: string): Promise<Result<ExecResult>> {
    this.commands.push(command);
    return ok(this.execAnswer ? this.execAnswer() : { code: 0, signal: null, stdout: this.daemon.key, stderr: '' });
  }

  async forwardOut(): Promise<Result<Socket>> {
    this.tunnels += 1;
    if (this.refuseTunnel)
      return fail('host-unreachable', 'Channel open failure', {
        detail: { stage: 'channel', cause: '(SSH) Channel open failure: Connection refused' },
      });
    // Half-open like an SSH channel: the far side's EOF does not end our side by itself.
    const socket = connect({ port: this.daemon.port, host: '127.0.0.1', allowHalfOpen: true });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return ok(socket);
  }
}
