interface Props {
  /** What the submit button says, and what it says while the form is being sent. */
  readonly label: string;
  readonly busyLabel: string;
  readonly busy: boolean;
  readonly onCancel: () => void;
}

/**
 * A dialog form's Cancel and submit buttons. While busy the submit button stays focusable (aria-disabled, not
 * disabled) so focus stays in the dialog; the form's own submit handler ignores it then.
 */
export function FormActions({ label, busyLabel, busy, onCancel }: Props) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}
