import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE } from '../../src-shared/contract/wire';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost'];

/** Only loopback binds are allowed: browser mode hands out full control of the fleet. */
export function isAllowedBindHost(host: string): boolean {
  return host === '127.0.0.1';
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Who may talk to browser mode: a request whose Host is this loopback server (DNS-rebinding defence), whose Origin,
 * when present, is this server (cross-site defence), and that holds the session cookie earned by presenting the
 * one-time token from the printed URL.
 */
export class BrowserGuard {
  private token: string | null = randomBytes(32).toString('base64url');
  private readonly sessions = new Set<string>();

  constructor(private readonly port: () => number) {}

  /** The one-time token for the printed URL. */
  get oneTimeToken(): string | null {
    return this.token;
  }

  hostAllowed(req: IncomingMessage): boolean {
    const port = this.port();
    const host = req.headers.host;
    if (!host || !LOOPBACK_HOSTS.some((h) => host === `${h}:${port}`)) return false;
    const origin = req.headers.origin;
    if (origin !== undefined && !LOOPBACK_HOSTS.some((h) => origin === `http://${h}:${port}`)) return false;
    return true;
  }

  /** Exchanges the one-time token for a session id; null if the token is wrong or already used. */
  redeem(token: string | null): string | null {
    if (token === null || this.token === null || !sameSecret(token, this.token)) return null;
    this.token = null;
    const session = randomBytes(32).toString('base64url');
    this.sessions.add(session);
    return session;
  }

  hasSession(req: IncomingMessage): boolean {
    const value = readCookie(req.headers.cookie, SESSION_COOKIE);
    return value !== undefined && [...this.sessions].some((s) => sameSecret(s, value));
  }
}
