import type { TransferKind } from '../../../src-shared/contract/mail-fleet';
import type { Box } from '../../../src-shared/domain/box';
import { ExportControls } from './export-controls';
import { ImportControls } from './import-controls';

/**
 * Import and export of a box's users or aliases, folded away under the list until wanted. Any screen of a box may
 * show it (the aliases screen does; the users screen can with kind "users").
 */
export function MailTransferPanel({ box, kind }: { box: Box; kind: TransferKind }) {
  return (
    <details className="disclosure transfer-panel">
      <summary>Import or export {kind}</summary>
      <ExportControls box={box} kind={kind} />
      <ImportControls box={box} kind={kind} />
    </details>
  );
}
