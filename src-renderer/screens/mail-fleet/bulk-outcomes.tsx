import type { BulkAdd } from '../../stores/mail-fleet-store';
import { reportHeadline } from '../../stores/aliases-view';
import { RefusalNotice } from '../aliases/refusal-notice';
import { isRefusal } from '../../stores/aliases-view';
import { describeError } from '../../errors/error-guidance';

/** One line per box for the last add to several boxes: accepted with the box's report, or its refusal verbatim. */
export function BulkOutcomes({ bulk }: { bulk: BulkAdd }) {
  if (bulk.status === 'idle') return null;
  if (bulk.status === 'running') {
    return (
      <p role="status" className="muted">
        Adding {bulk.what} on every chosen box…
      </p>
    );
  }
  if (bulk.status === 'failed' && bulk.error)
    return <RefusalNotice context={`Could not add ${bulk.what}`} error={bulk.error} />;
  const accepted = bulk.outcomes.filter((outcome) => outcome.ok).length;
  return (
    <section aria-labelledby="bulk-outcomes-title" className="bulk-outcomes">
      <h3 id="bulk-outcomes-title">
        <span role="status">
          {bulk.what}: added on {accepted} of {bulk.outcomes.length} {bulk.outcomes.length === 1 ? 'box' : 'boxes'}.
        </span>
      </h3>
      <ul className="outcome-list">
        {bulk.outcomes.map((outcome) => (
          <li key={outcome.boxId} data-ok={outcome.ok}>
            <strong>{outcome.boxName}</strong>:{' '}
            {outcome.ok ? (
              <span>Done. The box says: {reportHeadline(outcome.report)}</span>
            ) : isRefusal(outcome.error) ? (
              <span>
                Refused: <span className="refusal-text">{outcome.error.message}</span>
              </span>
            ) : (
              <span>
                {describeError(outcome.error).title} <span className="break-anywhere">{outcome.error.message}</span>{' '}
                {describeError(outcome.error).nextStep}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
