import { COMING_LATER } from '../sections';
import { COMING_LATER_HINT_ID } from './coming-later-hint';

interface Props {
  readonly label: string;
  readonly current: boolean;
  readonly enabled: boolean;
  readonly onSelect: () => void;
}

/**
 * A sidebar entry. Disabled entries stay focusable (aria-disabled, not `disabled`) so keyboard and screen-reader
 * users find them and hear why they do nothing yet.
 */
export function NavItem({ label, current, enabled, onSelect }: Props) {
  return (
    <button
      type="button"
      className="nav-item"
      data-nav-item=""
      aria-current={current ? 'page' : undefined}
      aria-disabled={enabled ? undefined : true}
      aria-describedby={enabled ? undefined : COMING_LATER_HINT_ID}
      data-tooltip={enabled ? undefined : COMING_LATER}
      onClick={enabled ? onSelect : undefined}
    >
      <span className="nav-label">{label}</span>
      {enabled ? null : (
        <span className="nav-badge" aria-hidden="true">
          Later
        </span>
      )}
    </button>
  );
}
