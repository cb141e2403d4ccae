import { useId, useState } from 'react';
import type { TransferFormat, TransferKind } from '../../../src-shared/contract/mail-fleet';
import type { AppError } from '../../../src-shared/contract/result';
import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import { describeError } from '../../errors/error-guidance';
import { useMailTransfer } from '../../stores/stores-context';
import { saveText } from './save-text';

/** Export a box's users or aliases as CSV or JSON; a users file never holds a password. */
export function ExportControls({ box, kind }: { box: Box; kind: TransferKind }) {
  const id = useId();
  const exportText = useMailTransfer((s) => s.exportText);
  const [format, setFormat] = useState<TransferFormat>('csv');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);

  const run = async () => {
    if (busy) return;
    setBusy(true);
    setSaved(null);
    setFailure(null);
    const result = await exportText(box.id, kind, format);
    setBusy(false);
    if (!result.ok) {
      setFailure(result.error);
      return;
    }
    saveText(result.value.text, result.value.filename);
    setSaved(result.value.filename);
  };

  return (
    <div className="transfer-part">
      <h4>Export</h4>
      <div className="transfer-row">
        <label htmlFor={`${id}-format`}>Format</label>
        <select
          id={`${id}-format`}
          className="input input-narrow"
          value={format}
          onChange={(event) => setFormat(event.target.value === 'json' ? 'json' : 'csv')}
        >
          <option value="csv">CSV</option>
          <option value="json">JSON</option>
        </select>
        <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => void run()}>
          {busy ? 'Exporting…' : `Export ${kind}`}
        </button>
        <span role="status" className="muted">
          {saved ? `Saved as ${saved}.` : null}
        </span>
      </div>
      {failure ? (
        <ErrorBanner
          context={`Could not export the ${kind} of ${box.name}`}
          report={describeError(failure)}
          onRetry={() => void run()}
        />
      ) : null}
    </div>
  );
}
