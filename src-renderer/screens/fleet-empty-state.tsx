import { PlannedAction } from '../components/planned-action';

/** The first thing a new user sees: an invitation to bring in a box, honest that the way in is still coming. */
export function FleetEmptyState() {
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <div className="empty-illustration" aria-hidden="true" />
      <h2 id="empty-title">No boxes yet</h2>
      <p>
        Boxfleet looks after your Mail-in-a-Box servers from one place. Add a box you already run, or install
        Mail-in-a-Box on a fresh server.
      </p>
      <div className="empty-actions">
        <PlannedAction label="Add a server" primary />
        <PlannedAction label="Install a new server" />
      </div>
      <p className="note">Adding and installing servers are coming in a later release.</p>
    </section>
  );
}
