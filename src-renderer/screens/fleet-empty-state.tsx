import { useAddServer, useNavigation } from '../stores/stores-context';

/** The first thing a new user sees: an invitation to bring in a box, or to install one on a fresh server. */
export function FleetEmptyState() {
  const openAddServer = useAddServer((state) => state.open);
  const showInstall = useNavigation((state) => state.showInstall);
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <div className="empty-illustration" aria-hidden="true" />
      <h2 id="empty-title">No boxes yet</h2>
      <p>
        Boxfleet looks after your Mail-in-a-Box servers from one place. Add a box you already run, or install
        Mail-in-a-Box on a fresh server.
      </p>
      <div className="empty-actions">
        <button type="button" className="button button-primary" onClick={openAddServer}>
          Add a server
        </button>
        <button type="button" className="button" onClick={() => showInstall()}>
          Install a new server
        </button>
      </div>
    </section>
  );
}
