import { useEffect, useState } from 'react';
import type { BoxHealth, Reachability } from '../../src-shared/domain/fleet-health';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "5 minutes", "3 hours", "2 days": the rough size of a span, as people say it. */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return 'less than a minute';
  if (abs < HOUR) return plural(Math.floor(abs / MINUTE), 'minute');
  if (abs < 2 * DAY) return plural(Math.floor(abs / HOUR), 'hour');
  return plural(Math.floor(abs / DAY), 'day');
}

/** "3 days ago" */
export function formatAge(iso: string, now: number): string {
  return `${formatSpan(now - Date.parse(iso))} ago`;
}

/**
 * "in 5 days", "tomorrow", "today", or "expired 2 days ago": counted in calendar days (UTC), since a box states a
 * certificate's expiry as a date ("expires in 5 days on 2026-12-04"), which main keeps as that day's midnight UTC.
 */
export function formatExpiry(iso: string, now: number): string {
  const day = (ms: number) => Math.floor(ms / DAY);
  const days = day(Date.parse(iso)) - day(now);
  if (days > 1) return `in ${plural(days, 'day')}`;
  if (days === 1) return 'tomorrow';
  if (days === 0) return 'today';
  return `expired ${plural(-days, 'day')} ago`;
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** What each way of (not) answering is called on screen. */
export const REACHABILITY_LABEL: Record<Reachability, string> = {
  up: 'Up',
  down: 'Down',
  'host-key-changed': 'Host key changed',
  'auth-failed': 'Login refused',
  error: 'Error',
};

export function versionText(health: BoxHealth | null, fallback: string): string {
  if (health?.version == null) return fallback;
  const name = health.flavour === 'power' ? 'Power Mail-in-a-Box' : 'Mail-in-a-Box';
  return `${name} ${health.version}`;
}

export function updateAvailable(health: BoxHealth | null): string | null {
  if (!health?.latestVersion || !health.version) return null;
  return health.latestVersion !== health.version ? health.latestVersion : null;
}

/** The current time, moving on every `everyMs`, so "3 minutes ago" does not go stale on a screen left open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
