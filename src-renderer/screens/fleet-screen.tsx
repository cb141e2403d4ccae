import { ErrorBanner } from '../components/error-banner';
import { PlannedAction } from '../components/planned-action';
import { useAddServer, useFleet, useNavigation } from '../stores/stores-context';
import { AddServerDialog } from './add-server/add-server-dialog';
import { FleetEmptyState } from './fleet-empty-state';
import { FleetTable } from './fleet-table';

export function FleetScreen() {
  const status = useFleet((state) => state.status);
  const boxes = useFleet((state) => state.boxes);
  const error = useFleet((state) => state.error);
  const load = useFleet((state) => state.load);
  const openBox = useNavigation((state) => state.openBox);
  const openAddServer = useAddServer((state) => state.open);
  const loaded = status === 'ready' || boxes.length > 0;

  return (
    <>
      <header className="screen-header">
        <h1 id="screen-title">Fleet</h1>
        {boxes.length > 0 ? (
          <div className="screen-actions">
            <button type="button" className="button button-primary" onClick={openAddServer}>
              Add a server
            </button>
            <PlannedAction label="Install a new server" />
          </div>
        ) : null}
      </header>
      {status === 'failed' && error ? (
        <ErrorBanner context="Could not load your fleet" report={error} onRetry={() => void load()} />
      ) : null}
      {!loaded && status !== 'failed' ? (
        <p className="muted" role="status">
          Loading your fleet…
        </p>
      ) : null}
      {status === 'ready' && boxes.length === 0 ? <FleetEmptyState /> : null}
      {boxes.length > 0 ? <FleetTable boxes={boxes} onOpen={openBox} /> : null}
      <AddServerDialog />
    </>
  );
}
