import { PlannedAction } from '../components/planned-action';
import { useAddServer } from '../stores/stores-context';

/** The first thing a new user sees: an invitation to bring in a box, honest about what is still coming. */
export function FleetEmptyState() {
  const openAddServer = useAddServer((state) => state.open);
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
        <PlannedAction label="Install a new server" />
      </div>
      <p className="note">Installing Mail-in-a-Box on a fresh server is coming in a later release.</p>
    </section>
  );
}
