import { useState } from 'react';
import type { AppError } from '../../../src-shared/contract/result';
import type { Box } from '../../../src-shared/domain/box';
import { CopyButton } from '../../components/copy-button';
import { ErrorBanner } from '../../components/error-banner';
import { describeError } from '../../errors/error-guidance';
import { useApp, useDns } from '../../stores/stores-context';
import { saveText } from '../mail-transfer/save-text';

interface Fetched {
  readonly text: string;
  readonly filename: string;
}

/**
 * Saves a zone's file as the box serves it (unsigned): the desktop's save dialog, a download in browser mode, or where
 * neither exists the text with a Copy button and the name to save it under. No path is named here.
 */
export function ZoneFileButton({ box, zone }: { box: Box; zone: string }) {
  const zonefile = useDns((s) => s.zonefile);
  const saveWithDialog = useDns((s) => s.saveText);
  const nativeSave = useApp((s) => s.info?.nativeSaveDialog ?? false);
  const downloads = useApp((s) => s.info?.mode === 'browser') && !nativeSave;
  const [busy, setBusy] = useState(false);
  const [fetched, setFetched] = useState<Fetched | null>(null);
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);

  const run = async () => {
    if (busy) return;
    setBusy(true);
    setFetched(null);
    setSavedTo(null);
    setFailure(null);
    const result = await zonefile(box.id, zone);
    if (!result.ok) {
      setBusy(false);
      setFailure(result.error);
      return;
    }
    if (nativeSave) {
      const saved = await saveWithDialog(result.value.filename, result.value.text);
      setBusy(false);
      if (!saved.ok) setFailure(saved.error);
      else {
        setSavedTo('path' in saved.value ? saved.value.path : null);
        setFetched(result.value);
      }
      return;
    }
    setBusy(false);
    if (downloads) saveText(result.value.text, result.value.filename);
    setFetched(result.value);
  };

  const inline = fetched !== null && !downloads && !nativeSave;
  return (
    <div className="dns-zonefile">
      <button
        type="button"
        className="button button-small"
        aria-disabled={busy || undefined}
        aria-label={`Save the zone file of ${zone}`}
        onClick={() => void run()}
      >
        {busy ? 'Reading…' : 'Save zone file'}
      </button>
      <span role="status" className="muted">
        {fetched && nativeSave ? (savedTo ? `Saved to ${savedTo}.` : 'Not saved: the save dialog was closed.') : null}
        {fetched && downloads ? `Saved as ${fetched.filename}.` : null}
        {inline ? `Ready: copy it into a file named ${fetched.filename}.` : null}
      </span>
      {inline ? (
        <div className="field">
          <textarea
            className="input input-mono"
            rows={8}
            readOnly
            value={fetched.text}
            aria-label={`Zone file ${fetched.filename}`}
          />
          <CopyButton text={fetched.text} what={`the zone file of ${zone}`} />
        </div>
      ) : null}
      {failure ? (
        <ErrorBanner
          context={`Could not save the zone file of ${zone}`}
          report={describeError(failure)}
          onRetry={() => void run()}
        />
      ) : null}
    </div>
  );
}
