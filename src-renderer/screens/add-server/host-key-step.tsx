import { useState } from 'react';
import { TextField } from '../../components/text-field';
import { sameFingerprint } from '../../stores/add-server-form';
import type { HostKeyCheck } from '../../stores/add-server-store';
import { useAddServer } from '../../stores/stores-context';

const KEYGEN_COMMAND = 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub';

function KeyDetails({ hostKey, label }: { hostKey: HostKeyCheck; label: string }) {
  return (
    <dl className="details details-compact">
      <dt>Key type</dt>
      <dd>{hostKey.keyType}</dd>
      <dt>{label}</dt>
      <dd>
        <code className="fingerprint" data-testid="presented-fingerprint">
          {hostKey.fingerprint}
        </code>
      </dd>
    </dl>
  );
}

function UnknownKey({ hostKey, onBack }: { hostKey: HostKeyCheck; onBack: () => void }) {
  const confirmHostKey = useAddServer((s) => s.confirmHostKey);
  const [verified, setVerified] = useState(false);
  const [missing, setMissing] = useState(false);
  return (
    <form
      className="wizard-form"
      noValidate
      aria-label="Verify the host key"
      onSubmit={(event) => {
        event.preventDefault();
        if (!verified) setMissing(true);
        else void confirmHostKey();
      }}
    >
      <p>
        Boxfleet has not seen this server before. Check that it is really yours before you log in: on the server (for
        example in your provider’s console), run
      </p>
      <p>
        <code className="command">{KEYGEN_COMMAND}</code>
      </p>
      <p>and compare the SHA-256 fingerprint it prints with this one.</p>
      <KeyDetails hostKey={hostKey} label="SHA-256 fingerprint" />
      <label className="choice">
        <input
          type="checkbox"
          checked={verified}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? 'host-key-missing' : undefined}
          onChange={(event) => {
            setVerified(event.target.checked);
            setMissing(false);
          }}
        />
        I verified this fingerprint
      </label>
      {missing ? (
        <p id="host-key-missing" className="field-error">
          Compare the fingerprint first, then tick the box. If it does not match, do not continue.
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
        <button type="submit" className="button button-primary">
          Trust and log in
        </button>
      </div>
    </form>
  );
}

function ChangedKey({ hostKey, onBack }: { hostKey: HostKeyCheck; onBack: () => void }) {
  const confirmHostKey = useAddServer((s) => s.confirmHostKey);
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
      <dl className="details details-compact">
        <dt>Expected</dt>
        <dd>
          <code className="fingerprint">{hostKey.expected ?? 'unknown'}</code>
        </dd>
        <dt>Presented ({hostKey.keyType})</dt>
        <dd>
          <code className="fingerprint" data-testid="presented-fingerprint">
            {hostKey.fingerprint}
          </code>
        </dd>
      </dl>
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
            void confirmHostKey(typed);
          }}
        >
          <TextField
            id="host-key-typed"
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
            <button type="button" className="button" onClick={onBack}>
              Back
            </button>
            <button type="submit" className="button button-danger">
              Trust the new key and log in
            </button>
          </div>
        </form>
      ) : (
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setReplacing(true)}>
            I replaced the server’s key — trust the new key
          </button>
          <button type="button" className="button button-primary" onClick={onBack}>
            Back
          </button>
        </div>
      )}
    </div>
  );
}

/** Step 2: the admin compares the server's host key before any password or key is offered to it. */
export function HostKeyStep({ onBack }: { onBack: () => void }) {
  const hostKey = useAddServer((s) => s.hostKey);
  if (!hostKey) return null;
  return hostKey.status === 'mismatch' ? (
    <ChangedKey hostKey={hostKey} onBack={onBack} />
  ) : (
    <UnknownKey hostKey={hostKey} onBack={onBack} />
  );
}
