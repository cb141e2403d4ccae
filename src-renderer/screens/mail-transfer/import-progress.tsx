import type { TransferKind } from '../../../src-shared/contract/mail-fleet';
import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import { describeError } from '../../errors/error-guidance';
import type { ImportSession } from '../../stores/mail-transfer-store';
import { useJobs, useMailTransfer } from '../../stores/stores-context';
import { ImportRowsTable } from './import-rows-table';

const STATE_TEXT = {
  running: 'Importing…',
  done: 'Import finished.',
  failed: 'The import failed.',
  cancelled: 'The import was cancelled.',
} as const;

/** A running import's progress (the same job the Activity panel lists), then what happened to each row. */
export function ImportProgress({ box, kind, session }: { box: Box; kind: TransferKind; session: ImportSession }) {
  const reset = useMailTransfer((s) => s.reset);
  const cancel = useJobs((s) => s.cancel);
  const setActivityOpen = useJobs((s) => s.setOpen);
  const job = session.job;
  const percent = Math.round((job?.value ?? 0) * 100);
  const rows = session.result.data ?? [];
  const accepted = rows.filter((row) => row.applied === true).length;
  const refused = rows.filter(
    (row) => row.applied === false && (row.action === 'create' || row.action === 'update'),
  ).length;
  const notSent = rows.filter((row) => row.action === 'skip' || row.action === 'error').length;

  return (
    <div className="import-progress">
      <p role="status">
        {STATE_TEXT[job?.state ?? 'running']}
        {job?.detail ? ` ${job.detail}` : ''}
      </p>
      <div
        className="job-bar"
        role="progressbar"
        aria-label={`Importing ${session.fileName} into ${box.name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="job-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      {job?.state === 'running' && session.jobId ? (
        <div className="transfer-row">
          <button type="button" className="button" onClick={() => void cancel(session.jobId ?? '')}>
            Cancel import
          </button>
          <button type="button" className="link-button" onClick={() => setActivityOpen(true)}>
            Show in Activity
          </button>
        </div>
      ) : null}
      {job?.state === 'failed' && job.error ? (
        <ErrorBanner context="The import stopped" report={describeError(job.error)} />
      ) : null}
      {session.result.status === 'failed' && session.result.error ? (
        <ErrorBanner context="Could not read the import's result" report={session.result.error} />
      ) : null}
      {session.result.status === 'ready' ? (
        <>
          <p>
            {accepted} {accepted === 1 ? 'row' : 'rows'} applied, {refused} refused by the box, {notSent} not sent
            (skipped or with errors in the file).
          </p>
          <ImportRowsTable rows={rows} caption={`Result of importing ${session.fileName}`} applied />
        </>
      ) : null}
      {job !== null && job.state !== 'running' ? (
        <button type="button" className="button" onClick={() => reset(box.id, kind)}>
          Import another file
        </button>
      ) : null}
    </div>
  );
}
