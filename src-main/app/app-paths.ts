import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './window-options';

/**
 * Where the built pieces sit relative to the compiled main process (build/main/src-main/app/). The same layout
 * holds inside app.asar, so one set of paths serves `npm start` and packaged builds.
 */
export function builtPaths(mainDir: string): { preload: string; renderer: string } {
  const buildDir = path.resolve(mainDir, '..', '..', '..');
  return { preload: path.join(buildDir, 'preload', 'preload.js'), renderer: path.join(buildDir, 'renderer') };
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppRequestTarget =
  | { readonly kind: 'file'; readonly path: string; readonly mimeType: string }
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 404; readonly reason: string };

function refused(status: 400 | 403 | 404, reason: string): AppRequestTarget {
  return { kind: 'refused', status, reason };
}

/**
 * Maps an `app://boxfleet/...` URL to a file under rootDir, or says why not. Anything that could leave rootDir
 * (`..` in any spelling, backslashes, NUL, absolute or drive paths) is refused rather than normalised, because
 * a request that needs normalising did not come from our own bundle.
 */
export function resolveAppRequest(rootDir: string, requestUrl: string): AppRequestTarget {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refused(400, 'not a URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refused(403, 'foreign origin');
  if (url.username !== '' || url.password !== '') return refused(403, 'credentials in URL');

  // The URL parser already folded plain `..`; the raw text tells us whether the request tried.
  const rawPath = requestUrl.slice(`${APP_SCHEME}://${APP_HOST}`.length).split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return refused(400, 'bad escape');
  }
  let rawDecoded: string;
  try {
    rawDecoded = decodeURIComponent(rawPath);
  } catch {
    return refused(400, 'bad escape');
  }
  for (const candidate of [decoded, rawDecoded]) {
    if (candidate.includes('\0') || candidate.includes('\\')) return refused(400, 'forbidden character');
    if (candidate.split('/').some((segment) => segment === '..' || segment === '.'))
      return refused(403, 'path traversal');
  }
  if (/^\/[a-zA-Z]:/.test(decoded) || decoded.startsWith('//')) return refused(403, 'absolute path');

  let relative = decoded.replace(/^\/+/, '');
  // The renderer is one page: extension-less paths are its routes.
  if (relative === '' || path.posix.extname(relative) === '') relative = 'index.html';

  const root = path.resolve(rootDir);
  const target = path.resolve(root, ...relative.split('/'));
  if (target !== root && !target.startsWith(root + path.sep)) return refused(403, 'path traversal');

  const mimeType = MIME_TYPES[path.extname(target).toLowerCase()];
  if (mimeType === undefined) return refused(404, 'unknown file type');
  return { kind: 'file', path: target, mimeType };
}
