import { CopyButton } from '../../components/copy-button';
import { TextField } from '../../components/text-field';
import type { AuthKind } from '../../stores/add-server-form';
import { useAddServer } from '../../stores/stores-context';
import { KeyFileField } from './key-file-field';

const KINDS: ReadonlyArray<{ kind: AuthKind; label: string }> = [
  { kind: 'key-file', label: 'Private key file' },
  { kind: 'key-text', label: 'Paste a private key' },
  { kind: 'password', label: 'Password' },
  { kind: 'agent', label: 'SSH agent' },
  { kind: 'generated', label: 'Generate a key for me' },
];

function Passphrase() {
  const passphrase = useAddServer((s) => s.form.passphrase);
  const setField = useAddServer((s) => s.setField);
  return (
    <TextField
      id="add-passphrase"
      label="Passphrase (if the key has one)"
      type="password"
      value={passphrase}
      onChange={(value) => setField('passphrase', value)}
      hint="Kept in the system keychain, never shown again."
    />
  );
}

function GeneratedKeyFields() {
  const generated = useAddServer((s) => s.form.generated);
  const user = useAddServer((s) => s.form.user.trim() || 'the SSH user');
  const generating = useAddServer((s) => s.generating);
  const error = useAddServer((s) => s.fieldErrors.generated);
  const generateKey = useAddServer((s) => s.generateKey);
  if (!generated) {
    return (
      <div className="field">
        <p className="field-hint" id="add-generate-hint">
          Boxfleet makes a new ed25519 key pair. Its private half stays in your system keychain.
        </p>
        <button
          type="button"
          className="button"
          aria-describedby={error ? 'add-generate-error add-generate-hint' : 'add-generate-hint'}
          aria-disabled={generating || undefined}
          onClick={() => (generating ? undefined : void generateKey())}
        >
          {generating ? 'Generating…' : 'Generate a key'}
        </button>
        {error ? (
          <p id="add-generate-error" className="field-error">
            {error}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="generated-key">
      <TextField
        id="add-public-key"
        label="Public key"
        value={generated.publicKey}
        onChange={() => {}}
        readOnly
        mono
        multiline
        rows={2}
      />
      <div className="field">
        <label htmlFor="add-authorize-command" className="field-label">
          Authorize it on the server
        </label>
        <p className="field-hint" id="add-authorize-hint">
          Run this one line on the server as {user} (over your usual SSH session or the provider’s console), then
          continue.
        </p>
        <textarea
          id="add-authorize-command"
          className="input input-mono"
          readOnly
          rows={3}
          value={generated.authorizeCommand}
          aria-describedby="add-authorize-hint"
        />
        <CopyButton text={generated.authorizeCommand} what="the authorize command" />
      </div>
    </div>
  );
}

/** How Boxfleet logs in: one choice, and only the fields that choice needs. */
export function AuthFields() {
  const authKind = useAddServer((s) => s.form.authKind);
  const privateKey = useAddServer((s) => s.form.privateKey);
  const password = useAddServer((s) => s.form.password);
  const errors = useAddServer((s) => s.fieldErrors);
  const setField = useAddServer((s) => s.setField);
  return (
    <fieldset className="fieldset">
      <legend className="field-label">Authentication</legend>
      <div className="choices">
        {KINDS.map(({ kind, label }) => (
          <label key={kind} className="choice">
            <input
              type="radio"
              name="add-auth-kind"
              value={kind}
              checked={authKind === kind}
              onChange={() => setField('authKind', kind)}
            />
            {label}
          </label>
        ))}
      </div>
      {authKind === 'key-file' ? (
        <>
          <KeyFileField />
          <Passphrase />
        </>
      ) : null}
      {authKind === 'key-text' ? (
        <>
          <TextField
            id="add-private-key"
            label="Private key"
            value={privateKey}
            onChange={(value) => setField('privateKey', value)}
            error={errors.privateKey}
            multiline
            rows={5}
            mono
            placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
            hint="Kept in the system keychain once the login works, never shown again."
          />
          <Passphrase />
        </>
      ) : null}
      {authKind === 'password' ? (
        <TextField
          id="add-password"
          label="Password"
          type="password"
          value={password}
          onChange={(value) => setField('password', value)}
          error={errors.password}
          hint="Kept in the system keychain once the login works, never shown again."
        />
      ) : null}
      {authKind === 'agent' ? (
        <p className="field-hint">
          Boxfleet asks the SSH agent of this session (SSH_AUTH_SOCK) for a key the server accepts.
        </p>
      ) : null}
      {authKind === 'generated' ? <GeneratedKeyFields /> : null}
    </fieldset>
  );
}
