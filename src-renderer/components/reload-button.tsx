/**
 * Asks the box again. While a load is in flight the button stays focusable (aria-disabled, not disabled) and does
 * nothing, so a second click does not start a second load and focus is not lost.
 */
export function ReloadButton({ loading, onReload }: { loading: boolean; onReload: () => void }) {
  return (
    <button
      type="button"
      className="button"
      aria-disabled={loading || undefined}
      onClick={() => (loading ? undefined : onReload())}
    >
      Reload
    </button>
  );
}
