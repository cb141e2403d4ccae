/**
 * International domain names both ways, with no Node module so the renderer can use it too. Encoding goes through the
 * WHATWG URL parser (Node and every browser carry one); decoding is RFC 3492's algorithm, because no web API turns
 * `xn--` labels back into Unicode.
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22; // 0-9 → 26-35
  if (code >= 0x41 && code <= 0x5a) return code - 0x41; // A-Z
  if (code >= 0x61 && code <= 0x7a) return code - 0x61; // a-z
  return BASE;
}

/** One punycode label (without `xn--`) to Unicode; null when it is not valid punycode. */
export function decodePunycode(input: string): string | null {
  const output: number[] = [];
  const split = input.lastIndexOf('-');
  for (let j = 0; j < Math.max(split, 0); j++) {
    const code = input.charCodeAt(j);
    if (code >= 0x80) return null;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let at = split > 0 ? split + 1 : 0; at < input.length;) {
    const old = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (at >= input.length) return null;
      const digit = digitOf(input.charCodeAt(at++));
      if (digit >= BASE) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (i > 0x10ffff * 64) return null;
    }
    bias = adapt(i - old, output.length + 1, old === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff) return null;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

function isAscii(text: string): boolean {
  return !/\P{ASCII}/u.test(text);
}

/**
 * A Unicode domain in punycode, as the box converts it; null when it cannot be converted. ASCII input comes back as it
 * is, as on the box (its IDNA encoder keeps the case of ASCII labels); the URL parser would also rewrite numeric hosts
 * (`1.2` → `1.0.0.2`), which is not what a mail domain means.
 */
export function domainToAscii(domain: string): string | null {
  if (isAscii(domain)) return domain;
  // The box's IDNA 2008 encoder maps nothing: an upper-case or non-NFC name is refused there, so it is refused here.
  if (domain !== domain.toLowerCase() || domain !== domain.normalize('NFC')) return null;
  if (/[\s/?#@:\\%[\]]/.test(domain)) return null;
  try {
    const host = new URL(`http://${domain}/`).hostname;
    return host === '' || !isAscii(host) ? null : host;
  } catch {
    return null;
  }
}

/** A stored (punycode) domain in Unicode for display; labels that do not decode stay as they are. */
export function domainToDisplay(domain: string): string {
  return domain
    .split('.')
    .map((label) => {
      if (!/^xn--/i.test(label)) return label;
      const decoded = decodePunycode(label.slice(4).toLowerCase());
      return decoded === null || decoded === '' ? label : decoded;
    })
    .join('.');
}

function mapDomain(email: string, convert: (domain: string) => string): string {
  const parts = email.split('@');
  if (parts.length !== 2) return email;
  return `${parts[0] ?? ''}@${convert(parts[1] ?? '')}`;
}

/** The address with its domain in punycode, as the box converts it before storing (unchanged when not convertible). */
export function emailToAscii(email: string): string {
  return mapDomain(email, (domain) => domainToAscii(domain) ?? domain);
}

/** The address with its domain in Unicode, for display. */
export function emailToDisplay(email: string): string {
  return mapDomain(email, domainToDisplay);
}
