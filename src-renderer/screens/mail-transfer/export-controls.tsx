import { useId, useState } from 'react';
import type { TransferFormat, TransferKind } from '../../../src-shared/contract/mail-fleet';
import type { AppError } from '../../../src-shared/contract/result';
import type { Box } from '../../../src-shared/domain/box';
import { CopyButton } from '../../components/copy-button';
import { ErrorBanner } from '../../components/error-banner';
import { describeError } from '../../errors/error-guidance';
import { useApp, useMailTransfer } from '../../stores/stores-context';
import { saveText } from './save-text';

interface Exported {
  readonly text: string;
  readonly filename: string;
}

/**
 * Export a box's users or aliases as CSV or JSON; a users file never holds a password. The desktop app lets no page
 * write a file (downloads are refused there by design), so it asks main to open the system save dialog; browser mode
 * saves a download. A face with neither shows the text with a Copy button and the name to save it under.
 */
export function ExportControls({ box, kind }: { box: Box; kind: TransferKind }) {
  const id = useId();
  const exportText = useMailTransfer((s) => s.exportText);
  const saveWithDialog = useMailTransfer((s) => s.saveText);
  const nativeSave = useApp((s) => s.info?.nativeSaveDialog ?? false);
  const downloads = useApp((s) => s.info?.mode === 'browser') && !nativeSave;
  const [format, setFormat] = useState<TransferFormat>('csv');
  const [busy, setBusy] = useState(false);
  const [exported, setExported] = useState<Exported | null>(null);
  /** Where the save dialog put the file, or null when the admin closed it. */
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);

  const run = async () => {
    if (busy) return;
    setBusy(true);
    setExported(null);
    setSavedTo(null);
    setFailure(null);
    const result = await exportText(box.id, kind, format);
    if (result.ok && nativeSave) {
      const saved = await saveWithDialog(result.value.filename, result.value.text);
      setBusy(false);
      if (!saved.ok) setFailure(saved.error);
      else {
        setSavedTo('path' in saved.value ? saved.value.path : null);
        setExported(result.value);
      }
      return;
    }
    setBusy(false);
    if (!result.ok) {
      setFailure(result.error);
      return;
    }
    if (downloads) saveText(result.value.text, result.value.filename);
    setExported(result.value);
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
          {exported && nativeSave
            ? savedTo
              ? `Saved to ${savedTo}.`
              : 'Not saved: the save dialog was closed.'
            : null}
          {exported && downloads ? `Saved as ${exported.filename}.` : null}
          {exported && !downloads && !nativeSave ? `Ready: copy it into a file named ${exported.filename}.` : null}
        </span>
      </div>
      {exported && !downloads && !nativeSave ? (
        <div className="field">
          <label htmlFor={`${id}-text`} className="field-label">
            {exported.filename}
          </label>
          <textarea id={`${id}-text`} className="input input-mono" rows={8} readOnly value={exported.text} />
          <CopyButton text={exported.text} what={`the ${kind} of ${box.name}`} />
        </div>
      ) : null}
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
