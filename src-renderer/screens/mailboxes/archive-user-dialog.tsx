import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import { ModalDialog } from '../../components/modal-dialog';
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
    <ModalDialog titleId="archive-user-title" describedBy="archive-user-what" onDismiss={close}>
      <div>
        <header className="dialog-header">
          <h2 id="archive-user-title">Archive {email}?</h2>
        </header>
        {error ? <ErrorBanner context="The box did not archive the user" report={error} /> : null}
        <div id="archive-user-what">
          <p>
            {email} can no longer log in or receive mail on {box.name}. Aliases that forward to this address stay as
            they are.
          </p>
          <p>
            <strong>The mail is kept</strong> on the box in <code>{folder}</code>, and the user is listed as archived.
          </p>
          <p>
            To restore it, add {email} again: the kept mail comes back. To erase it for good, delete that folder on the
            box.
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-danger"
            aria-disabled={busy || undefined}
            onClick={() => void submit()}
          >
            {busy ? 'Archiving…' : `Archive ${email}`}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
