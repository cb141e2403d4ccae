import type { AlertKind, BoxHealth } from '../../src-shared/domain/fleet-health';

/** A TLS certificate expiring within this many days raises `tls-expiring`. */
export const TLS_WARNING_DAYS = 14;
/** A newest backup older than this many hours raises `backup-stale`. */
export const BACKUP_STALE_HOURS = 48;
/** Used share of the disk above which `disk-full` is raised (passing 90%, not reaching it). */
export const DISK_FULL_FRACTION = 0.9;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The facts a message is built from; all numbers or Boxfleet's own words, never a box's text. */
export type Facts =
  | { kind: 'down'; reachability: 'down' | 'auth-failed' | 'error' }
  | { kind: 'host-key-changed' }
  | { kind: 'tls-expiring'; daysLeft: number; domain: string | null }
  | { kind: 'backup-stale'; hoursSince: number }
  | { kind: 'check-error'; errors: number }
  | { kind: 'disk-full'; percent: number; which: 'storage' | 'root' }
  | { kind: 'reboot-required' };

/**
 * What one observation says about one kind: the condition holds (with its facts), does not hold, or is unknown.
 * Unknown (a null field: a missing tool, a failed API call, a box that did not answer) neither raises nor clears.
 */
export type Finding = Facts | 'absent' | 'unknown';

// A domain from the box is shown only when it looks like one, so a box cannot put arbitrary text in a notification.
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*$/i;

function reachabilityFinding(health: BoxHealth): Finding {
  const r = health.reachability;
  return r === 'up' || r === 'host-key-changed' ? 'absent' : { kind: 'down', reachability: r };
}

function tlsFinding(health: BoxHealth, now: Date): Finding {
  const expiry = health.tls?.soonestExpiry;
  // No signed certificate at all is not something this alert can judge (the TLS screen shows it).
  if (expiry === null || expiry === undefined) return 'unknown';
  const leftMs = Date.parse(expiry) - now.getTime();
  if (leftMs > TLS_WARNING_DAYS * DAY_MS) return 'absent';
  const domain = health.tls?.soonestDomain ?? null;
  return {
    kind: 'tls-expiring',
    daysLeft: Math.max(0, Math.floor(leftMs / DAY_MS)),
    domain: domain !== null && DOMAIN.test(domain) ? domain : null,
  };
}

function backupFinding(health: BoxHealth, now: Date): Finding {
  const backup = health.backup;
  if (backup === null) return 'unknown';
  // Backups turned off: nothing is late. On but none yet: a new box has none until its first night; not judged.
  if (!backup.enabled) return 'absent';
  if (backup.lastAt === null) return 'unknown';
  const ageMs = now.getTime() - Date.parse(backup.lastAt);
  if (ageMs <= BACKUP_STALE_HOURS * HOUR_MS) return 'absent';
  return { kind: 'backup-stale', hoursSince: Math.floor(ageMs / HOUR_MS) };
}

function checksFinding(health: BoxHealth): Finding {
  if (health.checks === null) return 'unknown';
  return health.checks.error > 0 ? { kind: 'check-error', errors: health.checks.error } : 'absent';
}

function diskFinding(health: BoxHealth): Finding {
  const disk = health.probe?.disk;
  if (disk === undefined) return 'unknown';
  const which = disk.storage !== null ? 'storage' : 'root';
  const usage = disk.storage ?? disk.root;
  if (usage === null || usage.totalBytes <= 0) return 'unknown';
  const used = usage.usedBytes / usage.totalBytes;
  if (used <= DISK_FULL_FRACTION) return 'absent';
  // One decimal, rounded down, so a disk just past the line never reads "90%" in a message about passing 90%.
  return { kind: 'disk-full', percent: Math.min(100, Math.floor(used * 1000) / 10), which };
}

function rebootFinding(health: BoxHealth): Finding {
  const required = health.probe?.rebootRequired;
  if (required === null || required === undefined) return 'unknown';
  return required ? { kind: 'reboot-required' } : 'absent';
}

/** What one observation says about every alert kind. */
export function findings(health: BoxHealth, now: Date): Record<AlertKind, Finding> {
  return {
    down: reachabilityFinding(health),
    'host-key-changed': health.reachability === 'host-key-changed' ? { kind: 'host-key-changed' } : 'absent',
    'tls-expiring': tlsFinding(health, now),
    'backup-stale': backupFinding(health, now),
    'check-error': checksFinding(health),
    'disk-full': diskFinding(health),
    'reboot-required': rebootFinding(health),
  };
}
