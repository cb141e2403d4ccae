import { pathForView, type MailFleetTab } from '../../routes';
import { FleetAdd } from './fleet-add';
import { FleetPeople } from './fleet-people';
import { FleetSearch } from './fleet-search';
import { FleetTransfer } from './fleet-transfer';

const TABS: ReadonlyArray<{ tab: MailFleetTab; label: string }> = [
  { tab: 'search', label: 'Find' },
  { tab: 'people', label: 'People' },
  { tab: 'add', label: 'Add to several boxes' },
  { tab: 'transfer', label: 'Import and export' },
];

/** Mail across the whole fleet; each page has its own URL, so Back and deep links work. */
export function MailFleetScreen({ tab }: { tab: MailFleetTab }) {
  return (
    <>
      <header className="screen-header">
        <h1 id="screen-title">Mail</h1>
        <p className="screen-subtitle">Users and aliases across every box</p>
      </header>
      <nav aria-label="Mail pages" className="page-tabs">
        {TABS.map((entry) => (
          <a
            key={entry.tab}
            href={`#${pathForView({ screen: 'mail', tab: entry.tab })}`}
            className="page-tab"
            aria-current={entry.tab === tab ? 'page' : undefined}
          >
            {entry.label}
          </a>
        ))}
      </nav>
      {tab === 'search' ? <FleetSearch /> : null}
      {tab === 'people' ? <FleetPeople /> : null}
      {tab === 'add' ? <FleetAdd /> : null}
      {tab === 'transfer' ? <FleetTransfer /> : null}
    </>
  );
}
