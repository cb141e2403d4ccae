import { useEffect, useMemo } from 'react';
import { ErrorBanner } from '../../components/error-banner';
import { ListFilter } from '../../components/list-filter';
import { ReloadButton } from '../../components/reload-button';
import { filterPeople, groupPeople, mailboxLabel, type Person } from '../../stores/mail-fleet-view';
import { useMailFleet, useNavigation } from '../../stores/stores-context';
import { BoxFailures } from './box-failures';

function PersonRow({ person }: { person: Person }) {
  const openBox = useNavigation((s) => s.openBox);
  return (
    <tr>
      <th scope="row" className="break-anywhere">
        <span className="email">{person.display}</span>
      </th>
      <td>
        <ul className="address-list" aria-label={`Mailboxes of ${person.display}`}>
          {person.mailboxes.map((hit) => (
            <li key={hit.boxId}>
              <button type="button" className="link-button" onClick={() => openBox(hit.boxId, 'mailboxes')}>
                {hit.boxName}
              </button>{' '}
              <span className="muted">({mailboxLabel(hit)})</span>
            </li>
          ))}
        </ul>
      </td>
      <td>
        {person.forwardedFrom.length === 0 ? (
          <span className="muted">None</span>
        ) : (
          <ul className="address-list" aria-label={`Aliases forwarding to ${person.display}`}>
            {person.forwardedFrom.map((hit) => (
              <li key={`${hit.boxId}\n${hit.address}`} className="break-anywhere">
                {hit.display} <span className="muted">on {hit.boxName}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/**
 * How many people the table shows at once. A fleet can hold tens of thousands of mailboxes; beyond this the filter
 * narrows the list, so the page stays quick to render and to read.
 */
export const PEOPLE_SHOWN = 500;

/** Every mail user in the fleet as a person: where their mailboxes are and which aliases reach them. */
export function FleetPeople() {
  const everyone = useMailFleet((s) => s.everyone);
  const filter = useMailFleet((s) => s.peopleFilter);
  const load = useMailFleet((s) => s.loadEveryone);
  const setFilter = useMailFleet((s) => s.setPeopleFilter);
  useEffect(() => {
    void load();
  }, [load]);
  const people = useMemo(() => groupPeople(everyone.data?.hits ?? []), [everyone.data]);
  const shown = useMemo(() => filterPeople(people, filter), [people, filter]);
  return (
    <section aria-labelledby="mail-people-title">
      <div className="section-toolbar">
        <h2 id="mail-people-title" className="section-title">
          People
        </h2>
        {people.length > 0 ? (
          <ListFilter
            id="people-filter"
            label="Filter people"
            placeholder="Filter by address, domain or box"
            value={filter}
            onChange={setFilter}
          />
        ) : null}
        <ReloadButton loading={everyone.status === 'loading'} onReload={() => void load()} />
      </div>
      {everyone.status === 'failed' && everyone.error ? (
        <ErrorBanner
          context="Could not list the fleet's mail users"
          report={everyone.error}
          onRetry={() => void load()}
        />
      ) : null}
      <p role="status" className="muted">
        {everyone.status === 'loading' && everyone.data === null ? 'Asking every box for its users…' : null}
        {everyone.data !== null && people.length > 0
          ? filter.trim() === ''
            ? `${people.length} ${people.length === 1 ? 'person' : 'people'} with a mailbox.`
            : `${shown.length} of ${people.length} people match.`
          : null}
      </p>
      {everyone.data ? <BoxFailures failures={everyone.data.failures} /> : null}
      {everyone.status === 'ready' && people.length === 0 ? (
        <div className="empty-state empty-state-small">
          <h3>No mail users in the fleet yet</h3>
          <p>Add a box to the fleet, or add a user to several boxes at once under “Add to several boxes”.</p>
        </div>
      ) : null}
      {people.length > 0 && shown.length === 0 ? <p className="note">Nobody matches “{filter.trim()}”.</p> : null}
      {shown.length > PEOPLE_SHOWN ? (
        <p className="note">
          Showing the first {PEOPLE_SHOWN} of {shown.length} people. Type part of an address, a domain or a box name
          above to find someone.
        </p>
      ) : null}
      {shown.length > 0 ? (
        <div className="table-wrap">
          <table className="table fleet-people-table">
            <caption className="sr-only">People with a mailbox in the fleet</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Mailboxes</th>
                <th scope="col">Reached through aliases</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, PEOPLE_SHOWN).map((person) => (
                <PersonRow key={person.key} person={person} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
