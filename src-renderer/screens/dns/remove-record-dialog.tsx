import { useState } from 'react';
import type { CustomRecordType } from '../../../src-shared/contract/dns';
import type { AppError } from '../../../src-shared/contract/result';
import type { Box } from '../../../src-shared/domain/box';
import { domainToDisplay } from '../../../src-shared/domain/idn';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useDns } from '../../stores/stores-context';
import { RefusalNotice } from '../aliases/refusal-notice';

/** One value to delete, or (no value) every value of the name and type; `count` is how many values it has now. */
export interface RemoveTarget {
  readonly qname: string;
  readonly rtype: CustomRecordType;
  readonly value?: string;
  readonly count: number;
}

interface Props {
  readonly box: Box;
  readonly target: RemoveTarget;
  readonly onClose: () => void;
}

/** Confirms deleting custom records, saying what the world stops seeing; the box's own records are not touched. */
export function RemoveRecordDialog({ box, target, onClose }: Props) {
  const remove = useDns((s) => s.remove);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const all = target.value === undefined;
  const name = domainToDisplay(target.qname);

  const onRemove = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const result = await remove(box.id, {
      qname: target.qname,
      rtype: target.rtype,
      ...(all ? {} : { value: target.value }),
    });
    setBusy(false);
    if (result.ok) onClose();
    else setFailure(result.error);
  };

  return (
    <ConfirmDialog
      id="remove-record"
      title={
        all ? `Delete all ${target.count} ${target.rtype} records of ${name}?` : `Delete this ${target.rtype} record?`
      }
      problem={failure ? <RefusalNotice context="Could not delete the record" error={failure} /> : null}
      confirmLabel={all ? `Delete all ${target.count}` : 'Delete record'}
      busyLabel="Deleting…"
      busy={busy}
      onConfirm={() => void onRemove()}
      onCancel={onClose}
    >
      {all ? (
        <p>
          <strong>{box.name}</strong> stops publishing every custom {target.rtype} record of{' '}
          <strong className="break-anywhere">{name}</strong>.
        </p>
      ) : (
        <p>
          <strong>{box.name}</strong> stops publishing <strong className="break-anywhere">{name}</strong> {target.rtype}{' '}
          <code className="break-anywhere">{target.value}</code>
          {target.count > 1 ? `; the other ${target.count - 1} ${target.rtype} values of this name stay.` : '.'}
        </p>
      )}
      <p>
        Where the box makes a record of its own for this name (an address, mail records), it publishes it again.
        Resolvers may keep the old answer until its TTL runs out.
      </p>
    </ConfirmDialog>
  );
}
