import type { FormEvent } from 'react';
import type { FleetMailHit } from '../../../src-shared/contract/mail-fleet';
import { ErrorBanner } from '../../components/error-banner';
import { useFleet, useMailFleet, useNavigation } from '../../stores/stores-context';
import { BoxFailures } from './box-failures';

function HitRow({ hit }: { hit: FleetMailHit }) {
  const openBox = useNavigation((s) => s.openBox);
  const kind = hit.kind === 'user' ? (hit.status === 'active' ? 'Mail user' : 'Archived user') : 'Alias';
  return (
    <tr>
      <th scope="row" className="break-anywhere">
        <span className="email">{hit.display}</span>
      </th>
      <td className="col-what">
        <span className="tag">{kind}</span>
        {hit.admin ? <span className="tag tag-admin">Admin</span> : null}
        {hit.auto ? <span className="tag tag-auto">Automatic</span> : null}
      </td>
      <td className="col-box">
        <button
          type="button"
          className="link-button"
          aria-label={`Open ${hit.display} on ${hit.boxName}`}
          onClick={() => openBox(hit.boxId, hit.kind === 'user' ? 'mailboxes' : 'aliases')}
        >
          {hit.boxName}
        </button>
      </td>
      <td className="col-domain">{hit.domain}</td>
      <td className="break-anywhere">
        {hit.kind === 'alias' ? hit.forwardsTo.join(', ') || <span className="muted">Send-only</span> : null}
      </td>
    </tr>
  );
}

/** Search every box for a user or alias: which box, which domain, forwards where. */
export function FleetSearch() {
  const boxCount = useFleet((s) => s.boxes.length);
  const query = useMailFleet((s) => s.query);
  const found = useMailFleet((s) => s.found);
  const setQuery = useMailFleet((s) => s.setQuery);
  const search = useMailFleet((s) => s.search);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void search();
  };
  const hits = found.data?.hits ?? [];
  return (
    <section aria-labelledby="mail-search-title" className="mail-fleet-page">
      <h2 id="mail-search-title" className="section-title">
        Find a user or alias
      </h2>
      <form className="transfer-row" role="search" onSubmit={onSubmit}>
        <label htmlFor="mail-search">Address or part of it</label>
        <input
          id="mail-search"
          type="search"
          className="input"
          value={query}
          placeholder="alice, @example.com, sales@"
          spellCheck={false}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" className="button button-primary" aria-disabled={found.status === 'loading' || undefined}>
          {found.status === 'loading' ? 'Searching…' : 'Search every box'}
        </button>
      </form>
      {found.status === 'failed' && found.error ? (
        <ErrorBanner context="Could not search the fleet" report={found.error} onRetry={() => void search()} />
      ) : null}
      {found.status === 'idle' ? (
        <p className="muted">
          {boxCount === 0
            ? 'There are no boxes in your fleet yet: add one on the Fleet screen, then search it here.'
            : `Searches the users and aliases of all ${boxCount === 1 ? 'your box' : `${boxCount} boxes`} at once. An empty search lists them all.`}
        </p>
      ) : null}
      <p role="status" className="muted">
        {found.status === 'loading' ? 'Asking every box…' : null}
        {found.status === 'ready' && found.data
          ? hits.length === 0
            ? `Nothing matches “${found.data.text}” on any box that answered.`
            : `${hits.length} ${hits.length === 1 ? 'match' : 'matches'} for “${found.data.text}”.`
          : null}
      </p>
      {found.data ? <BoxFailures failures={found.data.failures} /> : null}
      {hits.length > 0 ? (
        <div className="table-wrap">
          <table className="table fleet-mail-table">
            <caption className="sr-only">Users and aliases found</caption>
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">What</th>
                <th scope="col">Box</th>
                <th scope="col" className="col-domain">
                  Domain
                </th>
                <th scope="col">Forwards to</th>
              </tr>
            </thead>
            <tbody>
              {hits.map((hit) => (
                <HitRow key={`${hit.boxId}\n${hit.kind}\n${hit.address}`} hit={hit} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
