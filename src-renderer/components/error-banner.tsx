import type { ErrorReport } from '../errors/error-guidance';

interface Props {
  /** What the user was doing, e.g. "Could not load your fleet". */
  readonly context: string;
  readonly report: ErrorReport;
  /** Offered for reads, which are always safe to repeat; actions with side effects decide by `report.canRetry`. */
  readonly onRetry?: () => void;
}

/** A failed call: what happened, the box's or core's own words, and what to do next. */
export function ErrorBanner({ context, report, onRetry }: Props) {
  return (
    <div className="banner banner-error" role="alert">
      <p className="banner-title">
        {context}. {report.title}
      </p>
      <p className="banner-detail">{report.message}</p>
      <p>
        <strong>Next step:</strong> {report.nextStep}
      </p>
      {onRetry ? (
        <div className="banner-actions">
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      ) : null}
    </div>
  );
}
