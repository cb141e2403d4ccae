import type { ReactNode } from 'react';
import { ModalDialog } from './modal-dialog';

interface Props {
  /** Prefix of the heading's and the explanation's ids (`<id>-title`, `<id>-what`), unique on the page. */
  readonly id: string;
  readonly title: ReactNode;
  /** Why the last try failed, in the owner's own words; shown between the heading and the explanation. */
  readonly problem?: ReactNode;
  /** What happens, what does not, and how to undo it: read out when the dialog opens. */
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly busyLabel: string;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * A destructive action asked once more, the same way everywhere: the question as the heading, what it does below,
 * Cancel first and the danger button last. While busy the button stays focusable (aria-disabled, not disabled) so
 * focus is not lost to the page in the middle of the action.
 */
export function ConfirmDialog({
  id,
  title,
  problem,
  children,
  confirmLabel,
  busyLabel,
  busy,
  onConfirm,
  onCancel,
}: Props) {
  return (
    <ModalDialog titleId={`${id}-title`} describedBy={`${id}-what`} onDismiss={onCancel}>
      <div>
        <header className="dialog-header">
          <h2 id={`${id}-title`}>{title}</h2>
        </header>
        {problem ?? null}
        <div id={`${id}-what`}>{children}</div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button-danger" aria-disabled={busy || undefined} onClick={onConfirm}>
            {busy ? busyLabel : confirmLabel}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
