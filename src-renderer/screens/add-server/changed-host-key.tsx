import { useState } from 'react';
import { FingerprintPair } from '../../components/fingerprint-pair';
import { TextField } from '../../components/text-field';
import { sameFingerprint } from '../../stores/add-server-form';
import type { HostKeyCheck } from '../../stores/host-key-error';

export const KEYGEN_COMMAND = 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub';

interface Props {
  readonly hostKey: HostKeyCheck;
  /** Called only with a typed fingerprint that matches the presented one. */
  readonly onTrust: (typedFingerprint: string) => void;
  /** In the wizard: back to the connection form. Without it, the stop has no way back but to not trust. */
  readonly onBack?: () => void;
  /** What trusting does next, on the deliberate button: "log in", "test the connection". */
  readonly then: string;
  /** Prefix for element ids, so the wizard and a box overview never share one. */
  readonly idPrefix: string;
}

/**
 * The hard stop for a changed host key: expected against presented, what to check on the box, and a deliberate
 * way on that needs the new fingerprint typed as the box's console shows it. Shared by the add-server wizard and
 * the box overview.
 */
export function ChangedHostKey({ hostKey, onTrust, onBack, then, idPrefix }: Props) {
  const [replacing, setReplacing] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <div className="wizard-form">
      <div className="banner banner-error" role="alert">
        <p className="banner-title">Stop: this server presents a different host key than the one on record.</p>
        <p>
          Reinstalling the server or replacing its keys changes the host key, and so would someone intercepting the
          connection. Do not continue until you know which it is.
        </p>
      </div>
      <FingerprintPair hostKey={hostKey} />
      <p>
        To check, run <code className="command">{KEYGEN_COMMAND}</code> on the server’s console.
      </p>
      {replacing ? (
        <form
          noValidate
          aria-label="Trust the new host key"
          onSubmit={(event) => {
            event.preventDefault();
            if (!sameFingerprint(typed, hostKey.fingerprint)) {
              setError('That is not the fingerprint the server presents. Type it as the server’s console shows it.');
              return;
            }
            onTrust(typed);
          }}
        >
          <TextField
            id={`${idPrefix}-host-key-typed`}
            label="Type the new fingerprint as the server’s console shows it"
            value={typed}
            onChange={(value) => {
              setTyped(value);
              setError(undefined);
            }}
            error={error}
            mono
            placeholder="SHA256:…"
          />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onBack ?? (() => setReplacing(false))}>
              {onBack ? 'Back' : 'Cancel'}
            </button>
            <button type="submit" className="button button-danger">
              Trust the new key and {then}
            </button>
          </div>
        </form>
      ) : (
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setReplacing(true)}>
            I replaced the server’s key — trust the new key
          </button>
          {onBack ? (
            <button type="button" className="button button-primary" onClick={onBack}>
              Back
            </button>
          ) : null}
        </div>
      )}
    </div>
  );
}
