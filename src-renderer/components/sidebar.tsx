import { useEffect, type KeyboardEvent } from 'react';
import { sidebarEntries, type View } from '../routes';
import { useAlerts, useApp, useFleet, useNavigation } from '../stores/stores-context';
import { ActivityToggle } from './activity-toggle';
import { NavItem } from './nav-item';
import { nextNavIndex } from './sidebar-keys';

function moveFocus(event: KeyboardEvent<HTMLElement>): void {
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[data-nav-item]'));
  const active = document.activeElement;
  const index = items.findIndex((item) => item === active);
  const next = nextNavIndex(event.key, index, items.length);
  if (next === null) return;
  event.preventDefault();
  items[next]?.focus();
}

/** The Alerts entry, with the number of active alerts; it reads the list once, events keep it current. */
function AlertsNavItem({ current }: { current: boolean }) {
  const showAlerts = useNavigation((state) => state.showAlerts);
  const load = useAlerts((state) => state.load);
  const active = useAlerts((state) => state.activeCount);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <NavItem
      label="Alerts"
      current={current}
      enabled
      onSelect={showAlerts}
      count={{ value: active, label: 'active' }}
    />
  );
}

const MODE_LABEL = { desktop: 'desktop', browser: 'browser mode', cli: 'command line' } as const;

export function Sidebar() {
  const view = useNavigation((state) => state.view);
  const selectedBoxId = useNavigation((state) => state.selectedBoxId);
  const showFleet = useNavigation((state) => state.showFleet);
  const showMail = useNavigation((state) => state.showMail);
  const openBox = useNavigation((state) => state.openBox);
  const open = (target: View | null) => {
    if (target?.screen === 'box') openBox(target.boxId, target.section);
  };
  const selectedBox = useFleet((state) => state.boxes.find((box) => box.id === selectedBoxId));
  const info = useApp((state) => state.info);

  return (
    <nav className="sidebar" aria-label="Main" onKeyDown={moveFocus}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Boxfleet</span>
      </div>
      <ul className="nav-list">
        <li>
          <NavItem label="Fleet" current={view.screen === 'fleet'} enabled onSelect={showFleet} />
        </li>
        <li>
          <NavItem label="Mail" current={view.screen === 'mail'} enabled onSelect={() => showMail()} />
        </li>
        <li>
          <AlertsNavItem current={view.screen === 'alerts'} />
        </li>
      </ul>
      {selectedBox ? (
        <div className="nav-group" role="group" aria-labelledby="nav-box-heading">
          <h2 id="nav-box-heading" className="nav-heading">
            {selectedBox.name}
          </h2>
          <ul className="nav-list">
            {sidebarEntries(selectedBox.id, view).map((entry) => (
              <li key={entry.label}>
                <NavItem
                  label={entry.label}
                  current={entry.current}
                  enabled={entry.view !== null}
                  onSelect={() => open(entry.view)}
                />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ActivityToggle />
      {info ? (
        <p className="sidebar-footer">
          Boxfleet {info.version} · {MODE_LABEL[info.mode]}
        </p>
      ) : null}
    </nav>
  );
}
