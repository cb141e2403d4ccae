import { useRef, type ChangeEvent } from 'react';
import { TextField } from '../../components/text-field';
import { MAX_KEY_FILE_BYTES } from '../../stores/add-server-checks';
import { useAddServer, useApp } from '../../stores/stores-context';

const ERROR_ID = 'add-key-path-error';

/** Reads at most MAX_KEY_FILE_BYTES: anything larger is not a key, and is refused as empty. */
async function readKeyFile(file: File): Promise<string> {
  return file.size > MAX_KEY_FILE_BYTES ? '' : file.text();
}

/**
 * The private key file: a path, chosen with the system dialog where there is one (only the path comes back), or
 * with the window's file input, whose content is sent once like a pasted key. Which one is offered follows what
 * the core says about this face (`nativeKeyFilePicker`), never the transport.
 */
export function KeyFileField() {
  const nativePicker = useApp((s) => s.info?.nativeKeyFilePicker ?? false);
  const keyPath = useAddServer((s) => s.form.keyPath);
  const uploaded = useAddServer((s) => s.form.uploadedKey);
  const error = useAddServer((s) => s.fieldErrors.keyPath);
  const setField = useAddServer((s) => s.setField);
  const chooseKeyFile = useAddServer((s) => s.chooseKeyFile);
  const takeUploadedKey = useAddServer((s) => s.takeUploadedKey);
  const clearUploadedKey = useAddServer((s) => s.clearUploadedKey);
  const fileInput = useRef<HTMLInputElement>(null);

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file may be chosen again after a fix: let the next change fire.
    event.target.value = '';
    if (file) void readKeyFile(file).then((text) => takeUploadedKey(file.name, text));
  };
  const chooseButton = (label: string, invalid: boolean) => (
    <button
      type="button"
      className="button"
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? ERROR_ID : undefined}
      onClick={() => {
        if (nativePicker) void chooseKeyFile();
        else fileInput.current?.click();
      }}
    >
      {label}
    </button>
  );
  const input = nativePicker ? null : (
    <input
      ref={fileInput}
      type="file"
      hidden
      aria-label="Private key file to read"
      data-testid="key-file-input"
      onChange={onFile}
    />
  );

  if (uploaded) {
    return (
      <div className="field">
        <span className="field-label">Key file</span>
        <p className="key-file-chosen">
          <code>{uploaded.fileName}</code>
        </p>
        {error ? (
          <p id={ERROR_ID} className="field-error">
            {error}
          </p>
        ) : null}
        <p className="field-hint">
          Read in this window. Its content goes to Boxfleet once, when you continue, and is kept in the system keychain
          once the login works.
        </p>
        <div className="field-actions">
          {chooseButton('Choose another file…', Boolean(error))}
          <button type="button" className="button" onClick={clearUploadedKey}>
            Type a path instead
          </button>
        </div>
        {input}
      </div>
    );
  }
  return (
    <>
      <TextField
        id="add-key-path"
        label="Key file path"
        value={keyPath}
        onChange={(value) => setField('keyPath', value)}
        error={error}
        placeholder="~/.ssh/id_ed25519"
        mono
        hint="The path on this computer of the private half (not the .pub file)."
        action={chooseButton('Choose file…', false)}
      />
      {input}
    </>
  );
}
