import { useId, type ChangeEvent } from 'react';
import type { TransferKind } from '../../../src-shared/contract/mail-fleet';
import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import { describeError } from '../../errors/error-guidance';
import { planCounts, sessionKey } from '../../stores/mail-transfer-store';
import { useMailTransfer } from '../../stores/stores-context';
import { ImportProgress } from './import-progress';
import { ImportRowsTable } from './import-rows-table';

const COLUMNS: Readonly<Record<TransferKind, string>> = {
  users: 'email, password, admin, quota',
  aliases: 'address, forwards_to, permitted_senders',
};

/** Import: choose a file, read the dry run, then apply it as a job and read the result per row. */
export function ImportControls({ box, kind }: { box: Box; kind: TransferKind }) {
  const id = useId();
  const session = useMailTransfer((s) => s.imports[sessionKey(box.id, kind)]);
  const chooseFile = useMailTransfer((s) => s.chooseFile);
  const setFormat = useMailTransfer((s) => s.setFormat);
  const apply = useMailTransfer((s) => s.apply);
  const reset = useMailTransfer((s) => s.reset);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file chosen again must still fire a change.
    event.target.value = '';
    if (!file) return;
    await chooseFile(box.id, kind, file.name, await file.text());
  };

  const rows = session?.plan.data ?? [];
  const counts = planCounts(rows);
  const changes = counts.create + counts.update;
  const started = session?.jobId != null;

  return (
    <div className="transfer-part">
      <h4>Import</h4>
      <p className="muted" id={`${id}-columns`}>
        A CSV file with a header row, or a JSON array of objects, with the columns <code>{COLUMNS[kind]}</code>.
        {kind === 'users'
          ? ' Passwords in the file are sent to the box only; they are never shown, logged or kept.'
          : ''}{' '}
        You see what each row would do before anything is sent.
      </p>
      {!started ? (
        <div className="transfer-row">
          <label htmlFor={`${id}-file`}>File to import</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            aria-describedby={`${id}-columns`}
            onChange={(event) => void onFile(event)}
          />
          {session ? (
            <>
              <label htmlFor={`${id}-format`}>Read as</label>
              <select
                id={`${id}-format`}
                className="input input-narrow"
                value={session.format}
                onChange={(event) => void setFormat(box.id, kind, event.target.value === 'json' ? 'json' : 'csv')}
              >
                <option value="csv">CSV</option>
                <option value="json">JSON</option>
              </select>
            </>
          ) : null}
        </div>
      ) : null}
      {session?.plan.status === 'loading' ? (
        <p role="status" className="muted">
          Checking {session.fileName} against {box.name}…
        </p>
      ) : null}
      {session?.plan.status === 'failed' && session.plan.error ? (
        <ErrorBanner context={`Could not read ${session.fileName}`} report={session.plan.error} />
      ) : null}
      {session?.plan.status === 'ready' && !started ? (
        <>
          <p role="status">
            Dry run of {session.fileName}: {counts.create} to create, {counts.update} to update, {counts.skip} to skip,{' '}
            {counts.error} with errors. Nothing has been sent to the box yet.
          </p>
          {rows.length > 0 ? <ImportRowsTable rows={rows} caption={`Dry run of ${session.fileName}`} /> : null}
          {session.startError ? (
            <ErrorBanner context="Could not start the import" report={describeError(session.startError)} />
          ) : null}
          <div className="transfer-row">
            <button
              type="button"
              className="button button-primary"
              aria-disabled={changes === 0 || undefined}
              onClick={changes === 0 ? undefined : () => void apply(box.id, kind)}
            >
              {changes === 0 ? 'Nothing to apply' : `Apply ${changes} ${changes === 1 ? 'change' : 'changes'}`}
            </button>
            <button type="button" className="button" onClick={() => reset(box.id, kind)}>
              Start over
            </button>
          </div>
        </>
      ) : null}
      {session && started ? <ImportProgress box={box} kind={kind} session={session} /> : null}
    </div>
  );
}
