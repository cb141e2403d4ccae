import { useMemo } from 'react';
import { ErrorBanner } from '../components/error-banner';
import { isRefreshing } from '../stores/fleet-health-store';
import { fleetRows, fleetTags } from '../stores/fleet-rows';
import { useAddServer, useFleet, useFleetHealth, useFleetView, useNavigation } from '../stores/stores-context';
import { AddServerDialog } from './add-server/add-server-dialog';
import { FleetEmptyState } from './fleet-empty-state';
import { useNow } from './fleet-format';
import { FleetTable } from './fleet-table';
import { FleetToolbar } from './fleet-toolbar';
import { CheckDnsButton } from './dns/check-dns-button';

function RefreshButton() {
  const refresh = useFleetHealth((state) => state.refresh);
  const start = useFleetHealth((state) => state.startRefresh);
  const running = isRefreshing(refresh);
  const job = refresh.job;
  return (
    <div className="refresh">
      <button type="button" className="button" onClick={() => void start()} disabled={running}>
        {running ? 'Refreshing…' : 'Refresh'}
      </button>
      {running && job ? (
        <span className="refresh-progress">
          <progress max={1} value={job.value} aria-label="Refresh progress" />
          <span className="muted">{job.detail ?? `${Math.round(job.value * 100)}%`}</span>
        </span>
      ) : null}
    </div>
  );
}

function FleetRows() {
  const boxes = useFleet((state) => state.boxes);
  const health = useFleetHealth((state) => state.health);
  const view = useFleetView((state) => state);
  const openBox = useNavigation((state) => state.openBox);
  const now = useNow();
  const rows = useMemo(
    () =>
      fleetRows(
        boxes,
        health.data ?? {},
        { sort: view.sort, state: view.state, tag: view.tag, search: view.search },
        now,
      ),
    [boxes, health.data, view.sort, view.state, view.tag, view.search, now],
  );
  const tags = useMemo(() => fleetTags(boxes), [boxes]);
  const loadHealth = useFleetHealth((state) => state.load);
  return (
    <>
      {health.status === 'failed' && health.error ? (
        <ErrorBanner
          context="Could not read the boxes’ last known health"
          report={health.error}
          onRetry={() => void loadHealth()}
        />
      ) : null}
      <FleetToolbar
        tags={tags}
        tag={view.tag}
        state={view.state}
        search={view.search}
        shown={rows.length}
        total={boxes.length}
        onTag={view.setTag}
        onState={view.setState}
        onSearch={view.setSearch}
      />
      {rows.length === 0 ? (
        <p className="note">No box matches these filters.</p>
      ) : (
        <FleetTable
          rows={rows}
          now={now}
          sort={view.sort}
          onSort={view.sortBy}
          activeBoxId={view.activeBoxId}
          onActive={view.setActive}
          onOpen={openBox}
        />
      )}
    </>
  );
}

export function FleetScreen() {
  const status = useFleet((state) => state.status);
  const boxes = useFleet((state) => state.boxes);
  const error = useFleet((state) => state.error);
  const load = useFleet((state) => state.load);
  const refreshError = useFleetHealth((state) => state.refresh.error);
  const openAddServer = useAddServer((state) => state.open);
  const showInstall = useNavigation((state) => state.showInstall);
  const loaded = status === 'ready' || boxes.length > 0;

  return (
    <>
      <header className="screen-header">
        <h1 id="screen-title">Fleet</h1>
        {boxes.length > 0 ? (
          <div className="screen-actions">
            <RefreshButton />
            <CheckDnsButton />
            <button type="button" className="button button-primary" onClick={openAddServer}>
              Add a server
            </button>
            <button type="button" className="button" onClick={() => showInstall()}>
              Install a new server
            </button>
          </div>
        ) : null}
      </header>
      {status === 'failed' && error ? (
        <ErrorBanner context="Could not load your fleet" report={error} onRetry={() => void load()} />
      ) : null}
      {refreshError ? <ErrorBanner context="Could not refresh the fleet" report={refreshError} /> : null}
      {!loaded && status !== 'failed' ? (
        <p className="muted" role="status">
          Loading your fleet…
        </p>
      ) : null}
      {status === 'ready' && boxes.length === 0 ? <FleetEmptyState /> : null}
      {boxes.length > 0 ? <FleetRows /> : null}
      <AddServerDialog />
    </>
  );
}
