import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost'];

/** Only loopback binds are allowed: browser mode hands out full control of the fleet. */
export function isAllowedBindHost(host: string): boolean {
  return host === '127.0.0.1';
}

/**
 * The path of a request target, or null when it is not one a browser would send for this server. `new URL` throws on
 * targets such as `//[x` or `//0x100000000` (it reads them as a host), so only origin-form targets are parsed, and
 * any throw is a refusal, never an unhandled error.
 */
export function requestPath(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://127.0.0.1').pathname;
  } catch {
    return null;
  }
}

/**
 * Whether a request may reach browser mode at all: its Host must be this loopback server (DNS-rebinding defence) and
 * its Origin, when present, this server (cross-site defence). Static files pass with this alone: they hold no
 * secret. The WebSocket additionally needs an Origin and, in its first message, the session (see SessionKeeper).
 */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  if (!host || !LOOPBACK_HOSTS.some((h) => host === `${h}:${port}`)) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && !LOOPBACK_HOSTS.some((h) => origin === `http://${h}:${port}`)) return false;
  return true;
}
