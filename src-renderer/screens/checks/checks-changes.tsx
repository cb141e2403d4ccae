import type { ChecksChange } from '../../../src-shared/domain/fleet-health';
import type { StatusItem } from '../../../src-shared/domain/miab';
import { collapseWhitespace } from './checks-groups';

const KIND: Record<ChecksChange['kind'], string> = { added: 'New', removed: 'Gone', changed: 'Changed' };
const TYPE: Record<StatusItem['type'], string> = {
  ok: 'OK',
  warning: 'warning',
  error: 'error',
  na: 'n/a',
  heading: 'heading',
};

function itemText(item: StatusItem | undefined): string {
  return item ? `${TYPE[item.type]}: ${collapseWhitespace(item.text)}` : '';
}

/** "What changed since the previous run", as the box's nightly status mail lists it. */
export function ChecksChanges({ changes, hasPrevious }: { changes: readonly ChecksChange[]; hasPrevious: boolean }) {
  return (
    <section className="checks-changes" aria-labelledby="checks-changes-title">
      <h2 id="checks-changes-title">What changed since the previous run</h2>
      {!hasPrevious ? (
        <p className="note">There is no previous run to compare with yet.</p>
      ) : changes.length === 0 ? (
        <p className="note">Nothing changed.</p>
      ) : (
        <ul className="changes">
          {changes.map((change, index) => (
            <li key={index} className={`change change-${change.kind}`}>
              <span className="change-kind">{KIND[change.kind]}</span>{' '}
              <span className="change-heading">{collapseWhitespace(change.heading)}</span>
              {change.kind === 'changed' ? (
                <>
                  <span className="change-line">
                    <span className="muted">Before</span> {itemText(change.before)}
                  </span>
                  <span className="change-line">
                    <span className="muted">Now</span> {itemText(change.after)}
                  </span>
                </>
              ) : (
                <span className="change-line">{itemText(change.after ?? change.before)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
