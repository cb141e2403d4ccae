import { z } from 'zod';
import { appErrorSchema } from '../contract/result';
import { boxIdSchema, flavourSchema } from './box';
import { statusItemSchema } from './miab';

/**
 * What one look at a box found: the probe's system facts, the API's answers and how the box could be reached.
 * `null` always means "unknown" (a tool missing on the box, a refused sudo, an API route that failed): an unknown
 * field never turns a reachable box into a failed one.
 */

const iso = z.iso.datetime({ offset: true });

export const diskUsageSchema = z.object({
  /** The mount point the path lives on, as df reports it. */
  mount: z.string().max(4096),
  totalBytes: z.number().nonnegative(),
  usedBytes: z.number().nonnegative(),
  availableBytes: z.number().nonnegative(),
});
export type DiskUsage = z.infer<typeof diskUsageSchema>;

/** The services whose state the probe reports, by the name an admin knows them under. */
export const PROBED_SERVICES = ['postfix', 'dovecot', 'nginx', 'nsd', 'php-fpm', 'mailinabox', 'fail2ban'] as const;
export const probedServiceSchema = z.enum(PROBED_SERVICES);
export type ProbedService = z.infer<typeof probedServiceSchema>;
export const serviceStateSchema = z.enum(['active', 'inactive', 'failed', 'unknown']);
export type ServiceState = z.infer<typeof serviceStateSchema>;

/** The JSON the probe prints on the box, after checking. */
export const probeReportSchema = z.object({
  uptimeSeconds: z.number().nonnegative().nullable(),
  load: z.tuple([z.number(), z.number(), z.number()]).nullable(),
  memory: z.object({ totalBytes: z.number().nonnegative(), availableBytes: z.number().nonnegative() }).nullable(),
  disk: z.object({ root: diskUsageSchema.nullable(), storage: diskUsageSchema.nullable() }),
  services: z.record(probedServiceSchema, serviceStateSchema),
  /** Messages in the postfix queue. */
  queue: z.number().int().nonnegative().nullable(),
  rebootRequired: z.boolean().nullable(),
  /** Packages apt would upgrade. */
  updates: z.number().int().nonnegative().nullable(),
  /** The newest backup file's time on the box (local backups), ISO 8601. */
  newestBackupAt: iso.nullable(),
});
export type ProbeReport = z.infer<typeof probeReportSchema>;

/** How a box answered the last look. */
export const reachabilitySchema = z.enum(['up', 'down', 'host-key-changed', 'auth-failed', 'error']);
export type Reachability = z.infer<typeof reachabilitySchema>;

export const checksSummarySchema = z.object({
  ok: z.number().int().nonnegative(),
  warning: z.number().int().nonnegative(),
  error: z.number().int().nonnegative(),
  /** When the box ran them. */
  at: iso,
});
export type ChecksSummary = z.infer<typeof checksSummarySchema>;

export const tlsSummarySchema = z.object({
  /** The soonest expiry among the box's signed certificates, with its domain; null when none is signed. */
  soonestExpiry: iso.nullable(),
  soonestDomain: z.string().nullable(),
  /** Domains whose certificate is missing, self-signed or broken (status warning or danger). */
  problems: z.number().int().nonnegative(),
});
export type TlsSummary = z.infer<typeof tlsSummarySchema>;

export const backupSummarySchema = z.object({
  /** The newest backup's time, or null when there is none yet or backups are off. */
  lastAt: iso.nullable(),
  enabled: z.boolean(),
  /** The box's own error text (`{"error": ...}`), shown as text. */
  error: z.string().nullable(),
});
export type BackupSummary = z.infer<typeof backupSummarySchema>;

/** One observation of one box: the row of the Fleet screen and the head of the box's dashboard. */
export const boxHealthSchema = z.object({
  boxId: boxIdSchema,
  observedAt: iso,
  reachability: reachabilitySchema,
  /** Why it is not `up`, as a contract error (code + message). */
  error: appErrorSchema.nullable(),
  /** One SSH round trip (an exec of `true`), measured on the persistent connection. */
  rttMs: z.number().nonnegative().nullable(),
  flavour: flavourSchema.nullable(),
  version: z.string().nullable(),
  /** From the box's upstream-version check, when it answered; null when unknown. */
  latestVersion: z.string().nullable(),
  probe: probeReportSchema.nullable(),
  backup: backupSummarySchema.nullable(),
  tls: tlsSummarySchema.nullable(),
  counts: z.object({ users: z.number().int().nonnegative(), aliases: z.number().int().nonnegative() }).nullable(),
  /** The newest cached status-check run's rollup (runs are slow and separate: see `checks.*`). */
  checks: checksSummarySchema.nullable(),
});
export type BoxHealth = z.infer<typeof boxHealthSchema>;

/** One point of a box's bounded history (for the dashboard's small charts). */
export const healthPointSchema = z.object({
  at: iso,
  reachable: z.boolean(),
  rttMs: z.number().nonnegative().nullable(),
  /** Used fraction 0..1 of STORAGE_ROOT's filesystem (or / when unknown). */
  disk: z.number().min(0).max(1).nullable(),
  queue: z.number().int().nonnegative().nullable(),
});
export type HealthPoint = z.infer<typeof healthPointSchema>;

/** A run of the box's status checks (§4.8.3), kept with its time. */
export const checksRunSchema = z.object({
  boxId: boxIdSchema,
  at: iso,
  items: z.array(statusItemSchema),
});
export type ChecksRun = z.infer<typeof checksRunSchema>;

/** One line of "what changed since the previous run", as the box's nightly status mail computes it. */
export const checksChangeSchema = z.object({
  heading: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  /** The item before and after (absent on the side where it does not exist). */
  before: statusItemSchema.optional(),
  after: statusItemSchema.optional(),
});
export type ChecksChange = z.infer<typeof checksChangeSchema>;

/** The conditions that raise an alert (issue: down, host key, TLS ≤ 14 days, backup > 48 h, check error, disk > 90%, reboot). */
export const ALERT_KINDS = [
  'down',
  'host-key-changed',
  'tls-expiring',
  'backup-stale',
  'check-error',
  'disk-full',
  'reboot-required',
] as const;
export const alertKindSchema = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof alertKindSchema>;

/** How every face names each kind: the alert list, the desktop notification's title, the browser's notification. */
export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, string>> = {
  down: 'Box not reachable',
  'host-key-changed': 'Host key changed',
  'tls-expiring': 'Certificate expiring',
  'backup-stale': 'Backup overdue',
  'check-error': 'Status check error',
  'disk-full': 'Disk almost full',
  'reboot-required': 'Reboot required',
};

export const alertSchema = z.object({
  id: z.string(),
  boxId: boxIdSchema,
  kind: alertKindSchema,
  /** What the admin reads: built by Boxfleet, never HTML. */
  message: z.string(),
  raisedAt: iso,
  /** Set when the condition ended; the alert stays in the list as history. */
  clearedAt: iso.nullable(),
  /** Until when notifications for this box and kind are held back. */
  snoozedUntil: iso.nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

/**
 * The `alerts.changed` event: the alert as it now stands, what just happened to it, and whether a face should show
 * a desktop notification for it now (raised while not snoozed, or still active when its snooze ran out). Main
 * decides `notify` once, so the desktop (Electron's Notification) and browser mode (the page's Notifications API)
 * notify for exactly the same events.
 */
export const alertChangeSchema = alertSchema.extend({
  change: z.enum(['raised', 'cleared', 'snoozed', 'reminded']),
  notify: z.boolean(),
});
export type AlertChange = z.infer<typeof alertChangeSchema>;
