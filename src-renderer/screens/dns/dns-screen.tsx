import type { Box } from '../../../src-shared/domain/box';
import { pathForView, type DnsTab } from '../../routes';
import { useNavigation } from '../../stores/stores-context';
import { CheckPage } from './check-page';
import { CustomRecordsPage } from './custom-records-page';
import { ExternalPage } from './external-page';
import { SecondaryPage } from './secondary-page';

const TABS: ReadonlyArray<{ tab: DnsTab | undefined; label: string }> = [
  { tab: undefined, label: 'Custom DNS' },
  { tab: 'secondary', label: 'Secondary nameservers' },
  { tab: 'external', label: 'External DNS' },
  { tab: 'check', label: 'Outside check' },
];

/** The box's DNS: custom records (the default page), secondary nameservers, External DNS, and the outside check. */
export function DnsScreen({ box }: { box: Box }) {
  const tab = useNavigation((s) => (s.view.screen === 'box' ? s.view.tab : undefined));
  return (
    <div className="dns">
      <nav className="page-tabs" aria-label="DNS pages">
        {TABS.map((entry) => (
          <a
            key={entry.label}
            className="page-tab"
            href={`#${pathForView({ screen: 'box', boxId: box.id, section: 'dns', ...(entry.tab ? { tab: entry.tab } : {}) })}`}
            aria-current={entry.tab === tab ? 'page' : undefined}
          >
            {entry.label}
          </a>
        ))}
      </nav>
      {tab === undefined ? <CustomRecordsPage box={box} /> : null}
      {tab === 'secondary' ? <SecondaryPage box={box} /> : null}
      {tab === 'external' ? <ExternalPage box={box} /> : null}
      {tab === 'check' ? <CheckPage box={box} /> : null}
    </div>
  );
}
