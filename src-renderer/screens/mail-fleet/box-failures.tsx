import type { BoxFailure } from '../../../src-shared/contract/mail-fleet';
import { describeError } from '../../errors/error-guidance';

/** Boxes that could not be asked: named, with their error and next step; the other boxes' answers stand. */
export function BoxFailures({ failures }: { failures: readonly BoxFailure[] }) {
  if (failures.length === 0) return null;
  return (
    <div className="banner banner-warning" role="alert">
      <p className="banner-title">
        {failures.length === 1 ? '1 box' : `${failures.length} boxes`} could not be searched; the list below is without{' '}
        {failures.length === 1 ? 'it' : 'them'}.
      </p>
      <ul className="problem-list">
        {failures.map((failure) => {
          const report = describeError(failure.error);
          return (
            <li key={failure.boxId}>
              <strong>{failure.boxName}</strong>: {report.title}{' '}
              <span className="break-anywhere">{report.message}</span> {report.nextStep}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
