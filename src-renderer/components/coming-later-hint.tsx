import { COMING_LATER } from '../sections';

/** The one description every not-yet-working control points at with aria-describedby. */
export const COMING_LATER_HINT_ID = 'coming-later-hint';

export function ComingLaterHint() {
  return (
    <span id={COMING_LATER_HINT_ID} hidden>
      {COMING_LATER}
    </span>
  );
}
