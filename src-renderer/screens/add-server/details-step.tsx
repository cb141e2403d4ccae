import type { FormEvent } from 'react';
import { AuthFields } from './auth-fields';
import { AddressFields, AdvancedFields, JumpHostFields, SshConfigPicker } from './connection-fields';
import { useAddServer } from '../../stores/stores-context';

/** Step 1: where the server is and how to log in. Nothing is sent until Continue, and nothing typed is lost. */
export function DetailsStep({ onCancel }: { onCancel: () => void }) {
  const submitDetails = useAddServer((s) => s.submitDetails);
  const editing = useAddServer((s) => s.editing);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submitDetails();
  };
  return (
    <form className="wizard-form" noValidate onSubmit={onSubmit} aria-label="Connection details">
      {editing ? (
        <p className="note" id="edit-login-note">
          Enter the login again: Boxfleet never shows a saved password or key. The saved login stays in use until the
          new one has worked and you save.
        </p>
      ) : null}
      <SshConfigPicker />
      <AddressFields />
      <AuthFields />
      <JumpHostFields />
      <AdvancedFields />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary">
          Continue
        </button>
      </div>
    </form>
  );
}
