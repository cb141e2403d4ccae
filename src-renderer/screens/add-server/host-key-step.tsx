import { useState } from 'react';
import { CopyButton } from '../../components/copy-button';
import { TextField } from '../../components/text-field';
import { compareFingerprint } from '../../stores/add-server-checks';
import type { HostKeyCheck } from '../../stores/add-server-store';
import { useAddServer } from '../../stores/stores-context';
import { ChangedHostKey, KEYGEN_COMMAND } from './changed-host-key';

function KeyDetails({ hostKey, label }: { hostKey: HostKeyCheck; label: string }) {
  return (
    <dl className="details details-compact">
      <dt>Key type</dt>
      <dd>{hostKey.keyType}</dd>
      <dt>{label}</dt>
      <dd className="fingerprint-row">
        <code className="fingerprint" data-testid="presented-fingerprint">
          {hostKey.fingerprint}
        </code>
        <CopyButton text={hostKey.fingerprint} what="the fingerprint" />
      </dd>
    </dl>
  );
}

const PASTE_ID = 'host-key-pasted';
const MISMATCH =
  'That is not the fingerprint this server presents. Do not continue: check that you copied the ED25519 line ' +
  'of the right server, and if it still differs, someone may be between you and the server.';

function UnknownKey({ hostKey, onBack }: { hostKey: HostKeyCheck; onBack: () => void }) {
  const confirmHostKey = useAddServer((s) => s.confirmHostKey);
  const [verified, setVerified] = useState(false);
  const [missing, setMissing] = useState(false);
  const [pasted, setPasted] = useState('');
  // A mismatch is only said once the text cannot become the right one, or when the admin tries to go on.
  const [insisted, setInsisted] = useState(false);
  const comparison = compareFingerprint(pasted, hostKey.fingerprint);
  const mismatch = comparison === 'mismatch' || (insisted && comparison === 'typing');
  return (
    <form
      className="wizard-form"
      noValidate
      aria-label="Verify the host key"
      onSubmit={(event) => {
        event.preventDefault();
        setInsisted(true);
        if (comparison === 'mismatch' || comparison === 'typing') {
          document.getElementById(PASTE_ID)?.focus();
          return;
        }
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
      <TextField
        id={PASTE_ID}
        label="Paste the fingerprint from the server’s console (optional)"
        value={pasted}
        onChange={(value) => {
          setPasted(value);
          setInsisted(false);
          const now = compareFingerprint(value, hostKey.fingerprint);
          if (now === 'match') {
            setVerified(true);
            setMissing(false);
          } else if (now === 'mismatch') setVerified(false);
        }}
        error={mismatch ? MISMATCH : undefined}
        hint={
          comparison === 'match'
            ? 'It matches the fingerprint the server presents.'
            : 'With or without “SHA256:”; Boxfleet compares it for you.'
        }
        placeholder="SHA256:…"
        mono
      />
      <label className="choice">
        <input
          type="checkbox"
          checked={verified}
          disabled={mismatch}
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
        <button type="submit" className="button button-primary" aria-disabled={mismatch || undefined}>
          Trust and log in
        </button>
      </div>
    </form>
  );
}

function ChangedKey({ hostKey, onBack }: { hostKey: HostKeyCheck; onBack: () => void }) {
  const confirmHostKey = useAddServer((s) => s.confirmHostKey);
  return (
    <ChangedHostKey
      hostKey={hostKey}
      onTrust={(typed) => void confirmHostKey(typed)}
      onBack={onBack}
      then="log in"
      idPrefix="add"
    />
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
