import { useId } from 'react';
import type { StateFilter } from '../stores/fleet-rows';

interface Props {
  readonly tags: readonly string[];
  readonly tag: string | null;
  readonly state: StateFilter;
  readonly search: string;
  readonly shown: number;
  readonly total: number;
  onTag(tag: string | null): void;
  onState(state: StateFilter): void;
  onSearch(search: string): void;
}

const STATES: ReadonlyArray<{ value: StateFilter; label: string }> = [
  { value: 'all', label: 'All boxes' },
  { value: 'down', label: 'Down or refused' },
  { value: 'problems', label: 'Up with problems' },
  { value: 'ok', label: 'OK' },
];

/** Search, state and tag filters above the fleet table, and how many rows they leave. */
export function FleetToolbar(props: Props) {
  const id = useId();
  return (
    <div className="fleet-toolbar" role="search" aria-label="Filter the fleet">
      <div className="toolbar-field">
        <label htmlFor={`${id}-search`}>Search</label>
        <input
          id={`${id}-search`}
          type="search"
          className="input"
          placeholder="Name, host, tag or version"
          value={props.search}
          onChange={(event) => props.onSearch(event.target.value)}
        />
      </div>
      <div className="toolbar-field">
        <label htmlFor={`${id}-state`}>State</label>
        <select
          id={`${id}-state`}
          className="input"
          value={props.state}
          onChange={(event) => props.onState(event.target.value as StateFilter)}
        >
          {STATES.map((state) => (
            <option key={state.value} value={state.value}>
              {state.label}
            </option>
          ))}
        </select>
      </div>
      <div className="toolbar-field">
        <label htmlFor={`${id}-tag`}>Tag</label>
        <select
          id={`${id}-tag`}
          className="input"
          value={props.tag ?? ''}
          onChange={(event) => props.onTag(event.target.value === '' ? null : event.target.value)}
        >
          <option value="">All tags</option>
          {props.tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </div>
      <p className="toolbar-count muted" role="status">
        {props.shown === props.total
          ? `${props.total} box${props.total === 1 ? '' : 'es'}`
          : `${props.shown} of ${props.total} box${props.total === 1 ? '' : 'es'}`}
      </p>
    </div>
  );
}
