import { useId, useState } from 'react';
import type { TransferKind } from '../../../src-shared/contract/mail-fleet';
import { useFleet } from '../../stores/stores-context';
import { ExportControls } from '../mail-transfer/export-controls';
import { ImportControls } from '../mail-transfer/import-controls';

/** Import into, or export from, one box of the fleet: users or aliases, CSV or JSON. */
export function FleetTransfer() {
  const id = useId();
  const boxes = useFleet((s) => s.boxes);
  const [boxId, setBoxId] = useState<string>('');
  const [kind, setKind] = useState<TransferKind>('users');
  const box = boxes.find((b) => b.id === boxId) ?? boxes[0];
  if (!box) {
    return (
      <div className="empty-state empty-state-small">
        <h3>No boxes in the fleet yet</h3>
        <p>Add a box on the Fleet screen first.</p>
      </div>
    );
  }
  return (
    <section aria-labelledby="mail-transfer-title">
      <h2 id="mail-transfer-title" className="section-title">
        Import and export
      </h2>
      <div className="transfer-row">
        <label htmlFor={`${id}-box`}>Box</label>
        <select
          id={`${id}-box`}
          className="input input-narrow"
          value={box.id}
          onChange={(event) => setBoxId(event.target.value)}
        >
          {boxes.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-kind`}>Lists</label>
        <select
          id={`${id}-kind`}
          className="input input-narrow"
          value={kind}
          onChange={(event) => setKind(event.target.value === 'aliases' ? 'aliases' : 'users')}
        >
          <option value="users">Mail users</option>
          <option value="aliases">Aliases</option>
        </select>
      </div>
      <ExportControls key={`export-${box.id}-${kind}`} box={box} kind={kind} />
      <ImportControls key={`import-${box.id}-${kind}`} box={box} kind={kind} />
    </section>
  );
}
