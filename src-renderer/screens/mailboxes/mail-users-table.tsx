import type { MailUser } from '../../../src-shared/contract/mailboxes';
import { AddressText } from '../../components/address-text';
import { formatPercent, formatQuota, formatStatus, formatUsed, type MailRow } from '../../stores/mailboxes-view';
import { spacerRow, useKeyboardRows } from '../keyboard-rows';
import { UserActions } from './user-actions';

interface Props {
  readonly boxId: string;
  readonly rows: readonly MailRow[];
  readonly quotas: boolean;
  readonly activeKey: string | null;
  readonly onActive: (key: string) => void;
}

const COLUMNS = ['Email', 'Status', 'Quota', 'Used', 'Percent', 'Privileges', 'Actions'] as const;
/** A user row is about this tall at full width; real heights are measured as rows render. */
const ROW_ESTIMATE = 48;

function domainId(domain: string): string {
  return `mail-domain-${domain.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function UserCells({ boxId, user, quotas }: { boxId: string; user: MailUser; quotas: boolean }) {
  return (
    <>
      <td data-label="Status">
        <span className={user.status === 'active' ? 'status status-active' : 'status status-archived'}>
          {formatStatus(user)}
        </span>
      </td>
      <td className="numeric" data-label="Quota">
        {formatQuota(user)}
      </td>
      <td className="numeric" data-label="Used">
        {formatUsed(user)}
      </td>
      <td className="numeric" data-label="Percent">
        {formatPercent(user)}
      </td>
      <td data-label="Privileges">
        {user.privileges.length === 0 ? (
          <span className="muted">None</span>
        ) : (
          <ul className="tags" aria-label={`Privileges of ${user.email}`}>
            {user.privileges.map((privilege) => (
              <li key={privilege} className={privilege === 'admin' ? 'tag tag-admin' : 'tag'}>
                {privilege === 'admin' ? 'Admin' : privilege}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="mail-user-actions">
        <UserActions boxId={boxId} user={user} quotas={quotas} />
      </td>
    </>
  );
}

/**
 * Every mail user of a box, grouped by domain, however many: only the rows in view are in the document (spacer rows
 * keep the scroll height). The address of one row is the tab stop; the arrow keys, Page Up/Down, Home and End move
 * between rows, Tab reaches that row's actions. Text from the box is rendered as text, never as HTML.
 */
export function MailUsersTable({ boxId, rows, quotas, activeKey, onActive }: Props) {
  const { scroller, items, before, after, onKeyDown, focusProps, rowProps } = useKeyboardRows({
    rows,
    keyOf: (row) => row.key,
    activeKey,
    onActive,
    rowEstimate: ROW_ESTIMATE,
    estimateSize: (index) => (rows[index]?.kind === 'domain' ? 44 : ROW_ESTIMATE),
  });
  return (
    <div className="table-wrap mail-users-scroller" ref={scroller}>
      <table className="table mail-users-table" aria-rowcount={rows.length + 1}>
        <caption className="sr-only">Mail users</caption>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((column) => (
              <th key={column} scope="col">
                {column === 'Actions' ? <span className="sr-only">{column}</span> : column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody id="mail-users-rows" onKeyDown={onKeyDown}>
          {spacerRow(before, COLUMNS.length)}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const key = row.key;
            const focus = focusProps(key, item.index);
            if (row.kind === 'domain') {
              return (
                <tr key={item.key} {...rowProps(item.index)} className="mail-domain-row">
                  <th scope="colgroup" colSpan={COLUMNS.length} id={domainId(row.domain)} {...focus}>
                    <span className="mail-domain-name">{row.domain}</span>{' '}
                    <span className="muted">
                      {row.shown === row.total
                        ? `${row.total} ${row.total === 1 ? 'user' : 'users'}`
                        : `${row.shown} of ${row.total} users`}
                    </span>
                  </th>
                </tr>
              );
            }
            const { user } = row;
            return (
              <tr
                key={item.key}
                {...rowProps(item.index)}
                className={user.status === 'active' ? 'mail-user-row' : 'mail-user-row is-archived'}
              >
                <th scope="row" headers={domainId(row.domain)} {...focus}>
                  <AddressText address={user.email} className="email" />
                  {user.status === 'inactive' && user.mailbox ? (
                    <span className="mail-restore-path">
                      Mail kept in <code>{user.mailbox}</code>
                    </span>
                  ) : null}
                </th>
                <UserCells boxId={boxId} user={user} quotas={quotas} />
              </tr>
            );
          })}
          {spacerRow(after, COLUMNS.length)}
        </tbody>
      </table>
    </div>
  );
}
