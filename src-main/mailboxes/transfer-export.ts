import type { TransferFormat, TransferKind } from '../../src-shared/contract/mail-fleet';
import { emailToAscii } from '../../src-shared/domain/idn';
import type { AliasGroup, MailUserGroup } from '../../src-shared/domain/miab';
import { toMailUser } from './users-view';
import { ALIAS_COLUMNS, encodeRecords, USER_EXPORT_COLUMNS, type ExportRecord } from './transfer-format';

/** Every user, active and archived, as the box lists them (§4.2.1); sizes as the box shows them. */
export function userRecords(groups: MailUserGroup[]): ExportRecord[] {
  return groups.flatMap((group) =>
    group.users.map((entry) => {
      const user = toMailUser(entry);
      return {
        email: user.email,
        status: user.status,
        admin: user.privileges.includes('admin'),
        quota: user.quota ?? null,
        used: user.usedDisplay,
        percent: user.percent,
        messages: user.messages,
        mailbox: user.mailbox ?? null,
      };
    }),
  );
}

/**
 * The aliases an admin made (the automatic ones are the box's to keep, and an import could not change them). The
 * address and forward-to addresses in Unicode, as the box's page shows them; permitted senders are user logins, which
 * the box matches exactly, so they stay in the stored (punycode) form.
 */
export function aliasRecords(groups: AliasGroup[]): ExportRecord[] {
  return groups.flatMap((group) =>
    group.aliases
      .filter((alias) => !alias.auto)
      .map((alias) => ({
        address: alias.address_display,
        // A send-only alias is listed as forwarding to [""] (its stored destination is empty).
        forwards_to: alias.forwards_to.filter((to) => to !== ''),
        permitted_senders: (alias.permitted_senders ?? []).map(emailToAscii),
      })),
  );
}

export function exportText(kind: TransferKind, format: TransferFormat, records: ExportRecord[]): string {
  return encodeRecords(format, kind === 'users' ? USER_EXPORT_COLUMNS : ALIAS_COLUMNS, records);
}

/** `mail-example-com-users-2026-11-30.csv`: the box's name made safe for any file system. */
export function exportFilename(boxName: string, kind: TransferKind, format: TransferFormat, now: Date): string {
  const safe = boxName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'box';
  return `${safe}-${kind}-${now.toISOString().slice(0, 10)}.${format}`;
}
