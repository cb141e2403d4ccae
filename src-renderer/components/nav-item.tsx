import { COMING_LATER } from '../sections';
import { COMING_LATER_HINT_ID } from './coming-later-hint';

interface Props {
  readonly label: string;
  readonly current: boolean;
  readonly enabled: boolean;
  readonly onSelect: () => void;
  /** A count shown beside the label (active alerts, say), read as "label, N count-label". */
  readonly count?: { readonly value: number; readonly label: string };
}

/**
 * A sidebar entry. Disabled entries are not Tab stops, so Tab goes straight from one working entry to the next; they
 * stay reachable with the arrow keys and in the accessibility tree (aria-disabled, not `disabled`), so keyboard and
 * screen-reader users still find them and hear why they do nothing yet.
 */
export function NavItem({ label, current, enabled, onSelect, count }: Props) {
  const counted = count !== undefined && count.value > 0;
  return (
    <button
      type="button"
      className="nav-item"
      data-nav-item=""
      aria-label={counted ? `${label}, ${count.value} ${count.label}` : undefined}
      aria-current={current ? 'page' : undefined}
      tabIndex={enabled ? undefined : -1}
      aria-disabled={enabled ? undefined : true}
      aria-describedby={enabled ? undefined : COMING_LATER_HINT_ID}
      data-tooltip={enabled ? undefined : COMING_LATER}
      onClick={enabled ? onSelect : undefined}
    >
      <span className="nav-label">{label}</span>
      {counted ? (
        <span className="nav-count" aria-hidden="true">
          {count.value}
        </span>
      ) : null}
      {enabled ? null : (
        <span className="nav-badge" aria-hidden="true">
          Later
        </span>
      )}
    </button>
  );
}
