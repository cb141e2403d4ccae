import type { Box } from '../../../src-shared/domain/box';
import { pathForView, type MailboxesTab } from '../../routes';
import { useNavigation } from '../../stores/stores-context';
import { MailGuidePage } from '../mail-guide/mail-guide-page';
import { DomainsPage } from './domains-page';
import { UsersPage } from './users-page';

const TABS: ReadonlyArray<{ tab: MailboxesTab | undefined; label: string }> = [
  { tab: undefined, label: 'Users' },
  { tab: 'domains', label: 'Domains' },
  { tab: 'guide', label: 'Mail guide' },
];

/** The box's mail: its users (the default page), its mail domains, and the settings for mail apps. */
export function MailboxesScreen({ box }: { box: Box }) {
  const tab = useNavigation((s) => (s.view.screen === 'box' ? s.view.tab : undefined));
  return (
    <>
      <nav className="page-tabs" aria-label="Mailboxes pages">
        {TABS.map((entry) => (
          <a
            key={entry.label}
            className="page-tab"
            href={`#${pathForView({ screen: 'box', boxId: box.id, section: 'mailboxes', ...(entry.tab ? { tab: entry.tab } : {}) })}`}
            aria-current={entry.tab === tab ? 'page' : undefined}
          >
            {entry.label}
          </a>
        ))}
      </nav>
      {tab === undefined ? <UsersPage box={box} /> : null}
      {tab === 'domains' ? <DomainsPage box={box} /> : null}
      {tab === 'guide' ? <MailGuidePage box={box} /> : null}
    </>
  );
}
