import { useState } from 'react';
import type { MailAlias } from '../../../src-shared/contract/mailboxes';
import type { AppError } from '../../../src-shared/contract/result';
import type { Box } from '../../../src-shared/domain/box';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useAliases } from '../../stores/stores-context';
import { RefusalNotice } from './refusal-notice';

interface Props {
  readonly box: Box;
  readonly alias: MailAlias;
  readonly onClose: (report?: string) => void;
}

/** Confirms removing an alias, saying what stops working; the mailboxes it forwarded to are left alone. */
export function RemoveAliasDialog({ box, alias, onClose }: Props) {
  const remove = useAliases((s) => s.remove);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const onRemove = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const result = await remove(box.id, alias.address);
    setBusy(false);
    if (result.ok) onClose(result.value);
    else setFailure(result.error);
  };

  const targets = alias.forwardsTo.join(', ');
  return (
    <ConfirmDialog
      id="remove-alias"
      title={`Remove alias ${alias.display}?`}
      problem={failure ? <RefusalNotice context="Could not remove the alias" error={failure} /> : null}
      confirmLabel="Remove alias"
      busyLabel="Removing…"
      busy={busy}
      onConfirm={() => void onRemove()}
      onCancel={() => onClose()}
    >
      <p>
        <strong>{box.name}</strong> stops accepting mail for <strong>{alias.display}</strong>
        {targets ? (
          <>
            {' '}
            and no longer forwards it to <span className="break-anywhere">{targets}</span>
          </>
        ) : null}
        . Mail sent to it afterwards bounces, unless a catch-all covers it.
      </p>
      <p>The mailboxes it forwarded to and the mail already delivered are not touched.</p>
    </ConfirmDialog>
  );
}
