import { useEffect, useId, useMemo } from 'react';
import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import { isRunning, NO_FILTER, NO_RUN, type ChecksFilterMode } from '../../stores/checks-store';
import { NOT_LOADED } from '../../stores/server-state';
import { useChecks } from '../../stores/stores-context';
import { formatAge, useNow } from '../fleet-format';
import { CheckItem } from './check-item';
import { ChecksChanges } from './checks-changes';
import { countByType, filterGroups, groupByHeading } from './checks-groups';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function RunNow({ boxId }: { boxId: string }) {
  const run = useChecks((state) => state.runs[boxId] ?? NO_RUN);
  const runNow = useChecks((state) => state.runNow);
  const running = isRunning(run);
  return (
    <div className="run-now">
      <button type="button" className="button button-primary" onClick={() => void runNow(boxId)} disabled={running}>
        {running ? 'Running…' : 'Run now'}
      </button>
      {running ? (
        <span className="refresh-progress" role="status">
          <progress max={1} value={run.job?.value ?? 0} aria-label="Status checks progress" />
          <span className="muted">{run.job?.detail ?? 'The box runs its checks; this takes a minute or two.'}</span>
        </span>
      ) : null}
    </div>
  );
}

function FilterBar({ boxId }: { boxId: string }) {
  const id = useId();
  const filter = useChecks((state) => state.filter[boxId] ?? NO_FILTER);
  const setFilter = useChecks((state) => state.setFilter);
  const modes: ReadonlyArray<{ value: ChecksFilterMode; label: string }> = [
    { value: 'all', label: 'All' },
    { value: 'problems', label: 'Problems only' },
  ];
  return (
    <div className="fleet-toolbar" role="search" aria-label="Filter the checks">
      <fieldset className="segmented">
        <legend className="sr-only">Show</legend>
        {modes.map((mode) => (
          <label key={mode.value} className="segment">
            <input
              type="radio"
              name={`${id}-mode`}
              value={mode.value}
              checked={filter.mode === mode.value}
              onChange={() => setFilter(boxId, { mode: mode.value })}
            />
            {mode.label}
          </label>
        ))}
      </fieldset>
      <div className="toolbar-field">
        <label htmlFor={`${id}-search`}>Search</label>
        <input
          id={`${id}-search`}
          type="search"
          className="input"
          value={filter.query}
          onChange={(event) => setFilter(boxId, { query: event.target.value })}
        />
      </div>
    </div>
  );
}

/** The box's System Status Checks: items under their headings, filterable, what changed, and run now. */
export function ChecksScreen({ box }: { box: Box }) {
  const shown = useChecks((state) => state.byBox[box.id] ?? NOT_LOADED);
  const run = useChecks((state) => state.runs[box.id] ?? NO_RUN);
  const filter = useChecks((state) => state.filter[box.id] ?? NO_FILTER);
  const load = useChecks((state) => state.load);
  const runNow = useChecks((state) => state.runNow);
  const now = useNow();
  useEffect(() => {
    void load(box.id);
  }, [box.id, load]);
  const latest = shown.data?.latest ?? null;
  const groups = useMemo(() => groupByHeading(latest?.items ?? []), [latest]);
  const visible = useMemo(() => filterGroups(groups, filter), [groups, filter]);
  const counts = countByType(latest?.items ?? []);

  return (
    <>
      <div className="checks-head">
        <p className="muted">
          {latest
            ? `Last run ${formatAge(latest.at, now)}: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.ok} ok.`
            : shown.status === 'ready'
              ? 'The checks have not run yet.'
              : ''}
        </p>
        <RunNow boxId={box.id} />
      </div>
      {run.error ? (
        <ErrorBanner
          context="The status checks did not finish"
          report={run.error}
          onRetry={run.error.canRetry ? () => void runNow(box.id) : undefined}
        />
      ) : null}
      {shown.status === 'failed' && shown.error ? (
        <ErrorBanner
          context="Could not read the status checks"
          report={shown.error}
          onRetry={() => void load(box.id)}
        />
      ) : null}
      {shown.status === 'loading' && shown.data === null ? (
        <p className="muted" role="status">
          Loading the status checks…
        </p>
      ) : null}
      {shown.status === 'ready' && latest === null && !isRunning(run) ? (
        <p className="note">
          Boxfleet has no run of this box’s status checks yet. Run them now: the box takes a minute or two, and its
          other management requests wait meanwhile.
        </p>
      ) : null}
      {latest ? (
        <>
          <ChecksChanges changes={shown.data?.changes ?? []} hasPrevious={shown.data?.previous != null} />
          <FilterBar boxId={box.id} />
          {visible.length === 0 ? <p className="note">No check matches this filter.</p> : null}
          {visible.map((group, groupIndex) => (
            <section key={`${groupIndex}-${group.heading}`} className="check-group" aria-label={group.heading}>
              <h2>{group.heading}</h2>
              <ul className="check-items">
                {group.items.map((item, index) => (
                  <CheckItem key={index} item={item} />
                ))}
              </ul>
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}
