import type { AppError } from '../../../src-shared/contract/result';
import { ErrorBanner } from '../../components/error-banner';
import { describeError } from '../../errors/error-guidance';
import { isRefusal } from '../../stores/aliases-view';

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
