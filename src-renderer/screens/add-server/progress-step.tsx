import type { AddServerStep } from '../../stores/add-server-store';
import { useAddServer } from '../../stores/stores-context';

/** While main works: what it is doing now, announced politely, with an indeterminate progress bar. */
export function ProgressStep({ step, onCancel }: { step: AddServerStep; onCancel: () => void }) {
  const host = useAddServer((s) => s.form.host.trim());
  const user = useAddServer((s) => s.form.user.trim());
  const keyKnown = useAddServer((s) => s.hostKey !== null);
  const title =
    step === 'probing'
      ? `Reading the host key of ${host}…`
      : step === 'saving'
        ? 'Saving the box…'
        : `Connecting to ${host} as ${user}…`;
  return (
    <div className="wizard-progress">
      <progress className="progress" aria-label={title} />
      <p role="status" className="progress-title" tabIndex={-1} data-autofocus="">
        {title}
      </p>
      {step === 'connecting' ? (
        <ol className="progress-steps">
          <li>{keyKnown ? 'Host key confirmed' : 'Checking the host key through the jump host…'}</li>
          <li aria-current="step">Logging in, then checking for Mail-in-a-Box…</li>
        </ol>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
