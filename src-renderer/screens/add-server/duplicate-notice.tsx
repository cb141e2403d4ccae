import { useAddServer, useNavigation } from '../../stores/stores-context';

/**
 * The server typed is already in the fleet: say which box it is and offer to open it. Everything typed stays, so
 * the admin can instead change the port or user to add another login to the same server.
 */
export function DuplicateNotice() {
  const duplicate = useAddServer((s) => s.duplicate);
  const cancel = useAddServer((s) => s.cancel);
  const openBox = useNavigation((s) => s.openBox);
  if (!duplicate) return null;
  return (
    <div className="banner banner-warning" role="alert" data-step-error="" tabIndex={-1}>
      <p className="banner-title">This server is already in your fleet.</p>
      <p>{duplicate.message}</p>
      <p>Open it, or change the host, port or user to add a different login.</p>
      <div className="banner-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            // Close first, freeing any draft, so the box's screen is not behind an open dialog.
            void cancel().then(() => openBox(duplicate.boxId));
          }}
        >
          Open {duplicate.name}
        </button>
      </div>
    </div>
  );
}
