import type { ImportRow } from '../../src-shared/contract/mail-fleet';
import { emailToAscii } from '../../src-shared/domain/idn';
import {
  checkAlias,
  checkPassword,
  checkUserAddress,
  normaliseAliasAddress,
  parseQuota,
} from '../../src-shared/domain/mail-rules';
import type { AliasGroup, MailUserGroup } from '../../src-shared/domain/miab';
import type { ImportRecord } from './transfer-format';

/** What applying a row sends. It may hold a password: it lives only as long as the call or job, never in a result. */
export type UserOp =
  | { kind: 'create'; email: string; password: string; admin: boolean; quota?: string }
  | { kind: 'update'; email: string; password?: string; admin?: boolean; quota?: string };

export interface AliasOp {
  address: string;
  forwardsTo: string[];
  permittedSenders: string[];
  update: boolean;
}

export interface PlanEntry<Op> {
  row: ImportRow;
  /** Null for rows that are skipped or in error: nothing is sent for them. */
  op: Op | null;
}

export interface UserPlanContext {
  groups: MailUserGroup[];
  /** Null when the box has quota routes; otherwise why not, for rows that set one. */
  quotasAbsentReason: string | null;
}

function errorRow(row: number, address: string, detail: string): PlanEntry<never> {
  return { row: { row, address, action: 'error', detail }, op: null };
}

/** `yes`/`no`, `true`/`false`, `1`/`0` in any case; empty = not given. */
function parseAdmin(value: string | undefined): { ok: true; value: boolean | undefined } | { ok: false } {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '') return { ok: true, value: undefined };
  if (['yes', 'true', '1', 'y'].includes(text)) return { ok: true, value: true };
  if (['no', 'false', '0', 'n'].includes(text)) return { ok: true, value: false };
  return { ok: false };
}

/** Each address once per file: a second row for it would undo or repeat the first. */
function duplicateOf(seen: Map<string, number>, key: string, row: number): string | null {
  const first = seen.get(key);
  if (first !== undefined) return `Row ${first} has the same address; each address may appear once.`;
  seen.set(key, row);
  return null;
}

/**
 * Users: a new address is created (a password is required), an archived one is restored by creating it again, an
 * existing one is updated where the file differs (password when given, admin, quota) or skipped when it does not.
 * Every rule is the box's (§5), with the box's text, so the dry run refuses what the box would refuse.
 */
export function planUsers(records: ImportRecord[], context: UserPlanContext): Array<PlanEntry<UserOp>> {
  const users = context.groups.flatMap((group) => group.users);
  const active = new Map(users.filter((u) => u.status === 'active').map((u) => [u.email, u]));
  const archived = new Set(users.filter((u) => u.status === 'inactive').map((u) => u.email));
  let hasUsers = active.size > 0;
  const seen = new Map<string, number>();
  return records.map((record): PlanEntry<UserOp> => {
    const email = (record.fields.get('email') ?? '').trim();
    if (record.problem !== undefined) return errorRow(record.row, email, record.problem);
    const duplicate = email === '' ? null : duplicateOf(seen, email, record.row);
    if (duplicate !== null) return errorRow(record.row, email, duplicate);
    const password = record.fields.get('password') ?? '';
    const admin = parseAdmin(record.fields.get('admin'));
    if (!admin.ok) return errorRow(record.row, email, 'The admin column takes yes or no.');
    const current = active.get(email);
    if (current === undefined && (record.fields.get('status') ?? '').trim().toLowerCase() === 'inactive') {
      // An export lists archived users too; feeding it back must not try to restore them without a password.
      return {
        row: { row: record.row, address: email, action: 'skip', detail: 'Archived in the file: left as it is.' },
        op: null,
      };
    }
    if (current === undefined) {
      // The box's order: address, password, then quota.
      const refused = checkUserAddress(email, hasUsers) ?? checkPassword(password);
      if (refused !== null) return errorRow(record.row, email, refused);
    }
    let quota: string | undefined;
    const quotaText = record.fields.get('quota') ?? '';
    if (quotaText.trim() !== '') {
      if (context.quotasAbsentReason !== null) return errorRow(record.row, email, context.quotasAbsentReason);
      const parsed = parseQuota(quotaText);
      if (!parsed.ok) return errorRow(record.row, email, parsed.message);
      quota = parsed.value;
    }
    if (current === undefined) {
      hasUsers = true;
      const isAdmin = admin.value ?? false;
      const parts = [archived.has(email) ? 'Restores the archived mailbox' : 'New user'];
      if (isAdmin) parts.push('admin');
      parts.push(quota === undefined ? 'the default quota' : `quota ${quota}`);
      return {
        row: { row: record.row, address: email, action: 'create', detail: parts.join(', ') + '.' },
        op: { kind: 'create', email, password, admin: isAdmin, ...(quota === undefined ? {} : { quota }) },
      };
    }
    const op: UserOp = { kind: 'update', email };
    const changes: string[] = [];
    if (password !== '') {
      const refused = checkPassword(password);
      if (refused !== null) return errorRow(record.row, email, refused);
      op.password = password;
      changes.push('sets the password');
    }
    const wasAdmin = current.privileges.includes('admin');
    if (admin.value !== undefined && admin.value !== wasAdmin) {
      op.admin = admin.value;
      changes.push(admin.value ? 'grants admin' : 'revokes admin');
    }
    if (quota !== undefined && quota !== (current.quota ?? '').toUpperCase()) {
      op.quota = quota;
      changes.push(`quota ${current.quota ?? '(none)'} → ${quota}`);
    }
    if (changes.length === 0) {
      return {
        row: { row: record.row, address: email, action: 'skip', detail: 'Already on the box as in the file.' },
        op: null,
      };
    }
    const detail = changes.join(', ');
    return {
      row: {
        row: record.row,
        address: email,
        action: 'update',
        detail: detail.charAt(0).toUpperCase() + detail.slice(1) + '.',
      },
      op,
    };
  });
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => {
  // The box lists a send-only alias as forwarding to [""]: an empty entry is no address.
  const norm = (list: readonly string[]) =>
    list
      .filter((v) => v.trim() !== '')
      .map((v) => emailToAscii(v.trim()).toLowerCase())
      .sort();
  const x = norm(a);
  const y = norm(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/**
 * Aliases: new addresses are created, existing ones replaced (`update_if_exists`, both lists) where the file differs
 * and skipped where it does not; an automatic alias is replaced by a made one, as the box allows. Checked with the box's rules
 * against its current users (permitted senders must be users; DCV sources need admin destinations).
 */
export function planAliases(
  records: ImportRecord[],
  groups: AliasGroup[],
  users: MailUserGroup[],
): Array<PlanEntry<AliasOp>> {
  const existing = new Map(groups.flatMap((group) => group.aliases).map((alias) => [alias.address, alias]));
  const context = {
    users: users
      .flatMap((group) => group.users)
      .filter((user) => user.status === 'active')
      .map((user) => ({ email: user.email, admin: user.privileges.includes('admin') })),
  };
  const seen = new Map<string, number>();
  return records.map((record): PlanEntry<AliasOp> => {
    const given = (record.fields.get('address') ?? '').trim();
    const address = normaliseAliasAddress(given);
    if (record.problem !== undefined) return errorRow(record.row, address || given, record.problem);
    const duplicate = address === '' ? null : duplicateOf(seen, address, record.row);
    if (duplicate !== null) return errorRow(record.row, address, duplicate);
    const checked = checkAlias(
      {
        address: given,
        forwardsTo: [record.fields.get('forwards_to') ?? ''],
        permittedSenders: [record.fields.get('permitted_senders') ?? ''],
      },
      context,
    );
    if (!checked.ok) return errorRow(record.row, address || given, checked.message);
    const alias = checked.value;
    const op: Omit<AliasOp, 'update'> = {
      ...alias,
      forwardsTo: [...alias.forwardsTo],
      permittedSenders: [...alias.permittedSenders],
    };
    const current = existing.get(alias.address);
    // An automatic alias (postmaster@, abuse@ ...) lives in the box's own table: an alias made for the same address
    // takes its place, as on the box's Aliases page, and is created rather than updated.
    if (current === undefined || current.auto) {
      const to = alias.forwardsTo.length === 0 ? 'sends only' : `forwards to ${alias.forwardsTo.join(', ')}`;
      const what = current === undefined ? 'New alias' : 'New alias in place of the automatic one';
      return {
        row: { row: record.row, address: alias.address, action: 'create', detail: `${what}, ${to}.` },
        op: { ...op, update: false },
      };
    }
    const sameTo = sameList(current.forwards_to, alias.forwardsTo);
    const sameSenders = sameList(current.permitted_senders ?? [], alias.permittedSenders);
    if (sameTo && sameSenders) {
      return {
        row: { row: record.row, address: alias.address, action: 'skip', detail: 'Already on the box as in the file.' },
        op: null,
      };
    }
    const changes: string[] = [];
    if (!sameTo)
      changes.push(
        `forwards to ${alias.forwardsTo.join(', ') || '(nobody)'} (was ${current.forwards_to.filter((to) => to !== '').join(', ') || 'nobody'})`,
      );
    if (!sameSenders)
      changes.push(
        `permitted senders ${alias.permittedSenders.join(', ') || '(none)'} (were ${(current.permitted_senders ?? []).join(', ') || 'none'})`,
      );
    const detail = changes.join('; ');
    return {
      row: {
        row: record.row,
        address: alias.address,
        action: 'update',
        detail: detail.charAt(0).toUpperCase() + detail.slice(1) + '.',
      },
      op: { ...op, update: true },
    };
  });
}
