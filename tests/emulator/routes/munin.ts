/**
 * Munin routes (§4.10). /munin/ hands out the cookie session; the file routes check it (the server does, for
 * `munin-cookie` routes) and serve <root>/var/cache/munin/www. There is no munin-cgi-graph here.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { authFor } from '../auth';
import { htmlError, text } from '../respond';
import type { EmuBox, EmuRequest, EmuResponse, RouteDef } from '../types';

const BOTH = ['upstream', 'power'] as const;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

function start(req: EmuRequest, box: EmuBox): EmuResponse {
  // The API key has no email: creating the cookie session fails inside the daemon (500).
  if (req.caller?.kind !== 'user') throw new Error('no user email for a cookie session');
  const token = authFor(box).createSession(req.caller.email, 'cookie');
  const expires = new Date(box.now().getTime() + 1800_000).toUTCString().replace(/(\d\d) (\w{3}) (\d{4})/, '$1 $2 $3');
  const r = text('OK');
  r.headers = {
    'Set-Cookie': `session=${token}; Expires=${expires}; Max-Age=1800; Secure; HttpOnly; Path=/; SameSite=Strict`,
  };
  return r;
}

function staticFile(req: EmuRequest, box: EmuBox): EmuResponse {
  const name = req.params['path'] || 'index.html';
  const base = join(box.root, 'var', 'cache', 'munin', 'www');
  const file = normalize(join(base, name));
  if (!file.startsWith(base + '/') || !existsSync(file) || !statSync(file).isFile()) return htmlError(404);
  return { status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) };
}

export const muninRoutes: RouteDef[] = [
  { method: 'GET', path: '/munin/', auth: 'admin', flavours: BOTH, handler: start },
  { method: 'GET', path: '/munin/<path:path>', auth: 'munin-cookie', flavours: BOTH, handler: staticFile },
  {
    method: 'GET',
    path: '/munin/cgi-graph/<path:path>',
    auth: 'munin-cookie',
    flavours: BOTH,
    handler: () => text('error processing graph image', 500),
  },
];
