/**
 * Dovecot's `{SHA512-CRYPT}` password scheme (what `doveadm pw -s SHA512-CRYPT` stores, §7.3), implemented with
 * node:crypto so hashing needs no external tool and passwords never travel through argv.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DEFAULT_ROUNDS = 5000;
// Byte order of the final digest in the crypt base64 encoding (Drepper's SHA-crypt specification).
const PERMUTATION: Array<[number, number, number]> = [
  [0, 21, 42],
  [22, 43, 1],
  [44, 2, 23],
  [3, 24, 45],
  [25, 46, 4],
  [47, 5, 26],
  [6, 27, 48],
  [28, 49, 7],
  [50, 8, 29],
  [9, 30, 51],
  [31, 52, 10],
  [53, 11, 32],
  [12, 33, 54],
  [34, 55, 13],
  [56, 14, 35],
  [15, 36, 57],
  [37, 58, 16],
  [59, 17, 38],
  [18, 39, 60],
  [40, 61, 19],
  [62, 20, 41],
];

function sha512(...parts: Buffer[]): Buffer {
  const h = createHash('sha512');
  for (const p of parts) h.update(p);
  return h.digest();
}

function repeatTo(source: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = source[i % source.length] as number;
  return out;
}

function b64From24(b2: number, b1: number, b0: number, n: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let s = '';
  for (let i = 0; i < n; i++) {
    s += ALPHABET[w & 0x3f];
    w >>= 6;
  }
  return s;
}

/** The `$6$...` string for a password, salt and round count. */
export function sha512Crypt(password: string, salt: string, rounds = DEFAULT_ROUNDS): string {
  const pw = Buffer.from(password, 'utf8');
  const s = Buffer.from(salt.slice(0, 16), 'utf8');
  const b = sha512(pw, s, pw);
  const a = createHash('sha512').update(pw).update(s);
  let i: number;
  for (i = pw.length; i > 64; i -= 64) a.update(b);
  a.update(b.subarray(0, i));
  for (i = pw.length; i > 0; i >>= 1) a.update(i & 1 ? b : pw);
  const da = a.digest();
  const dp = sha512(...Array.from({ length: pw.length }, () => pw));
  const p = repeatTo(dp, pw.length);
  const ds = sha512(...Array.from({ length: 16 + (da[0] as number) }, () => s));
  const sBytes = repeatTo(ds, s.length);
  let c = da;
  for (let r = 0; r < rounds; r++) {
    const h = createHash('sha512');
    h.update(r & 1 ? p : c);
    if (r % 3) h.update(sBytes);
    if (r % 7) h.update(p);
    h.update(r & 1 ? c : p);
    c = h.digest();
  }
  let out = '';
  for (const [x, y, z] of PERMUTATION) out += b64From24(c[x] as number, c[y] as number, c[z] as number, 4);
  out += b64From24(0, 0, c[63] as number, 2);
  const roundsPart = rounds === DEFAULT_ROUNDS ? '' : `rounds=${rounds}$`;
  return `$6$${roundsPart}${s.toString('utf8')}$${out}`;
}

function randomSalt(): string {
  return Array.from(randomBytes(16), (byte) => ALPHABET[byte & 0x3f]).join('');
}

/** Hash like `doveadm pw -s SHA512-CRYPT`: `{SHA512-CRYPT}$6$<16-char salt>$<86-char hash>`. */
export function hashPassword(password: string): string {
  return '{SHA512-CRYPT}' + sha512Crypt(password, randomSalt());
}

/** Check a password against a stored `{SHA512-CRYPT}$6$...` hash (like `doveadm pw -t`). */
export function verifyPassword(password: string, stored: string): boolean {
  const m = /^\{SHA512-CRYPT\}\$6\$(?:rounds=(\d+)\$)?([^$]{0,16})\$([./0-9A-Za-z]{86})$/.exec(stored);
  if (!m) return false;
  const rounds = m[1] === undefined ? DEFAULT_ROUNDS : Math.min(999_999_999, Math.max(1000, Number(m[1])));
  const expected = '{SHA512-CRYPT}' + sha512Crypt(password, m[2] as string, rounds);
  const a = Buffer.from(expected.replace(/rounds=\d+\$/, ''));
  const b = Buffer.from(stored.replace(/rounds=\d+\$/, ''));
  return a.length === b.length && timingSafeEqual(a, b);
}
