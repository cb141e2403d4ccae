/**
 * The box's rules for mail users, passwords, quotas and aliases (§5 of the API reference), checked before the box is
 * asked. Every refusal carries the text the box itself gives for it, so a message shown before sending is the same as
 * the one the box would have sent back.
 */
import { domainToAscii, emailToAscii } from './idn';

export const MAIL_MESSAGES = {
  noEmail: 'No email address provided.',
  invalidEmail: 'Invalid email address.',
  userChars:
    'User account email addresses may only use the lowercase ASCII letters a-z, the digits 0-9, underscore (_), hyphen (-), and period (.).',
  dcvUser:
    'You may not make a user account for that address because it is frequently used for domain control validation. Use an alias instead if necessary.',
  userExists: 'User already exists.',
  noPassword: 'No password provided.',
  shortPassword: 'Passwords must be at least eight characters.',
  noQuota: 'No quota provided.',
  quotaChars: 'Quotas cannot contain spaces, commas, or decimal points.',
  invalidQuota: 'Invalid quota.',
  dcvAlias:
    'This alias can only have administrators of this system as destinations because the address is frequently used for domain control validation.',
  emptyAlias: 'The alias must either forward to an address or have a permitted sender.',
  invalidAlias: (address: string) => `Invalid email address (${address}).`,
  invalidReceiver: (address: string) => `Invalid receiver email address (${address}).`,
  invalidSender: (login: string) => `Invalid permitted sender: ${login} is not a user on this system.`,
  aliasExists: (address: string) => `Alias already exists (${address}).`,
  notAUser: (email: string) => `That's not a user (${email}).`,
  notAnAlias: (address: string) => `That's not an alias (${address}).`,
} as const;

/** A value the box would accept (normalised as the box stores it), or the box's refusal text and the field at fault. */
export type RuleResult<T> = { ok: true; value: T } | { ok: false; message: string; field?: string };

const accept = <T>(value: T): RuleResult<T> => ({ ok: true, value });
const refuse = <T>(message: string, field?: string): RuleResult<T> =>
  field === undefined ? { ok: false, message } : { ok: false, message, field };

const ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** Names reserved for special use (RFC 6761 and later) that the box's validator refuses; `.example`, `.lan` pass. */
const SPECIAL_USE = ['arpa', 'invalid', 'local', 'localhost', 'onion', 'test'];
/** What IDNA 2008 takes in a Unicode label, roughly: lower-case letters, marks, digits and hyphens. */
const IDNA_LABEL = /^[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}-]+$/u;

function validLocalPart(local: string, allowEmpty: boolean): boolean {
  if (local === '') return allowEmpty;
  // No SMTPUTF8: the local part is ASCII dot-atoms, so no leading, trailing or doubled dot.
  return local.length <= 64 && local.split('.').every((atom) => ATOM.test(atom));
}

function validDomain(domain: string): boolean {
  if (domain === '' || domain.startsWith('.') || domain.endsWith('.') || domain.includes('..')) return false;
  const unicodeLabels = domain.split('.').filter((label) => /\P{ASCII}/u.test(label));
  if (unicodeLabels.some((label) => !IDNA_LABEL.test(label))) return false;
  const ascii = domainToAscii(domain)?.toLowerCase();
  if (ascii === undefined || ascii.length > 253) return false;
  const labels = ascii.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length > 63 || !LABEL.test(label)) return false;
    // Hyphens in the third and fourth place are reserved for punycode.
    if (label.slice(2, 4) === '--' && !label.startsWith('xn--')) return false;
  }
  // A real-looking top-level domain ends in a letter (`a@1.2` is refused).
  if (!/[a-z]$/.test(ascii)) return false;
  return !SPECIAL_USE.some((name) => ascii === name || ascii.endsWith('.' + name));
}

/**
 * General email syntax as the box checks it (§5.1): ASCII local part without doubled dots, a domain with a dot and a
 * real-looking top-level domain, no special-use names. `user` adds the account rule (§5.2); `alias` allows `@domain`.
 */
export function isValidEmail(email: string, mode?: 'user' | 'alias'): boolean {
  const at = email.lastIndexOf('@');
  if (at < 0 || email.length > 254) return false;
  if (!validLocalPart(email.slice(0, at), mode === 'alias') || !validDomain(email.slice(at + 1))) return false;
  return mode !== 'user' || (email.length <= 255 && !/[^@.a-z0-9_-]/.test(email));
}

const DCV_LOCAL_PARTS = ['admin', 'administrator', 'postmaster', 'hostmaster', 'webmaster', 'abuse'];

/** An address commonly used for domain control validation (§5.3): those local parts, then `@` or `+tag@`. */
export function isDcvAddress(email: string): boolean {
  const lower = email.toLowerCase();
  return DCV_LOCAL_PARTS.some((local) => lower.startsWith(local + '@') || lower.startsWith(local + '+'));
}

/**
 * A new user's address (§5.2, §5.3), in the box's order of checks. `hasUsers`: the box already has a user, which
 * makes DCV addresses (admin@, postmaster@ ...) unavailable as accounts.
 */
export function checkUserAddress(email: string, hasUsers: boolean): string | null {
  if (email.trim() === '') return MAIL_MESSAGES.noEmail;
  if (!isValidEmail(email)) return MAIL_MESSAGES.invalidEmail;
  if (!isValidEmail(email, 'user')) return MAIL_MESSAGES.userChars;
  if (isDcvAddress(email) && hasUsers) return MAIL_MESSAGES.dcvUser;
  return null;
}

/** §5.4: not blank, at least eight characters; nothing else is enforced by the box. */
export function checkPassword(password: string): string | null {
  if (password.trim() === '') return MAIL_MESSAGES.noPassword;
  // The box counts characters as Python does (code points), not UTF-16 units: four emoji are four characters.
  if ([...password].length < 8) return MAIL_MESSAGES.shortPassword;
  return null;
}

/**
 * A warning, not a refusal: the box stores a password with non-ASCII characters, but its API (and so its control
 * panel) only decodes ASCII credentials, so that user could not sign in there (§2.1, §5.4).
 */
export function passwordWarning(password: string): string | null {
  return /\P{ASCII}/u.test(password)
    ? "This password has characters outside ASCII: the box accepts it, but this user will not be able to sign in to the box's control panel with it."
    : null;
}

/** §5.5: trimmed and upper-cased, then digits with an optional M or G; "0" is unlimited. The value is what is stored. */
export function parseQuota(quota: string): RuleResult<string> {
  const value = quota.trim().toUpperCase();
  if (value === '') return refuse(MAIL_MESSAGES.noQuota);
  if (/[\s,.]/.test(value)) return refuse(MAIL_MESSAGES.quotaChars);
  if (!/^\d+[MG]?$/.test(value)) return refuse(MAIL_MESSAGES.invalidQuota);
  return accept(value);
}

/** A stored quota in bytes (M and G are binary, as Dovecot reads them); 0 is unlimited; null when not a quota. */
export function quotaToBytes(quota: string): number | null {
  const match = /^(\d+)([MG]?)$/.exec(quota.trim().toUpperCase());
  if (!match) return null;
  const unit = match[2] === 'G' ? 1024 ** 3 : match[2] === 'M' ? 1024 ** 2 : 1;
  return Number(match[1]) * unit;
}

/** Bytes the way the box shows mailbox sizes: one decimal below 100 of a unit, none from 100 on (`1.5M`, `512K`). */
export function formatBytes(bytes: number): string {
  const units = ['', 'K', 'M', 'G', 'T'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return (value < 100 ? value.toFixed(1) : Math.round(value).toString()) + units[unit];
}

/** A stored quota in words for a list: "unlimited" for 0, otherwise its size (`2G` → `2.0G`, `1073741824` → `1.0G`). */
export function formatQuota(quota: string): string {
  const bytes = quotaToBytes(quota);
  if (bytes === null) return quota;
  return bytes === 0 ? 'unlimited' : formatBytes(bytes);
}

/** What the box knows about its users when it checks an alias: logins, and which of them are admins. */
export interface AliasContext {
  users: ReadonlyArray<{ email: string; admin: boolean }>;
}

export interface AliasDraft {
  address: string;
  forwardsTo: readonly string[];
  permittedSenders: readonly string[];
}

/**
 * The alias address as the box stores it: domain in punycode, lowercased, trimmed (§4.3.2). Lowercased and trimmed
 * before the conversion, unlike on the box, whose IDNA encoder gives up on `Bücher.de` or a trailing space and then
 * stores the Unicode form no mail ever reaches; for every address the box converts, the result is the same.
 */
export function normaliseAliasAddress(address: string): string {
  return emailToAscii(address.trim().toLowerCase());
}

function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(/[\n,]/))
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * An alias as the box checks it (§5.6, §5.3), in the box's order; the value is what the box would store. Existence
 * (`Alias already exists`) is the caller's to check: it depends on the box's list and on `update`.
 */
export function checkAlias(draft: AliasDraft, context: AliasContext): RuleResult<AliasDraft> {
  const address = normaliseAliasAddress(draft.address);
  if (address === '') return refuse(MAIL_MESSAGES.noEmail, 'address');
  if (!isValidEmail(address, 'alias')) return refuse(MAIL_MESSAGES.invalidAlias(address), 'address');
  const dcvSource = isDcvAddress(address);
  // The box gets the list comma-joined; a single value may be `@domain` (a domain alias), except for a DCV source.
  const joined = draft.forwardsTo.join(',').trim();
  const single = emailToAscii(joined);
  const forwardsTo: string[] = [];
  if (isValidEmail(single, 'alias') && !dcvSource) {
    forwardsTo.push(single);
  } else {
    for (const part of splitList([joined])) {
      const email = emailToAscii(part);
      if (!isValidEmail(email)) return refuse(MAIL_MESSAGES.invalidReceiver(email), 'forwardsTo');
      const login = email.replace(/\+[^@]*(?=@)/, '');
      const admin = context.users.some((user) => user.email === login && user.admin);
      if (dcvSource && !isDcvAddress(email) && !admin) return refuse(MAIL_MESSAGES.dcvAlias, 'forwardsTo');
      forwardsTo.push(email);
    }
  }
  const logins = new Set(context.users.map((user) => user.email));
  const permittedSenders: string[] = [];
  for (const login of splitList(draft.permittedSenders)) {
    if (!logins.has(login)) return refuse(MAIL_MESSAGES.invalidSender(login), 'permittedSenders');
    permittedSenders.push(login);
  }
  if (forwardsTo.length + permittedSenders.length === 0) return refuse(MAIL_MESSAGES.emptyAlias, 'forwardsTo');
  return accept({ address, forwardsTo, permittedSenders });
}

export type AliasKindName = 'regular' | 'catch-all' | 'domain-alias' | 'send-only';

/**
 * What an alias is (§4.3.2): send-only when it forwards nowhere; for an `@domain` address, a domain alias when it
 * forwards to one `@other-domain` (the local part is kept), a catch-all otherwise; regular for everything else.
 */
export function aliasKind(alias: { address: string; forwardsTo: readonly string[] }): AliasKindName {
  if (alias.forwardsTo.length === 0) return 'send-only';
  if (!alias.address.startsWith('@')) return 'regular';
  const [only, ...rest] = alias.forwardsTo;
  return rest.length === 0 && only !== undefined && only.startsWith('@') ? 'domain-alias' : 'catch-all';
}

/** The domain of an address (the part after its last `@`). */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}
