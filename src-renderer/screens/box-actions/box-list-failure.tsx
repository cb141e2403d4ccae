import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import type { ErrorReport } from '../../errors/error-guidance';
import { useBoxActions } from '../../stores/stores-context';
import { ChangedKeyNotice } from './changed-key-notice';

interface Props {
  readonly box: Box;
  /** Why the list could not be read; nothing is shown without one. */
  readonly error: ErrorReport | null;
  /** What could not be done, as the banner's first words ("Could not list the aliases of box1"). */
  readonly context: string;
  readonly onRetry: () => void;
}

/**
 * A box's list that could not be read: a changed host key gets its own stop (retrying meets the same key), any other
 * failure the error with its next step and Try again.
 */
export function BoxListFailure({ box, error, context, onRetry }: Props) {
  // The overview's stop for this box, which the failed load raised: it carries both fingerprints.
  const changedKey = useBoxActions((s) => {
    const test = s.tests[box.id];
    return test?.status === 'failed' ? test.changedKey : undefined;
  });
  if (!error) return null;
  if (error.code === 'host-key-mismatch') return <ChangedKeyNotice box={box} hostKey={changedKey} />;
  return <ErrorBanner context={context} report={error} onRetry={onRetry} />;
}
