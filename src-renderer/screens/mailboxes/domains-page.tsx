import { useEffect } from 'react';
import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import { ReloadButton } from '../../components/reload-button';
import { pathForView } from '../../routes';
import { NOT_LOADED } from '../../stores/mailboxes-store';
import { useAliases, useMailboxes } from '../../stores/stores-context';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The box's mail domains with how many users and aliases each has, each leading to them. */
export function DomainsPage({ box }: { box: Box }) {
  const entry = useMailboxes((s) => s.domains[box.id] ?? NOT_LOADED);
  const loadDomains = useMailboxes((s) => s.loadDomains);
  const setFilter = useMailboxes((s) => s.setFilter);
  const setAliasFilter = useAliases((s) => s.setFilter);
  useEffect(() => {
    void loadDomains(box.id);
  }, [box.id, loadDomains]);
  const domains = entry.data ?? [];
  const usersPath = `#${pathForView({ screen: 'box', boxId: box.id, section: 'mailboxes' })}`;
  const aliasesPath = `#${pathForView({ screen: 'box', boxId: box.id, section: 'aliases' })}`;
  return (
    <section aria-labelledby="mail-domains-title" className="mailboxes">
      <div className="section-toolbar">
        <h2 id="mail-domains-title" className="section-title">
          Mail domains
        </h2>
        <ReloadButton loading={entry.status === 'loading'} onReload={() => void loadDomains(box.id)} />
      </div>
      {entry.status === 'failed' && entry.error ? (
        <ErrorBanner
          context={`Could not list the mail domains of ${box.name}`}
          report={entry.error}
          onRetry={() => void loadDomains(box.id)}
        />
      ) : null}
      <p role="status" className="muted">
        {entry.status === 'loading' ? `Loading the mail domains of ${box.name}…` : null}
        {entry.status === 'ready' && domains.length > 0
          ? plural(domains.length, 'mail domain.', 'mail domains.')
          : null}
      </p>
      {entry.status === 'ready' && domains.length === 0 ? (
        <div className="empty-state empty-state-small">
          <h3>No mail domains yet</h3>
          <p>A domain appears here once a user or an alias uses it. Add a user on the Users page.</p>
        </div>
      ) : null}
      {domains.length > 0 ? (
        <div className="table-wrap">
          <table className="table mail-domains-table">
            <caption className="sr-only">Mail domains of {box.name}</caption>
            <thead>
              <tr>
                <th scope="col">Domain</th>
                <th scope="col">Users</th>
                <th scope="col">Aliases</th>
              </tr>
            </thead>
            <tbody>
              {domains.map((domain) => (
                <tr key={domain.ascii}>
                  <th scope="row">
                    {domain.domain}
                    {domain.ascii !== domain.domain ? <span className="muted"> ({domain.ascii})</span> : null}
                  </th>
                  <td>
                    <a
                      href={usersPath}
                      aria-label={`${plural(domain.users, 'user', 'users')} of ${domain.domain}`}
                      onClick={() => setFilter(box.id, domain.domain)}
                    >
                      {plural(domain.users, 'user', 'users')}
                    </a>
                    {domain.archived > 0 ? <span className="muted">, {domain.archived} archived</span> : null}
                  </td>
                  <td>
                    <a
                      href={aliasesPath}
                      aria-label={`${plural(domain.aliases, 'alias', 'aliases')} of ${domain.domain}`}
                      onClick={() => setAliasFilter(box.id, domain.domain)}
                    >
                      {plural(domain.aliases, 'alias', 'aliases')}
                    </a>
                    {domain.autoAliases > 0 ? <span className="muted">, {domain.autoAliases} automatic</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
