/**
 * Deterministic garbage for the browser-mode fuzz test: a seeded PRNG (mulberry32) and generators for malformed
 * HTTP request targets, header blocks, WebSocket frames and JSON values. The same seed gives the same inputs, so a
 * failure names a seed and a case number that reproduce it.
 */

export type Random = () => number;

/** mulberry32: tiny, fast and good enough to spread inputs; not for secrets. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(rand: Random, max: number): number {
  return Math.floor(rand() * max);
}

export function pick<T>(rand: Random, items: readonly T[]): T {
  return items[int(rand, items.length)] as T;
}

function bytes(rand: Random, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = int(rand, 256);
  return out;
}

const URL_PIECES = [
  '/',
  '//',
  '[',
  ']',
  ':',
  '@',
  '%',
  '%zz',
  '%00',
  '%2e%2e',
  '..',
  '?',
  '#',
  '\\',
  'x',
  '0x100000000',
  '[x',
  '[::1',
  '::1]',
  'token=',
  '&',
  '=',
  '\t',
  ' ',
  'http:',
  'https://',
  'ws:',
  '%E2%82',
  'é',
  '\u202e',
  '*',
  'api',
  'index.html',
  'app.js',
  'app.js.map',
  '99999999999',
  '-1',
  '.',
  '~',
];

/** Request targets known to break URL parsing, then random ones built from the pieces above and raw bytes. */
export const KNOWN_BAD_TARGETS = [
  '//[x',
  '//0x100000000',
  '//[',
  'http://[::1',
  '//a:99999',
  '//%',
  '/%',
  '*',
  '//',
  '///',
  '/\\\\',
  '//@',
  'http://',
  'http://x:-1/',
  '//[::1]:x',
  '/?token=%',
  '/api?%',
  '//[x/api',
  '//0x100000000/api',
];

export function randomTarget(rand: Random): string {
  if (rand() < 0.1)
    return bytes(rand, 1 + int(rand, 40))
      .toString('latin1')
      .replace(/[\r\n ]/g, '');
  let target = rand() < 0.7 ? '/' : '';
  const parts = 1 + int(rand, 8);
  for (let i = 0; i < parts; i++) target += pick(rand, URL_PIECES);
  if (rand() < 0.05) target += 'a'.repeat(int(rand, 20_000));
  return target.replace(/[\r\n ]/g, '%20') || '/';
}

const HEADER_NAMES = [
  'Host',
  'Origin',
  'Cookie',
  'Upgrade',
  'Connection',
  'Sec-WebSocket-Key',
  'Sec-WebSocket-Version',
  'Sec-WebSocket-Extensions',
  'Sec-WebSocket-Protocol',
  'Content-Length',
  'Transfer-Encoding',
  'Expect',
  'Range',
  'X-Forwarded-Host',
  'Authorization',
];

/** A header block: mostly plausible names with broken values, sometimes broken names or a huge value. */
export function randomHeaders(rand: Random, port: number): string[] {
  const lines: string[] = [];
  if (rand() < 0.8)
    lines.push(`Host: ${pick(rand, [`127.0.0.1:${port}`, `localhost:${port}`, '', '[', `127.0.0.1:${port}x`])}`);
  const count = int(rand, 8);
  for (let i = 0; i < count; i++) {
    const name = rand() < 0.85 ? pick(rand, HEADER_NAMES) : bytes(rand, 1 + int(rand, 10)).toString('latin1');
    const value = pick(rand, [
      `http://127.0.0.1:${port}`,
      'null',
      'http://[',
      'websocket',
      'Upgrade',
      'dGhlIHNhbXBsZSBub25jZQ==',
      '13',
      '99',
      '-1',
      '18446744073709551616',
      'chunked',
      'chunked, gzip',
      '100-continue',
      'bytes=0-',
      'permessage-deflate; x=',
      'a'.repeat(int(rand, 40_000)),
      bytes(rand, int(rand, 30)).toString('latin1'),
    ]);
    lines.push(`${name}: ${value}`.replace(/[\r\n]/g, ''));
  }
  return lines;
}

/** One WebSocket frame with every field under the caller's control, valid or not. */
export interface FrameSpec {
  fin: boolean;
  rsv: number;
  opcode: number;
  masked: boolean;
  payload: Buffer;
  /** Declared length, when it should differ from the payload's real length. */
  declared?: bigint;
}

export function encodeFrame(spec: FrameSpec): Buffer {
  const length = spec.declared ?? BigInt(spec.payload.length);
  const head: number[] = [(spec.fin ? 0x80 : 0) | ((spec.rsv & 7) << 4) | (spec.opcode & 0x0f)];
  const maskBit = spec.masked ? 0x80 : 0;
  if (length < 126n) head.push(maskBit | Number(length));
  else if (length < 65536n) head.push(maskBit | 126, Number(length >> 8n) & 0xff, Number(length) & 0xff);
  else {
    head.push(maskBit | 127);
    for (let shift = 56n; shift >= 0n; shift -= 8n) head.push(Number((length >> shift) & 0xffn));
  }
  if (!spec.masked) return Buffer.concat([Buffer.from(head), spec.payload]);
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const body = Buffer.from(spec.payload.map((b, i) => b ^ (mask[i % 4] as number)));
  return Buffer.concat([Buffer.from(head), mask, body]);
}

/** A well-formed masked text frame, as a browser sends it. */
export function textFrame(text: string): Buffer {
  return encodeFrame({ fin: true, rsv: 0, opcode: 1, masked: true, payload: Buffer.from(text) });
}

/** Frames a server must refuse: each kind the issue names, then random headers and bodies. */
export function randomBadFrames(rand: Random, maxPayload: number): Buffer[] {
  const payload = bytes(rand, int(rand, 64));
  const kinds: Array<() => Buffer> = [
    // invalid UTF-8 in a text frame
    () => encodeFrame({ fin: true, rsv: 0, opcode: 1, masked: true, payload: Buffer.from([0xc3, 0x28, 0xff, 0xfe]) }),
    // reserved bits without a negotiated extension
    () => encodeFrame({ fin: true, rsv: 1 + int(rand, 7), opcode: 1, masked: true, payload }),
    // reserved opcodes
    () =>
      encodeFrame({
        fin: true,
        rsv: 0,
        opcode: pick(rand, [3, 4, 5, 6, 7, 11, 12, 13, 14, 15]),
        masked: true,
        payload,
      }),
    // unmasked frame from a client
    () => encodeFrame({ fin: true, rsv: 0, opcode: 1, masked: false, payload: Buffer.from('{"id":1}') }),
    // declared over the size limit, up to 2^63
    () =>
      encodeFrame({
        fin: true,
        rsv: 0,
        opcode: pick(rand, [1, 2]),
        masked: true,
        payload,
        declared: pick(rand, [BigInt(maxPayload) + 1n, 2n ** 32n, 2n ** 63n - 1n, 2n ** 64n - 1n]),
      }),
    // control frames that are too long or fragmented, close frames with bad codes
    () => encodeFrame({ fin: true, rsv: 0, opcode: 9, masked: true, payload: bytes(rand, 126 + int(rand, 200)) }),
    () => encodeFrame({ fin: false, rsv: 0, opcode: pick(rand, [8, 9, 10]), masked: true, payload }),
    () => encodeFrame({ fin: true, rsv: 0, opcode: 8, masked: true, payload: Buffer.from([0x03, 0xed]) }),
    () => encodeFrame({ fin: true, rsv: 0, opcode: 8, masked: true, payload: Buffer.from([0x07]) }),
    // continuation without a start, a start never finished then a new start
    () => encodeFrame({ fin: true, rsv: 0, opcode: 0, masked: true, payload }),
    () =>
      Buffer.concat([
        encodeFrame({ fin: false, rsv: 0, opcode: 1, masked: true, payload: Buffer.from('{"id"') }),
        encodeFrame({ fin: true, rsv: 0, opcode: 1, masked: true, payload: Buffer.from('{}') }),
      ]),
    // plain noise
    () => bytes(rand, 1 + int(rand, 200)),
  ];
  const count = 1 + int(rand, 3);
  return Array.from({ length: count }, () => pick(rand, kinds)());
}

const KEYS = [
  '',
  'boxId',
  'id',
  'name',
  'host',
  'port',
  'user',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'x',
];

/** A random JSON value: scalars at the edges, nested objects and arrays, sometimes deep or large. */
export function randomJson(rand: Random, depth = 0): unknown {
  const roll = rand();
  if (depth > 4 || roll < 0.35) {
    return pick(rand, [
      null,
      true,
      false,
      0,
      -1,
      1e308,
      -0,
      2 ** 53 + 1,
      0.5,
      '',
      'x',
      '\u0000',
      '\ud800',
      'a'.repeat(int(rand, 5_000)),
      '../../etc/passwd',
      '/dev/zero',
      '127.0.0.1',
      '{}',
      [],
    ]);
  }
  if (roll < 0.6) return Array.from({ length: int(rand, 5) }, () => randomJson(rand, depth + 1));
  const out: Record<string, unknown> = {};
  const count = int(rand, 5);
  for (let i = 0; i < count; i++) out[pick(rand, KEYS)] = randomJson(rand, depth + 1);
  return out;
}

/** JSON text nested `depth` levels deep, which recursive code can choke on. */
export function deepJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}
