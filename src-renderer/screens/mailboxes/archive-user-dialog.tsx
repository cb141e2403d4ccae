import type { Box } from '../../../src-shared/domain/box';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { useUserEdit } from '../../stores/stores-context';

/**
 * Archiving is what the box calls removing a user: the login goes, the mail stays on disk. The dialog says both,
 * and how to undo it, before anything happens.
 */
export function ArchiveUserDialog({ box, email, storageRoot }: { box: Box; email: string; storageRoot: string }) {
  const busy = useUserEdit((s) => s.busy);
  const error = useUserEdit((s) => s.error);
  const submit = useUserEdit((s) => s.submit);
  const close = useUserEdit((s) => s.close);
  const [local = '', domain = ''] = email.split('@');
  const folder = `${storageRoot}/mail/mailboxes/${domain}/${local}`;
  return (
    <ConfirmDialog
      id="archive-user"
      title={`Archive ${email}?`}
      problem={error ? <ErrorBanner context="The box did not archive the user" report={error} /> : null}
      confirmLabel={`Archive ${email}`}
      busyLabel="Archiving…"
      busy={busy}
      onConfirm={() => void submit()}
      onCancel={close}
    >
      <p>
        {email} can no longer log in or receive mail on {box.name}. Aliases that forward to this address stay as they
        are.
      </p>
      <p>
        <strong>The mail is kept</strong> on the box in <code>{folder}</code>, and the user is listed as archived.
      </p>
      <p>
        To restore it, add {email} again: the kept mail comes back. To erase it for good, delete that folder on the box.
      </p>
    </ConfirmDialog>
  );
}
