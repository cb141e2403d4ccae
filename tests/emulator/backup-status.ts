/**
 * backup.backup_status (§4.9.1): the history of state.backup as duplicity would list it, with the age and deletion
 * estimates formatted like the daemon (dateutil.relativedelta wording). Times are shown in UTC.
 */
import type { BackupEntry, BoxState } from './types';

const DAY = 86400_000;

function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      y,
      m,
      Math.min(d.getUTCDate(), last),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  );
}

/** relativedelta(ref, date) for ref >= date: whole years/months, then days/hours/minutes of the rest. */
function relativeDelta(
  ref: Date,
  date: Date,
): { years: number; months: number; days: number; hours: number; minutes: number } {
  let months = (ref.getUTCFullYear() - date.getUTCFullYear()) * 12 + (ref.getUTCMonth() - date.getUTCMonth());
  if (addMonths(date, months) > ref) months--;
  const rest = ref.getTime() - addMonths(date, months).getTime();
  return {
    years: Math.trunc(months / 12),
    months: months % 12,
    days: Math.floor(rest / DAY),
    hours: Math.floor((rest % DAY) / 3600_000),
    minutes: Math.floor((rest % 3600_000) / 60_000),
  };
}

/** backup_status.reldate: how long from `date` to `ref`, or `clip` when `date` is later. */
export function reldate(date: Date, ref: Date, clip: string): string {
  if (ref < date) return clip;
  const rd = relativeDelta(ref, date);
  if (rd.years > 1) return `${rd.years} years, ${rd.months} months`;
  if (rd.years === 1) return `${rd.years} year, ${rd.months} months`;
  if (rd.months > 1) return `${rd.months} months, ${rd.days} days`;
  if (rd.months === 1) return `${rd.months} month, ${rd.days} days`;
  if (rd.days >= 7) return `${rd.days} days`;
  if (rd.days > 1) return `${rd.days} days, ${rd.hours} hours`;
  if (rd.days === 1) return `${rd.days} day, ${rd.hours} hours`;
  return `${rd.hours} hours, ${rd.minutes} minutes`;
}

/** duplicity's timestamp, e.g. 20260419T010512Z. */
export function duplicityTime(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export interface BackupRow {
  date: string;
  date_delta: string;
  date_str: string;
  deleted_in?: string;
  full: boolean;
  size: number;
  volumes: number;
}

/** Python's round() (half to even) for the deletion estimate. */
function pyRound(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function backupStatus(state: BoxState, now: Date): { backups: BackupRow[]; unmatched_file_size: number } {
  const history: BackupEntry[] = [...state.backup.history].sort((a, b) => b.date.getTime() - a.date.getTime());
  const rows: BackupRow[] = history.map((b) => ({
    date: duplicityTime(b.date),
    date_delta: reldate(b.date, now, 'the future?'),
    date_str: b.date.toISOString().slice(0, 19).replace('T', ' ') + ' UTC',
    full: b.full,
    size: b.size,
    volumes: b.volumes,
  }));
  let incCount = 0;
  let incSize = 0;
  let firstDate: Date | null = null;
  let firstFull: BackupEntry | null = null;
  for (const b of history) {
    firstDate ??= b.date;
    if (b.full) {
      firstFull = b;
      break;
    }
    incCount++;
    incSize += b.size;
  }
  const minAge = state.backup.minAgeInDays;
  let deletedIn: string | null = null;
  if (incCount > 0 && incSize > 0 && firstFull !== null && firstDate !== null) {
    const estDays = (0.5 * firstFull.size - incSize) / (incSize / incCount);
    let nextFull = firstDate.getTime() + estDays * DAY;
    nextFull = Math.min(nextFull, firstFull.date.getTime() + (minAge * 10 + 1) * DAY);
    const deletedOn = Math.max(nextFull, firstDate.getTime() + minAge * DAY);
    deletedIn = `approx. ${pyRound((deletedOn - now.getTime()) / DAY + 0.5)} days`;
  }
  let sawFull = false;
  rows.forEach((row, i) => {
    if (deletedIn) row.deleted_in = deletedIn;
    if (row.full) {
      sawFull = true;
      deletedIn = null;
    } else if (sawFull && !deletedIn) {
      const when = new Date((history[i] as BackupEntry).date.getTime() + minAge * DAY);
      deletedIn = reldate(now, when, 'on next daily backup');
      row.deleted_in = deletedIn;
    }
  });
  return { backups: rows, unmatched_file_size: 0 };
}
