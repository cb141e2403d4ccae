/**
 * Mail user bookkeeping as mailconfig.py does it (§4.2, §5.2–§5.5): validation in the daemon's order, the JSON
 * listing with its quota fields, and the user mutations.
 */
import { PyValueError } from './auth-header';
import { emailDomain, isDcvAddress, validateEmail } from './email-syntax';
import { kick } from './kick';
import { sortDomains, sortEmails } from './ordering';
import { hashPassword } from './passwords';
import { percentFmt, sizeofFmt } from './py-format';
import type { BoxState, EmuBox, UserRecord } from './types';

/** A (message, status) tuple a view returns. */
export interface Failure {
  message: string;
  status: number;
}

export function notAUser(email: string): Failure {
  return { message: `That's not a user (${email}).`, status: 400 };
}

export function findUser(state: BoxState, email: string): UserRecord | undefined {
  return state.users.find((u) => u.email === email);
}

/** Python's len(): code points, not UTF-16 units. */
function pyLen(s: string): number {
  return [...s].length;
}

export function validatePassword(pw: string): void {
  if (pw.trim() === '') throw new PyValueError('No password provided.');
  if (pyLen(pw) < 8) throw new PyValueError('Passwords must be at least eight characters.');
}

/** validate_quota: trimmed, upper-cased, digits with an optional M or G. */
export function validateQuota(quota: string): string {
  const q = quota.trim().toUpperCase();
  if (q === '') throw new PyValueError('No quota provided.');
  if (/[\s,.]/u.test(q)) throw new PyValueError('Quotas cannot contain spaces, commas, or decimal points.');
  if (!/^\p{Nd}+[GM]?$/u.test(q)) throw new PyValueError('Invalid quota.');
  return q;
}

export function invalidPrivilege(priv: string): Failure | null {
  return priv.includes('\n') || priv.trim() === ''
    ? { message: `That's not a valid privilege (${priv}).`, status: 400 }
    : null;
}

/** What `doveadm quota recalc` leaves in maildirsize: the byte limit of the new quota. */
export function quotaBytes(quota: string): number {
  const m = /^(\d+)([MG]?)$/.exec(quota);
  if (!m) return 0;
  return Number(m[1]) * (m[2] === 'G' ? 1024 ** 3 : m[2] === 'M' ? 1024 ** 2 : 1);
}

/** add_mail_user: the kick report, or a failure. PyValueError escapes for the route to map to 400. */
export function addMailUser(box: EmuBox, email: string, pw: string, privs: string, quota: string): string | Failure {
  const state = box.state;
  if (email.trim() === '') return { message: 'No email address provided.', status: 400 };
  if (!validateEmail(email)) return { message: 'Invalid email address.', status: 400 };
  if (!validateEmail(email, 'user')) {
    return {
      message:
        'User account email addresses may only use the lowercase ASCII letters a-z, the digits 0-9, underscore (_), hyphen (-), and period (.).',
      status: 400,
    };
  }
  if (isDcvAddress(email) && state.users.length > 0) {
    return {
      message:
        'You may not make a user account for that address because it is frequently used for domain control validation. Use an alias instead if necessary.',
      status: 400,
    };
  }
  validatePassword(pw);
  const privileges = privs.trim() === '' ? [] : privs.split('\n');
  for (const p of privileges) {
    const bad = invalidPrivilege(p);
    if (bad) return bad;
  }
  let q: string;
  try {
    q = validateQuota(quota);
  } catch (e) {
    if (e instanceof PyValueError) return { message: e.message, status: 400 };
    throw e;
  }
  if (findUser(state, email)) return { message: 'User already exists.', status: 400 };

  const at = email.indexOf('@');
  const leftover = state.leftoverMailboxes.findIndex(
    (m) => m.localpart === email.slice(0, at) && m.domain === email.slice(at + 1),
  );
  const maildirsize = leftover >= 0 ? (state.leftoverMailboxes[leftover]?.maildirsize ?? null) : null;
  if (leftover >= 0) state.leftoverMailboxes.splice(leftover, 1);
  state.users.push({
    id: state.users.reduce((m, u) => Math.max(m, u.id), 0) + 1,
    email,
    password: hashPassword(pw),
    privileges,
    quota: q,
    maildirsize: maildirsize && { ...maildirsize, quotaBytes: quotaBytes(q) },
    mfa: [],
  });
  return kick(box, 'mail user added');
}

/** remove_mail_user: the row goes, the maildir stays and lists as inactive. */
export function removeMailUser(box: EmuBox, email: string): string | Failure {
  const state = box.state;
  const user = findUser(state, email);
  if (!user) return notAUser(email);
  state.users = state.users.filter((u) => u !== user);
  const at = email.indexOf('@');
  state.leftoverMailboxes.push({
    domain: email.slice(at + 1),
    localpart: email.slice(0, at),
    maildirsize: user.maildirsize,
  });
  return kick(box, 'mail user removed');
}

type JsonUser = Record<string, unknown>;

function activeEntry(u: UserRecord, power: boolean): JsonUser {
  const m = u.maildirsize;
  let percent = m === null ? '?' : m.quotaBytes === 0 ? 'Error' : percentFmt((m.usedBytes / m.quotaBytes) * 100);
  if (u.quota === '0') percent = '';
  const entry: JsonUser = {
    email: u.email,
    privileges: u.privileges.filter((p) => p.trim() !== ''),
    quota: u.quota,
    box_quota: m === null ? '?' : m.quotaBytes,
    box_size: m === null ? '?' : sizeofFmt(m.usedBytes),
    percent,
    status: 'active',
  };
  if (power) entry['box_count'] = m === null ? '?' : m.messages;
  return entry;
}

/** get_mail_users_ex(with_archived=True): domain groups (Unicode names) of active and inactive users. */
export function usersJson(state: BoxState): Array<{ domain: string; users: JsonUser[] }> {
  const power = state.flavour === 'power';
  const users = state.users.map((u) => activeEntry(u, power));
  const active = new Set(state.users.map((u) => u.email));
  for (const m of state.leftoverMailboxes) {
    const email = `${m.localpart}@${m.domain}`;
    if (active.has(email)) continue;
    const entry: JsonUser = {
      email,
      privileges: [],
      status: 'inactive',
      mailbox: `${state.storageRoot}/mail/mailboxes/${m.domain}/${m.localpart}`,
      box_quota: '?',
      box_size: '?',
      percent: '?',
    };
    if (power) entry['box_count'] = '?';
    users.push(entry);
  }
  const groups = new Map<string, JsonUser[]>();
  for (const u of users) {
    const d = emailDomain(u['email'] as string);
    groups.set(d, [...(groups.get(d) ?? []), u]);
  }
  return sortDomains([...groups.keys()], state.hostname).map((domain) => ({
    domain,
    users: (groups.get(domain) ?? []).sort((a, b) => {
      const sa = Number(a['status'] !== 'active');
      const sb = Number(b['status'] !== 'active');
      const ea = a['email'] as string;
      const eb = b['email'] as string;
      return sa - sb || (ea < eb ? -1 : ea > eb ? 1 : 0);
    }),
  }));
}

/** get_mail_users: active logins in email order. */
export function userEmails(state: BoxState): string[] {
  return sortEmails(
    state.users.map((u) => u.email),
    state.hostname,
  );
}
