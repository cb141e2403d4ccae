import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the last control wraps to the first (and Shift+Tab the other way): a modal dialog makes the page inert,
 * but browsers still let Tab leave it for their own toolbar, and from there back into nothing useful.
 */
function wrapTab(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const controls = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.getClientRects().length > 0,
  );
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === event.currentTarget)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

interface Props {
  /** The id of the dialog's heading, which names it for assistive technology. */
  readonly titleId: string;
  /** The id of the text that says what the dialog is about, read out when it opens. */
  readonly describedBy?: string;
  /** Esc, or the browser closing the dialog by itself: the owner decides what cancelling means. */
  readonly onDismiss: () => void;
  readonly wide?: boolean;
  readonly children: ReactNode;
}

/**
 * A native modal `<dialog>`: the browser makes the rest of the page inert, moves focus in, and gives it back to the
 * control that opened it when the dialog closes; Tab wraps around inside it.
 */
export function ModalDialog({ titleId, describedBy, onDismiss, wide = false, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  }, [onDismiss]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onKeyDown={wrapTab}
      onCancel={(event) => {
        // Esc: keep the dialog until its owner has cleaned up (a draft to discard, say), then it unmounts.
        event.preventDefault();
        dismiss.current();
      }}
      onClose={() => dismiss.current()}
    >
      {children}
    </dialog>
  );
}
