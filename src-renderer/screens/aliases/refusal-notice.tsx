import type { AppError } from '../../../src-shared/contract/result';
import { ErrorBanner } from '../../components/error-banner';
import { describeError } from '../../errors/error-guidance';

/**
 * A refusal is the box (or the same rule checked here first) saying no to what was typed: a 400 from the box, or a
 * `validation` failure. Anything else is a problem reaching the box, which retrying may fix.
 */
export function isRefusal(error: AppError): boolean {
  return error.code === 'validation' || (error.code === 'box-api-error' && !error.retryable);
}

interface Props {
  /** What was being done, e.g. "Could not add the alias". */
  readonly context: string;
  readonly error: AppError;
}

/**
 * A failed change. A refusal shows the box's words exactly as it wrote them (as text, never markup) and says the form
 * still holds what was typed; other failures get the usual banner with its next step.
 */
export function RefusalNotice({ context, error }: Props) {
  if (!isRefusal(error)) return <ErrorBanner context={context} report={describeError(error)} />;
  return (
    <div className="banner banner-error" role="alert">
      <p className="banner-title">
        {context}. {error.code === 'validation' ? 'It was not accepted:' : 'The box refused it:'}
      </p>
      <p className="banner-detail refusal-text">{error.message}</p>
      <p>
        <strong>Next step:</strong> correct what the message points at and try again; everything you typed is still
        here.
      </p>
    </div>
  );
}
