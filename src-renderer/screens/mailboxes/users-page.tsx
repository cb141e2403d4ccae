import { useEffect, useMemo, useState } from 'react';
import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import { ListFilter } from '../../components/list-filter';
import { ReloadButton } from '../../components/reload-button';
import { countUsers, largestMailboxes, mailRows } from '../../stores/mailboxes-view';
import { NOT_LOADED } from '../../stores/mailboxes-store';
import { useMailboxes, useUserEdit } from '../../stores/stores-context';
import { BoxListFailure } from '../box-actions/box-list-failure';
import { MailTransferPanel } from '../mail-transfer/mail-transfer-panel';
import { LargestMailboxesChart } from './largest-mailboxes-chart';
import { MailUsersTable } from './mail-users-table';
import { UserDialog } from './user-dialog';

const NO_USERS: never[] = [];

/** The box's mail users grouped by domain, with every change the box's own Users page offers. */
export function UsersPage({ box }: { box: Box }) {
  const entry = useMailboxes((s) => s.byBox[box.id] ?? NOT_LOADED);
  const capabilities = useMailboxes((s) => s.capabilities[box.id] ?? NOT_LOADED);
  const query = useMailboxes((s) => s.filter[box.id] ?? '');
  const load = useMailboxes((s) => s.load);
  const loadCapabilities = useMailboxes((s) => s.loadCapabilities);
  const setFilter = useMailboxes((s) => s.setFilter);
  const openAdd = useUserEdit((s) => s.openAdd);
  const outcome = useUserEdit((s) => (s.outcome?.boxId === box.id ? s.outcome : null));
  const adminError = useUserEdit((s) => (s.adminError?.boxId === box.id ? s.adminError : null));
  const [activeKey, setActiveKey] = useState<string | null>(null);

  useEffect(() => {
    void load(box.id);
    void loadCapabilities(box.id);
  }, [box.id, load, loadCapabilities]);

  const domains = entry.data ?? NO_USERS;
  const total = countUsers(domains);
  const rows = useMemo(() => mailRows(domains, query), [domains, query]);
  const largest = useMemo(() => largestMailboxes(domains, 10), [domains]);
  const archived = useMemo(
    () => domains.reduce((count, group) => count + group.users.filter((u) => u.status === 'inactive').length, 0),
    [domains],
  );
  const shown = rows.reduce((count, row) => (row.kind === 'domain' ? count + row.shown : count), 0);
  const quotasAbsent = capabilities.data && !capabilities.data.quotas ? capabilities.data.quotasAbsentReason : null;
  const quotas = capabilities.data?.quotas ?? true;

  return (
    <section aria-labelledby="mail-users-title" className="mailboxes">
      <div className="section-toolbar">
        <h2 id="mail-users-title" className="section-title">
          Mail users
        </h2>
        {total > 0 ? (
          <ListFilter
            id="mail-users-filter"
            label="Filter mail users"
            placeholder="Filter by address, domain, status or privilege"
            value={query}
            onChange={(value) => setFilter(box.id, value)}
            controls="mail-users-rows"
            landmark
          />
        ) : null}
        <button type="button" className="button button-primary" onClick={() => openAdd(box.id)}>
          Add a user
        </button>
        <ReloadButton loading={entry.status === 'loading'} onReload={() => void load(box.id)} />
      </div>
      <BoxListFailure
        box={box}
        error={entry.status === 'failed' ? entry.error : null}
        context={`Could not list the mail users of ${box.name}`}
        onRetry={() => void load(box.id)}
      />
      {adminError ? (
        <ErrorBanner
          context={`Could not change the admin privilege of ${adminError.email}`}
          report={adminError.report}
        />
      ) : null}
      {outcome ? (
        <div className="banner banner-success" role="status">
          <p className="banner-title">{outcome.text}</p>
          {outcome.report ? <pre className="change-report">{outcome.report}</pre> : null}
        </div>
      ) : null}
      {quotasAbsent ? <p className="note">Quotas: {quotasAbsent}</p> : null}
      {archived > 0 ? (
        <p className="note">
          {archived === 1 ? 'An archived user’s' : `${archived} archived users’`} mail stays on the box in the folder
          shown. Restore adds the address again and brings the mail back; deleting the folder on the box erases it for
          good.
        </p>
      ) : null}
      <p role="status" className="muted">
        {entry.status === 'loading' ? `Loading the mail users of ${box.name}…` : null}
        {entry.status !== 'loading' && entry.data !== null && total > 0
          ? query.trim() === ''
            ? `${total} mail ${total === 1 ? 'user' : 'users'} in ${domains.length} ${domains.length === 1 ? 'domain' : 'domains'}.`
            : `${shown} of ${total} mail users match.`
          : null}
      </p>
      {entry.status === 'ready' && total === 0 ? (
        <div className="empty-state empty-state-small">
          <h3>No mail users on this box yet</h3>
          <p>Add the first one with “Add a user”: it gets a mailbox, and its domain starts receiving mail.</p>
        </div>
      ) : null}
      {total > 0 && shown === 0 ? <p className="note">No mail users match “{query.trim()}”.</p> : null}
      {rows.length > 0 ? (
        <MailUsersTable boxId={box.id} rows={rows} quotas={quotas} activeKey={activeKey} onActive={setActiveKey} />
      ) : null}
      {largest.length > 0 ? <LargestMailboxesChart sizes={largest} /> : null}
      <MailTransferPanel box={box} kind="users" />
      <UserDialog box={box} quotasAbsent={quotasAbsent} />
    </section>
  );
}
