/**
 * The shape of one checklist entry of reference-verified.test.ts: a fact from
 * /work/shared/reference/miab-management-api.md, the box it needs, the exact request and the exact answer.
 * Requests go over real HTTP with full control of the headers (no default Accept, no keep-alive).
 */
import { request } from 'node:http';
import type { EmulatorHandle, EmulatorOptions } from '../../../emulator/server';
import type { BoxState, Flavour } from '../../../emulator/types';

export const TEXT = 'text/html; charset=utf-8';
export const PLAIN = 'text/plain; charset=utf-8';
export const JSON_TYPE = 'application/json';
export const REALM = 'Basic realm="Mail-in-a-Box Management Server"';
export const ADMIN = { email: 'me@example.com', password: 'correct horse' };
export const USER = { email: 'user@example.com', password: 'user password' };

/** `key` = the system API key, `admin` / `user` = the passwords above, a pair = Basic user:password. */
export type Who = 'key' | 'admin' | 'user' | 'none' | [string, string];

export interface Req {
  method?: string;
  path: string;
  /** Default `key`. */
  auth?: Who;
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded (pairs keep order and allow repeats). */
  form?: Record<string, string> | Array<[string, string]>;
  /** Sent as is (no Content-Type unless given in headers). */
  body?: string | Buffer;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  raw: Buffer;
  body: string;
}

export interface Want {
  status: number;
  /** Exact Content-Type; omitted = not checked. */
  type?: string;
  /** Exact body, or a pattern that must match the whole body (anchor it). */
  body?: string | RegExp;
  /** Exact header values; a RegExp must match; null = the header must be absent. */
  headers?: Record<string, string | RegExp | null>;
  /** The methods of the Allow header, in any order. */
  allow?: string[];
  /** Further checks on the parsed reply. */
  check?: (reply: Reply, ctx: Ctx) => void | Promise<void>;
}

export interface Ctx {
  emu: EmulatorHandle;
  flavour: Flavour;
  send(req: Req): Promise<Reply>;
  /** POST /login and return the session key (fails the test if login does not succeed). */
  login(email: string, password: string, headers?: Record<string, string>): Promise<string>;
}

export interface Fact {
  /** Reference section, e.g. `§2.6`. */
  ref: string;
  /** What the reference states, in a few words. */
  what: string;
  /** `verified`: marked verified in the reference. `code`: a precise statement from reading the code. */
  from: 'verified' | 'code';
  /** Default both. */
  flavours?: readonly Flavour[];
  /** Start the box with ADMIN as the first admin (default true). */
  admin?: boolean;
  seed?: (state: BoxState) => void | Promise<void>;
  options?: Partial<EmulatorOptions>;
  /** The request; a function may make earlier calls (login, restart, …) first. */
  req: Req | ((ctx: Ctx) => Req | Promise<Req>);
  want: Want;
}

export function basicHeader(user: string, password: string): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
}

function formBody(form: Record<string, string> | Array<[string, string]>): string {
  const pairs = Array.isArray(form) ? form : Object.entries(form);
  return new URLSearchParams(pairs).toString();
}

export function send(emu: EmulatorHandle, req: Req): Promise<Reply> {
  const headers: Record<string, string> = {};
  const who = req.auth ?? 'key';
  if (who === 'key') headers['Authorization'] = basicHeader(emu.apiKey(), '');
  else if (who === 'admin') headers['Authorization'] = basicHeader(ADMIN.email, ADMIN.password);
  else if (who === 'user') headers['Authorization'] = basicHeader(USER.email, USER.password);
  else if (Array.isArray(who)) headers['Authorization'] = basicHeader(who[0], who[1]);
  let body: string | Buffer | undefined = req.body;
  if (req.form) {
    body = formBody(req.form);
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  // node:http only frames a GET/DELETE body when told its length.
  if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
  Object.assign(headers, req.headers);
  const method = req.method ?? (body === undefined ? 'GET' : 'POST');
  return new Promise((resolve, reject) => {
    const r = request({ host: emu.host, port: emu.port, path: req.path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, body: raw.toString('utf8') });
      });
    });
    r.on('error', reject);
    r.end(body);
  });
}

/** Python's json.dumps(v, indent=2, sort_keys=True) + "\n", written independently of the emulator's encoder. */
export function pretty(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, sortKeys(o[k])]),
      );
    }
    return v;
  };
  const ascii = JSON.stringify(sortKeys(value), null, 2).replace(
    /[\u007f-\uffff]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
  return ascii + '\n';
}

export const ok = (body: string | RegExp): Want => ({ status: 200, type: TEXT, body });
export const bad = (message: string): Want => ({ status: 400, type: TEXT, body: message });
export const jsonOk = (value: unknown): Want => ({ status: 200, type: JSON_TYPE, body: pretty(value) });

const page = (code: number, title: string): RegExp =>
  new RegExp(
    `^<!doctype html>\\n<html lang=en>\\n<title>${code} ${title}</title>\\n<h1>${title}</h1>\\n<p>[^\\n]*</p>\\n$`,
  );
export const html404: Want = { status: 404, type: TEXT, body: page(404, 'Not Found') };
export const html500: Want = { status: 500, type: TEXT, body: page(500, 'Internal Server Error') };

/** The 401 of §2.6 for a client without an Accept header. */
export function unauthorized(reason: string): Want {
  return {
    status: 401,
    type: PLAIN,
    body: reason + '\n',
    headers: { 'www-authenticate': REALM, 'x-reason': reason },
  };
}

/** POST /login's pretty JSON for a refusal. */
export function loginRefused(reason: string, status = 'invalid'): Want {
  return { status: 200, type: JSON_TYPE, body: pretty({ reason, status }) };
}
