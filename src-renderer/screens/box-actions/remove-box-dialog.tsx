import { useState } from 'react';
import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { describeError, type ErrorReport } from '../../errors/error-guidance';
import { formatAddress } from '../../format';
import { useBoxActions, useFleet } from '../../stores/stores-context';

/** Confirms removing a box from Boxfleet, and says plainly that the server itself is left alone. */
export function RemoveBoxDialog({ box, onClose }: { box: Box; onClose: () => void }) {
  const remove = useBoxActions((s) => s.remove);
  const reload = useFleet((s) => s.load);
  const [failure, setFailure] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState(false);

  const onRemove = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const result = await remove(box.id);
    if (result.ok) {
      // The fleet reload takes the box out of the list, and with it this screen and this dialog.
      await reload();
      return;
    }
    setBusy(false);
    setFailure(describeError(result.error));
  };

  return (
    <ConfirmDialog
      id="remove-box"
      title={`Remove ${box.name} from Boxfleet?`}
      problem={failure ? <ErrorBanner context="Could not remove the box" report={failure} /> : null}
      confirmLabel={`Remove ${box.name}`}
      busyLabel="Removing…"
      busy={busy}
      onConfirm={() => void onRemove()}
      onCancel={onClose}
    >
      <p>
        Boxfleet forgets <strong>{box.name}</strong> (<code>{formatAddress(box)}</code>) and deletes its saved login
        from the system keychain.
      </p>
      <p>The server itself is not touched: its mail, users and settings stay exactly as they are.</p>
    </ConfirmDialog>
  );
}
