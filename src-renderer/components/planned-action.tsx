import { COMING_LATER } from '../sections';
import { COMING_LATER_HINT_ID } from './coming-later-hint';

interface Props {
  readonly label: string;
  readonly primary?: boolean;
}

/** A button for something that has not landed yet: visible so users know it is coming, inert so nothing pretends. */
export function PlannedAction({ label, primary = false }: Props) {
  return (
    <button
      type="button"
      className={primary ? 'button button-primary' : 'button'}
      aria-disabled="true"
      aria-describedby={COMING_LATER_HINT_ID}
      data-tooltip={COMING_LATER}
    >
      {label}
    </button>
  );
}
