import type { Box } from '../../../src-shared/domain/box';
import { emailToAscii } from '../../../src-shared/domain/idn';
import { ErrorBanner } from '../../components/error-banner';
import { FormActions } from '../../components/form-actions';
import { ModalDialog } from '../../components/modal-dialog';
import { PasswordField } from '../../components/password-field';
import { TextField } from '../../components/text-field';
import type { UserForm } from '../../stores/mailboxes-edit-store';
import { useUserEdit } from '../../stores/stores-context';
import { useUserForm } from './use-user-form';

interface Props {
  readonly box: Box;
  readonly form: Extract<UserForm, { kind: 'add' }>;
  /** Why quotas cannot be set on this box; null when they can. */
  readonly quotasAbsent: string | null;
  /** An archived mailbox of this address: adding it again restores that mail. */
  readonly restores: string | null;
}

/** A new mail user: address, password (typed or generated, with a strength meter), admin, and quota. */
export function AddUserDialog({ box, form, quotasAbsent, restores }: Props) {
  const { busy, errors, error, setField, close, onSubmit } = useUserForm();
  const setAdminChoice = useUserEdit((s) => s.setAdminChoice);
  const ascii = emailToAscii(form.email.trim());
  return (
    <ModalDialog titleId="add-user-title" describedBy="add-user-what" onDismiss={close} wide>
      <form onSubmit={onSubmit} noValidate>
        <header className="dialog-header">
          <h2 id="add-user-title">{restores ? `Restore ${form.email}` : `Add a mail user to ${box.name}`}</h2>
        </header>
        <p id="add-user-what" className="muted">
          {restores
            ? `Adding the address again brings back the mail kept in ${restores}, with the password you set here.`
            : 'The box creates the mailbox and updates its DNS and web settings for a new domain.'}
        </p>
        {error ? <ErrorBanner context="The box did not add the user" report={error} /> : null}
        <TextField
          id="add-user-email"
          label="Email address"
          value={form.email}
          onChange={(value) => setField('email', value)}
          error={errors.email}
          hint={
            ascii !== form.email.trim()
              ? `Sent to the box as ${ascii}.`
              : 'Lowercase letters, digits, period, hyphen and underscore.'
          }
          autoComplete="off"
          required
        />
        <PasswordField
          id="add-user-password"
          label="Password"
          value={form.password}
          onChange={(value) => setField('password', value)}
          email={form.email}
          error={errors.password}
        />
        <label className="choice">
          <input type="checkbox" checked={form.admin} onChange={(event) => setAdminChoice(event.target.checked)} />
          Administrator (can use the box’s admin panel)
        </label>
        {quotasAbsent === null ? (
          <TextField
            id="add-user-quota"
            label="Quota"
            value={form.quota}
            onChange={(value) => setField('quota', value)}
            error={errors.quota}
            hint="0 is unlimited; digits with M or G (500M, 2G). Empty: the box’s default."
            mono
          />
        ) : (
          <p className="note">Quota: {quotasAbsent}</p>
        )}
        <FormActions label={restores ? 'Restore' : 'Add user'} busyLabel="Adding…" busy={busy} onCancel={close} />
      </form>
    </ModalDialog>
  );
}
