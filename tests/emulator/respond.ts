import type { EmuResponse } from './types';

/** Python's json string escaping with ensure_ascii=True: everything outside ' '..'~' becomes \uXXXX (lowercase hex). */
function pyString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function pyScalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return pyString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  throw new Error(`not a JSON scalar: ${typeof v}`);
}

function sortedEntries(o: object): Array<[string, unknown]> {
  return Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `json.dumps(value, indent=2, sort_keys=True)` exactly (§3.2), without the trailing newline. */
export function pyDumps(value: unknown, indent = ''): string {
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return '[\n' + value.map((v) => inner + pyDumps(v, inner)).join(',\n') + '\n' + indent + ']';
  }
  if (value !== null && typeof value === 'object') {
    const entries = sortedEntries(value);
    if (entries.length === 0) return '{}';
    return (
      '{\n' + entries.map(([k, v]) => inner + pyString(k) + ': ' + pyDumps(v, inner)).join(',\n') + '\n' + indent + '}'
    );
  }
  return pyScalar(value);
}

/** Flask's own JSON provider: compact, sorted keys, ASCII only (§3.2, Power dict routes). */
export function flaskDumps(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map((v) => flaskDumps(v)).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    return (
      '{' +
      sortedEntries(value)
        .map(([k, v]) => pyString(k) + ':' + flaskDumps(v))
        .join(',') +
      '}'
    );
  }
  return pyScalar(value);
}

/** The daemon's JSON helper: pretty JSON + "\n", `application/json` without charset. */
export function json(value: unknown, status = 200): EmuResponse {
  return { status, contentType: 'application/json', body: pyDumps(value) + '\n' };
}

/** A Power route returning a dict: Flask's compact JSON + "\n". */
export function compactJson(value: unknown, status = 200): EmuResponse {
  return { status, contentType: 'application/json', body: flaskDumps(value) + '\n' };
}

/** A view returning a plain string (or a (string, status) tuple): served as text/html (§3.2). */
export function text(body: string, status = 200): EmuResponse {
  return { status, contentType: 'text/html; charset=utf-8', body };
}

/** An explicit text/plain response (zone files, auth failures, munin 403). */
export function plain(body: string, status = 200, headers?: Record<string, string>): EmuResponse {
  const r: EmuResponse = { status, contentType: 'text/plain; charset=utf-8', body };
  if (headers) r.headers = headers;
  return r;
}

const HTML_PAGES: Record<number, { title: string; message: string }> = {
  404: {
    title: '404 Not Found',
    message:
      'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  },
  405: { title: '405 Method Not Allowed', message: 'The method is not allowed for the requested URL.' },
  500: {
    title: '500 Internal Server Error',
    message:
      'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.',
  },
};

/** Werkzeug's HTML error pages (§3.3). */
export function htmlError(status: 404 | 405 | 500, headers?: Record<string, string>): EmuResponse {
  const page = HTML_PAGES[status] as { title: string; message: string };
  const name = page.title.slice(4);
  const body = `<!doctype html>\n<html lang=en>\n<title>${page.title}</title>\n<h1>${name}</h1>\n<p>${page.message}</p>\n`;
  const r: EmuResponse = { status, contentType: 'text/html; charset=utf-8', body };
  if (headers) r.headers = headers;
  return r;
}
