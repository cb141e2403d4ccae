import { useState } from 'react';
import { TextField } from '../../components/text-field';
import { DEFAULT_BOX_PATHS } from '../../../src-shared/domain/box';
import { DEFAULT_API_PORT, hasAdvancedChanges } from '../../stores/add-server-form';
import { useAddServer } from '../../stores/stores-context';

/** Hosts from ~/.ssh/config; hidden when there are none, so nobody chases an empty list. */
export function SshConfigPicker() {
  const hosts = useAddServer((s) => s.sshHosts);
  const importSshHost = useAddServer((s) => s.importSshHost);
  if (hosts.length === 0) return null;
  return (
    <div className="field">
      <label htmlFor="add-ssh-config" className="field-label">
        Import from ~/.ssh/config
      </label>
      <select
        id="add-ssh-config"
        className="input"
        value=""
        aria-describedby="add-ssh-config-hint"
        onChange={(event) => importSshHost(event.target.value)}
      >
        <option value="">Choose a host…</option>
        {hosts.map((host) => (
          <option key={host.alias} value={host.alias}>
            {host.alias} ({host.user ? `${host.user}@` : ''}
            {host.host}:{host.port})
          </option>
        ))}
      </select>
      <p id="add-ssh-config-hint" className="field-hint">
        Fills in the host, port, user, key file and jump host below.
      </p>
    </div>
  );
}

export function AddressFields() {
  const form = useAddServer((s) => s.form);
  const errors = useAddServer((s) => s.fieldErrors);
  const setField = useAddServer((s) => s.setField);
  return (
    <div className="field-row">
      <TextField
        id="add-host"
        label="Host"
        value={form.host}
        onChange={(value) => setField('host', value)}
        error={errors.host}
        placeholder="box.example.com"
        required
      />
      <TextField
        id="add-port"
        label="SSH port"
        type="number"
        value={form.port}
        onChange={(value) => setField('port', value)}
        error={errors.port}
        required
      />
      <TextField
        id="add-user"
        label="SSH user"
        value={form.user}
        onChange={(value) => setField('user', value)}
        error={errors.user}
        required
      />
    </div>
  );
}

export function JumpHostFields() {
  const form = useAddServer((s) => s.form);
  const errors = useAddServer((s) => s.fieldErrors);
  const setField = useAddServer((s) => s.setField);
  return (
    <div className="field-group">
      <label className="choice">
        <input
          type="checkbox"
          checked={form.useJumpHost}
          onChange={(event) => setField('useJumpHost', event.target.checked)}
        />
        Connect through a jump host
      </label>
      {form.useJumpHost ? (
        <div className="field-row">
          <TextField
            id="add-jump-host"
            label="Jump host"
            value={form.jumpHost}
            onChange={(value) => setField('jumpHost', value)}
            error={errors.jumpHost}
          />
          <TextField
            id="add-jump-port"
            label="Jump host port"
            type="number"
            value={form.jumpPort}
            onChange={(value) => setField('jumpPort', value)}
            error={errors.jumpPort}
          />
          <TextField
            id="add-jump-user"
            label="Jump host user"
            value={form.jumpUser}
            onChange={(value) => setField('jumpUser', value)}
            error={errors.jumpUser}
          />
        </div>
      ) : null}
    </div>
  );
}

/** Where the box keeps its API and files. Real boxes use the defaults; a test or unusual setup changes them. */
export function AdvancedFields() {
  const form = useAddServer((s) => s.form);
  const errors = useAddServer((s) => s.fieldErrors);
  const setField = useAddServer((s) => s.setField);
  const [open, setOpen] = useState(() => hasAdvancedChanges(form));
  const hasErrors = Boolean(errors.apiPort || errors.apiKeyPath || errors.confPath || errors.storageRoot);
  return (
    <details className="disclosure" open={open || hasErrors} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Advanced</summary>
      <TextField
        id="add-api-port"
        label="Management API port (on the box’s loopback)"
        type="number"
        value={form.apiPort}
        onChange={(value) => setField('apiPort', value)}
        error={errors.apiPort}
        hint={`Mail-in-a-Box uses ${DEFAULT_API_PORT}.`}
      />
      <TextField
        id="add-api-key-path"
        label="API key file"
        value={form.apiKeyPath}
        onChange={(value) => setField('apiKeyPath', value)}
        error={errors.apiKeyPath}
        mono
        hint={`Default ${DEFAULT_BOX_PATHS.apiKey}`}
      />
      <TextField
        id="add-conf-path"
        label="Settings file"
        value={form.confPath}
        onChange={(value) => setField('confPath', value)}
        error={errors.confPath}
        mono
        hint={`Default ${DEFAULT_BOX_PATHS.conf}`}
      />
      <TextField
        id="add-storage-root"
        label="Storage root"
        value={form.storageRoot}
        onChange={(value) => setField('storageRoot', value)}
        error={errors.storageRoot}
        mono
        hint={`Default ${DEFAULT_BOX_PATHS.storageRoot}`}
      />
    </details>
  );
}
