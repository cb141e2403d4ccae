/**
 * Parsing of the `Authorization` header exactly as the daemon's Python does it (§2.1): the same whitespace rules,
 * the same lenient base64 decoder and the same exception texts, because those texts become the 401 reasons.
 */

/** A Python ValueError (or subclass): its message is what the daemon reports. */
export class PyValueError extends Error {
  override readonly name = 'PyValueError';
}

// Python's str.split()/strip() whitespace within Latin-1, which is all a header value can hold.
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0';
const SPLIT_RE = new RegExp(`[${PY_SPACE}]+`);
const STRIP_RE = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');

export function pyStrip(s: string): string {
  return s.replace(STRIP_RE, '');
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** `s.encode('ascii')`, raising UnicodeEncodeError's text for the first run of non-ASCII characters. */
function encodeAscii(s: string): Buffer {
  const start = s.search(/[\u0080-\uffff]/);
  if (start < 0) return Buffer.from(s, 'latin1');
  let end = start;
  while (end < s.length && s.charCodeAt(end) > 0x7f) end++;
  const what =
    end - start === 1
      ? `character '\\x${hex2(s.charCodeAt(start))}' in position ${start}`
      : `characters in position ${start}-${end - 1}`;
  throw new PyValueError(`'ascii' codec can't encode ${what}: ordinal not in range(128)`);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** binascii.a2b_base64 in its default (non-strict) mode: junk characters are skipped, padding ends the data. */
function a2bBase64(data: Buffer): Buffer {
  const out: number[] = [];
  let quadPos = 0;
  let leftChar = 0;
  let pads = 0;
  for (const byte of data) {
    if (byte === 0x3d) {
      if (quadPos >= 2 && quadPos + ++pads >= 4) return Buffer.from(out);
      continue;
    }
    const v = B64.indexOf(String.fromCharCode(byte));
    if (v < 0) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        leftChar = v;
        quadPos = 1;
        break;
      case 1:
        out.push(((leftChar << 2) | (v >> 4)) & 0xff);
        leftChar = v & 0x0f;
        quadPos = 2;
        break;
      case 2:
        out.push(((leftChar << 4) | (v >> 2)) & 0xff);
        leftChar = v & 0x03;
        quadPos = 3;
        break;
      default:
        out.push(((leftChar << 6) | v) & 0xff);
        leftChar = 0;
        quadPos = 0;
    }
  }
  if (quadPos === 1) {
    const n = Math.floor(out.length / 3) * 4 + 1;
    throw new PyValueError(
      `Invalid base64-encoded string: number of data characters (${n}) cannot be 1 more than a multiple of 4`,
    );
  }
  if (quadPos !== 0) throw new PyValueError('Incorrect padding');
  return Buffer.from(out);
}

/** `bytes.decode('ascii')`, raising UnicodeDecodeError's text for the first non-ASCII byte. */
function decodeAscii(b: Buffer): string {
  const i = b.findIndex((x) => x > 0x7f);
  if (i >= 0) {
    throw new PyValueError(
      `'ascii' codec can't decode byte 0x${hex2(b[i] as number)} in position ${i}: ordinal not in range(128)`,
    );
  }
  return b.toString('latin1');
}

/** parse_http_authorization_basic: [username, password], or [null, null] when the header is not usable. */
export function parseBasicAuth(header: string): [string, string] | [null, null] {
  if (!header.includes(' ')) return [null, null];
  const trimmed = header.replace(new RegExp(`^[${PY_SPACE}]+`), '');
  const m = SPLIT_RE.exec(trimmed);
  if (!m) return [null, null];
  const scheme = trimmed.slice(0, m.index);
  const credentials = trimmed.slice(m.index + m[0].length);
  if (scheme !== 'Basic') return [null, null];
  const decoded = decodeAscii(a2bBase64(encodeAscii(credentials)));
  const colon = decoded.indexOf(':');
  if (colon < 0) return [null, null];
  return [decoded.slice(0, colon), decoded.slice(colon + 1)];
}
