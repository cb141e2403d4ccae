import { useEffect } from 'react';
import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import { countUsers, filterMailUsers } from '../../stores/mailboxes-view';
import { NOT_LOADED } from '../../stores/mailboxes-store';
import { useBoxActions, useMailboxes } from '../../stores/stores-context';
import { ChangedKeyNotice } from '../box-actions/changed-key-notice';
import { MailDomainTable } from './mail-domain-table';

/** The box's mail users, grouped by domain, read-only. Editing arrives in a later release, so no button pretends. */
export function MailboxesScreen({ box }: { box: Box }) {
  const entry = useMailboxes((s) => s.byBox[box.id] ?? NOT_LOADED);
  const query = useMailboxes((s) => s.filter[box.id] ?? '');
  const load = useMailboxes((s) => s.load);
  const setFilter = useMailboxes((s) => s.setFilter);
  // The overview's stop for this box, which the failed load raised: it carries both fingerprints.
  const changedKey = useBoxActions((s) => {
    const test = s.tests[box.id];
    return test?.status === 'failed' ? test.changedKey : undefined;
  });

  useEffect(() => {
    void load(box.id);
  }, [box.id, load]);

  const total = countUsers(entry.domains);
  const shown = filterMailUsers(entry.domains, query);
  const loadedOnce = entry.status === 'ready' || total > 0 || (entry.status === 'loading' && entry.domains.length > 0);

  return (
    <section aria-labelledby="mail-users-title" className="mailboxes">
      <div className="section-toolbar">
        <h2 id="mail-users-title" className="section-title">
          Mail users
        </h2>
        {total > 0 ? (
          <div className="filter">
            <label htmlFor="mail-users-filter" className="sr-only">
              Filter mail users
            </label>
            <input
              id="mail-users-filter"
              type="search"
              className="input"
              placeholder="Filter by address, domain, status or privilege"
              value={query}
              onChange={(event) => setFilter(box.id, event.target.value)}
              aria-controls="mail-users-tables"
              spellCheck={false}
            />
          </div>
        ) : null}
        <button
          type="button"
          className="button"
          aria-disabled={entry.status === 'loading' || undefined}
          onClick={() => (entry.status === 'loading' ? undefined : void load(box.id))}
        >
          Reload
        </button>
      </div>
      {entry.status === 'failed' && entry.error?.code === 'host-key-mismatch' ? (
        <ChangedKeyNotice box={box} hostKey={changedKey} />
      ) : null}
      {entry.status === 'failed' && entry.error && entry.error.code !== 'host-key-mismatch' ? (
        <ErrorBanner
          context={`Could not list the mail users of ${box.name}`}
          report={entry.error}
          onRetry={() => void load(box.id)}
        />
      ) : null}
      <p role="status" className="muted">
        {entry.status === 'loading' ? `Loading the mail users of ${box.name}…` : null}
        {entry.status === 'ready' && total > 0
          ? query.trim() === ''
            ? `${total} mail ${total === 1 ? 'user' : 'users'} in ${entry.domains.length} ${entry.domains.length === 1 ? 'domain' : 'domains'}.`
            : `${countUsers(shown)} of ${total} mail users match.`
          : null}
      </p>
      {entry.status === 'ready' && total === 0 ? (
        <div className="empty-state empty-state-small">
          <h3>No mail users on this box yet</h3>
          <p>Mail users you add in the box’s admin panel appear here.</p>
        </div>
      ) : null}
      {loadedOnce && total > 0 && shown.length === 0 ? (
        <p className="note">No mail users match “{query.trim()}”.</p>
      ) : null}
      <div id="mail-users-tables" className="mail-domains">
        {shown.map((group) => (
          <MailDomainTable key={group.domain} group={group} />
        ))}
      </div>
    </section>
  );
}
