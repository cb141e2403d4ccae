import type { FormEvent } from 'react';
import { ErrorBanner } from '../../components/error-banner';
import { ModalDialog } from '../../components/modal-dialog';
import { PasswordField } from '../../components/password-field';
import { TextField } from '../../components/text-field';
import type { UserForm } from '../../stores/mailboxes-edit-store';
import { useUserEdit } from '../../stores/stores-context';

type Change = Extract<UserForm, { kind: 'password' | 'quota' }>;

/** A new password or a new quota for one user; a refusal leaves what was typed in place. */
export function ChangeUserDialog({ form }: { form: Change }) {
  const busy = useUserEdit((s) => s.busy);
  const errors = useUserEdit((s) => s.fieldErrors);
  const error = useUserEdit((s) => s.error);
  const setField = useUserEdit((s) => s.setField);
  const submit = useUserEdit((s) => s.submit);
  const close = useUserEdit((s) => s.close);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const password = form.kind === 'password';
  const title = password ? `Set the password of ${form.email}` : `Set the quota of ${form.email}`;
  return (
    <ModalDialog titleId="change-user-title" onDismiss={close}>
      <form onSubmit={onSubmit} noValidate>
        <header className="dialog-header">
          <h2 id="change-user-title">{title}</h2>
        </header>
        {error ? <ErrorBanner context="The box did not make the change" report={error} /> : null}
        {form.kind === 'password' ? (
          <>
            <PasswordField
              id="user-new-password"
              label="New password"
              value={form.password}
              onChange={(value) => setField('password', value)}
              email={form.email}
              error={errors.password}
            />
            <p className="note">The user’s open sessions end; mail apps ask for the new password.</p>
          </>
        ) : (
          <TextField
            id="user-quota"
            label="Quota"
            value={form.quota}
            onChange={(value) => setField('quota', value)}
            error={errors.quota}
            hint="0 is unlimited; digits with M or G (500M, 2G)."
            mono
          />
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
            {busy ? 'Saving…' : password ? 'Set password' : 'Set quota'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
