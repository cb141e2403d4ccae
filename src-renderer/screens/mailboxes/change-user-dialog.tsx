import { ErrorBanner } from '../../components/error-banner';
import { FormActions } from '../../components/form-actions';
import { ModalDialog } from '../../components/modal-dialog';
import { PasswordField } from '../../components/password-field';
import { TextField } from '../../components/text-field';
import type { UserForm } from '../../stores/mailboxes-edit-store';
import { useUserForm } from './use-user-form';

type Change = Extract<UserForm, { kind: 'password' | 'quota' }>;

/** A new password or a new quota for one user; a refusal leaves what was typed in place. */
export function ChangeUserDialog({ form }: { form: Change }) {
  const { busy, errors, error, setField, close, onSubmit } = useUserForm();
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
        <FormActions label={password ? 'Set password' : 'Set quota'} busyLabel="Saving…" busy={busy} onCancel={close} />
      </form>
    </ModalDialog>
  );
}
