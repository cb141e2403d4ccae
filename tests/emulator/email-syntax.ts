/**
 * The box's address rules (§5.1–§5.3): a small stand-in for python-email-validator 2.x as MiaB calls it
 * (no SMTPUTF8, no deliverability check, empty local part only for aliases), plus MiaB's own user and DCV rules
 * and its IDN helpers (which, like the `idna` package, leave a value alone when it cannot be converted).
 */
import { domainToASCII, domainToUnicode } from 'node:url';

const ATEXT = /^[a-zA-Z0-9_!#$%&'*+\-/=?^`{|}~]+$/;
const HOST_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const SPECIAL_USE = ['arpa', 'invalid', 'local', 'localhost', 'onion', 'test'];
// What IDNA 2008 (the `idna` package without UTS-46 mapping) accepts in a Unicode label, approximately.
const IDNA2008_CHARS = /^[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}\-.]+$/u;

function isAscii(s: string): boolean {
  return !/[\u0080-\u{10ffff}]/u.test(s);
}

function validLocalPart(local: string, allowEmpty: boolean): boolean {
  if (local === '') return allowEmpty;
  if (!isAscii(local) || local.length > 64) return false;
  return local.split('.').every((atom) => ATEXT.test(atom));
}

function validDomain(domain: string): boolean {
  if (domain === '' || /[^a-zA-Z0-9\-.\u0080-\u{10ffff}]/u.test(domain)) return false;
  if (domain.startsWith('.') || domain.endsWith('.') || domain.includes('..')) return false;
  const ascii = isAscii(domain) ? domain.toLowerCase() : domainToASCII(domain);
  if (ascii === '' || ascii.length > 253) return false;
  const labels = ascii.split('.');
  for (const label of labels) {
    if (label.length > 63 || !HOST_LABEL.test(label)) return false;
    if (label.slice(2, 4) === '--' && !label.startsWith('xn--')) return false;
  }
  if (labels.length < 2 || !/[a-z]$/.test(ascii)) return false;
  return !SPECIAL_USE.some((d) => ascii === d || ascii.endsWith('.' + d));
}

/** mailconfig.validate_email: general syntax; `user` adds the lowercase-ASCII rule, `alias` allows `@domain`. */
export function validateEmail(email: string, mode?: 'user' | 'alias'): boolean {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!validLocalPart(local, mode === 'alias') || !validDomain(domain)) return false;
  if (email.length > 254) return false;
  if (mode === 'user') {
    if (email.length > 255) return false;
    if (/[^@.a-z0-9_-]/.test(email)) return false;
  }
  return true;
}

/** Local parts used for domain control validation, followed by `@` or `+tag@` (§5.3). */
export function isDcvAddress(email: string): boolean {
  const e = email.toLowerCase();
  return ['admin', 'administrator', 'postmaster', 'hostmaster', 'webmaster', 'abuse'].some(
    (l) => e.startsWith(l + '@') || e.startsWith(l + '+'),
  );
}

/** Unicode domain → punycode, or the domain unchanged when it is ASCII already or not convertible. */
export function domainToIdna(domain: string): string {
  if (isAscii(domain)) return domain;
  if (!IDNA2008_CHARS.test(domain) || domain !== domain.toLowerCase()) return domain;
  const ascii = domainToASCII(domain);
  return ascii === '' ? domain : ascii;
}

/** Punycode domain → Unicode for display, or unchanged when it does not decode. */
export function domainToDisplay(domain: string): string {
  if (!isAscii(domain)) return domain;
  const u = domainToUnicode(domain);
  return u === '' ? domain : u;
}

function mapDomain(email: string, f: (d: string) => string): string {
  const parts = email.split('@');
  if (parts.length !== 2) return email;
  return parts[0] + '@' + f(parts[1] as string);
}

/** mailconfig.sanitize_idn_email_address. */
export function sanitizeIdnEmail(email: string): string {
  return mapDomain(email, domainToIdna);
}

/** mailconfig.prettify_idn_email_address. */
export function prettifyIdnEmail(email: string): string {
  return mapDomain(email, domainToDisplay);
}

/** mailconfig.get_domain: the part after the first `@`, decoded to Unicode unless asked for the stored form. */
export function emailDomain(email: string, asUnicode = true): string {
  const d = email.slice(email.indexOf('@') + 1);
  return asUnicode ? domainToDisplay(d) : d;
}
