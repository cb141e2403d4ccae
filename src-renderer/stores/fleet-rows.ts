import type { Box } from '../../src-shared/domain/box';
import type { BoxHealth, Reachability } from '../../src-shared/domain/fleet-health';

/** Thresholds the Fleet screen flags, the same ones alerts use (issue 8: TLS ≤ 14 days, backup > 48 h, disk > 90%). */
export const TLS_WARN_DAYS = 14;
export const BACKUP_STALE_HOURS = 48;
export const DISK_FULL = 0.9;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How a row stands: never looked at, not reachable (for one of several reasons), or up with or without problems. */
export type RowState = 'unchecked' | Exclude<Reachability, 'up'> | 'problems' | 'ok';

/** What the state filter offers; "down" gathers every way of not being reachable. */
export type StateFilter = 'all' | 'down' | 'problems' | 'ok';

export type SortKey =
  'name' | 'host' | 'version' | 'reachability' | 'checks' | 'disk' | 'queue' | 'backup' | 'tls' | 'system';

export interface SortOrder {
  readonly key: SortKey;
  readonly direction: 'ascending' | 'descending';
}

export interface FleetRow {
  readonly box: Box;
  readonly health: BoxHealth | null;
  readonly state: RowState;
  /** Why the row is "problems", in words, for its accessible description. */
  readonly problems: readonly string[];
}

/** The used fraction of the mail storage's filesystem (or /), as df computes Use%. */
export function diskFraction(health: BoxHealth | null): number | null {
  const disk = health?.probe?.disk.storage ?? health?.probe?.disk.root ?? null;
  if (disk === null) return null;
  const usable = disk.usedBytes + disk.availableBytes;
  return usable === 0 ? null : disk.usedBytes / usable;
}

function problemsOf(health: BoxHealth, now: number): string[] {
  const found: string[] = [];
  const checks = health.checks;
  if (checks && checks.error > 0) found.push(`${checks.error} failed status check${checks.error === 1 ? '' : 's'}`);
  const disk = diskFraction(health);
  if (disk !== null && disk > DISK_FULL) found.push('disk almost full');
  const expiry = health.tls?.soonestExpiry;
  if (expiry && Date.parse(expiry) - now <= TLS_WARN_DAYS * DAY) found.push('certificate expires soon');
  const backup = health.backup;
  if (backup?.error) found.push('backup error');
  else if (backup?.lastAt && now - Date.parse(backup.lastAt) > BACKUP_STALE_HOURS * HOUR) found.push('backup is old');
  if (health.probe?.rebootRequired) found.push('reboot required');
  const failed = Object.entries(health.probe?.services ?? {}).filter(([, state]) => state === 'failed');
  for (const [service] of failed) found.push(`${service} failed`);
  return found;
}

export function toRow(box: Box, health: BoxHealth | null, now: number): FleetRow {
  if (health === null) return { box, health, state: 'unchecked', problems: [] };
  if (health.reachability !== 'up') return { box, health, state: health.reachability, problems: [] };
  const problems = problemsOf(health, now);
  return { box, health, state: problems.length > 0 ? 'problems' : 'ok', problems };
}

function matchesState(row: FleetRow, filter: StateFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'down':
      return row.state !== 'unchecked' && row.state !== 'problems' && row.state !== 'ok';
    case 'problems':
    case 'ok':
      return row.state === filter;
  }
}

function matchesQuery(row: FleetRow, query: string): boolean {
  if (query === '') return true;
  const { box, health } = row;
  const haystack = [box.name, box.host, box.user, ...box.tags, health?.version ?? box.detected?.version ?? '']
    .join('\n')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word));
}

/** A number (or text) to sort by; null sorts last in both directions, since "unknown" is never the answer sought. */
function sortValue(row: FleetRow, key: SortKey): number | string | null {
  const { box, health } = row;
  switch (key) {
    case 'name':
      return box.name.toLowerCase();
    case 'host':
      return box.host.toLowerCase();
    case 'version':
      return health?.version ?? box.detected?.version ?? null;
    case 'reachability':
      // Unreachable first when ascending by "how well it answers": down rows rank below any round trip.
      return health === null ? null : health.reachability === 'up' ? (health.rttMs ?? Number.MAX_SAFE_INTEGER) : -1;
    case 'checks':
      return health?.checks ? health.checks.error * 1_000_000 + health.checks.warning : null;
    case 'disk':
      return diskFraction(health);
    case 'queue':
      return health?.probe?.queue ?? null;
    case 'backup':
      return health?.backup?.lastAt ? Date.parse(health.backup.lastAt) : null;
    case 'tls':
      return health?.tls?.soonestExpiry ? Date.parse(health.tls.soonestExpiry) : null;
    case 'system':
      return health?.probe ? (health.probe.rebootRequired ? 1_000_000 : 0) + (health.probe.updates ?? 0) : null;
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
}

export interface RowQuery {
  readonly sort: SortOrder;
  readonly state: StateFilter;
  /** Show only boxes with this tag; null for every box. */
  readonly tag: string | null;
  readonly search: string;
}

/** The rows the table shows, filtered and sorted; ties keep the name order so rows do not jump. */
export function fleetRows(
  boxes: readonly Box[],
  health: Readonly<Record<string, BoxHealth>>,
  query: RowQuery,
  now: number,
): FleetRow[] {
  const sign = query.sort.direction === 'ascending' ? 1 : -1;
  const search = query.search.trim();
  return boxes
    .map((box) => toRow(box, health[box.id] ?? null, now))
    .filter(
      (row) =>
        matchesState(row, query.state) &&
        (query.tag === null || row.box.tags.includes(query.tag)) &&
        matchesQuery(row, search),
    )
    .map((row) => ({ row, value: sortValue(row, query.sort.key), name: row.box.name.toLowerCase() }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value !== b.value) return a.value === null ? 1 : -1;
      } else {
        const order = compare(a.value, b.value);
        if (order !== 0) return sign * order;
      }
      return collator.compare(a.name, b.name);
    })
    .map(({ row }) => row);
}

/** Every tag in the fleet, for the tag filter. */
export function fleetTags(boxes: readonly Box[]): string[] {
  return [...new Set(boxes.flatMap((box) => box.tags))].sort(collator.compare);
}
