import type { MailUser } from '../../../src-shared/contract/mailboxes';
import { adminKey } from '../../stores/mailboxes-edit-store';
import { useUserEdit } from '../../stores/stores-context';

interface Props {
  readonly boxId: string;
  readonly user: MailUser;
  /** The box has quota routes; without them the quota button is left out (the screen says why). */
  readonly quotas: boolean;
}

/** The changes a user's row offers; each button's name says whose it is, for screen readers and tests alike. */
export function UserActions({ boxId, user, quotas }: Props) {
  const openPassword = useUserEdit((s) => s.openPassword);
  const openQuota = useUserEdit((s) => s.openQuota);
  const openArchive = useUserEdit((s) => s.openArchive);
  const openAdd = useUserEdit((s) => s.openAdd);
  const setAdmin = useUserEdit((s) => s.setAdmin);
  const adminBusy = useUserEdit((s) => s.adminBusy[adminKey(boxId, user.email)] === true);
  const { email } = user;

  if (user.status === 'inactive') {
    return (
      <div className="row-actions">
        <button
          type="button"
          className="button button-small"
          aria-label={`Restore ${email}`}
          onClick={() => openAdd(boxId, { email })}
        >
          Restore…
        </button>
      </div>
    );
  }
  const admin = user.privileges.includes('admin');
  return (
    <div className="row-actions">
      <button
        type="button"
        className="button button-small"
        aria-label={`Set the password of ${email}`}
        onClick={() => openPassword(boxId, email)}
      >
        Password…
      </button>
      {quotas ? (
        <button
          type="button"
          className="button button-small"
          aria-label={`Set the quota of ${email}`}
          onClick={() => openQuota(boxId, email, user.quota ?? '0')}
        >
          Quota…
        </button>
      ) : null}
      <button
        type="button"
        className="button button-small"
        aria-label={admin ? `Revoke admin from ${email}` : `Make ${email} an admin`}
        aria-disabled={adminBusy || undefined}
        onClick={() => (adminBusy ? undefined : void setAdmin(boxId, email, !admin))}
      >
        {adminBusy ? 'Saving…' : admin ? 'Revoke admin' : 'Make admin'}
      </button>
      <button
        type="button"
        className="button button-small button-danger"
        aria-label={`Archive ${email}`}
        onClick={() => openArchive(boxId, email)}
      >
        Archive…
      </button>
    </div>
  );
}
