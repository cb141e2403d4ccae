import type { BoxHealth } from '../../src-shared/domain/fleet-health';
import { formatFlavour } from '../format';
import { BACKUP_STALE_HOURS, DISK_FULL, TLS_WARN_DAYS, diskFraction, type FleetRow } from '../stores/fleet-rows';
import {
  formatAge,
  formatExpiry,
  formatPercent,
  REACHABILITY_LABEL,
  updateAvailable,
  versionText,
} from './fleet-format';
import { StatusMark, Unknown } from './fleet-status-mark';

const HOUR = 3_600_000;

/** How the box answered: up with its round trip, or which way it did not. */
export function ReachabilityCell({ row }: { row: FleetRow }) {
  const health = row.health;
  if (health === null) return <StatusMark tone="unknown">Not checked yet</StatusMark>;
  if (health.reachability === 'up') {
    return <StatusMark tone="ok">{health.rttMs === null ? 'Up' : `Up · ${Math.round(health.rttMs)} ms`}</StatusMark>;
  }
  return (
    <span title={health.error?.message}>
      <StatusMark tone={health.reachability === 'host-key-changed' ? 'error' : 'down'}>
        {REACHABILITY_LABEL[health.reachability]}
      </StatusMark>
    </span>
  );
}

export function VersionCell({ row }: { row: FleetRow }) {
  const text = row.health?.version != null ? versionText(row.health, '') : formatFlavour(row.box.detected);
  const update = updateAvailable(row.health);
  return (
    <>
      <span className={row.health?.version == null && !row.box.detected ? 'muted' : undefined}>{text}</span>
      {update ? (
        <span className="cell-note">
          <StatusMark tone="info">Update available: {update}</StatusMark>
        </span>
      ) : null}
    </>
  );
}

export function ChecksCell({ health, now }: { health: BoxHealth | null; now: number }) {
  const checks = health?.checks;
  if (!checks) return <span className="muted">Not run yet</span>;
  const parts = [
    checks.error > 0 ? `${checks.error} error${checks.error === 1 ? '' : 's'}` : null,
    checks.warning > 0 ? `${checks.warning} warning${checks.warning === 1 ? '' : 's'}` : null,
  ].filter((part) => part !== null);
  const tone = checks.error > 0 ? 'error' : checks.warning > 0 ? 'warning' : 'ok';
  return (
    <>
      <StatusMark tone={tone}>{parts.length > 0 ? parts.join(', ') : `${checks.ok} ok`}</StatusMark>
      <span className="cell-note muted">{formatAge(checks.at, now)}</span>
    </>
  );
}

export function DiskCell({ health }: { health: BoxHealth | null }) {
  const fraction = diskFraction(health);
  if (fraction === null) return <Unknown />;
  return fraction > DISK_FULL ? (
    <StatusMark tone="error">{formatPercent(fraction)} full</StatusMark>
  ) : (
    <span>{formatPercent(fraction)}</span>
  );
}

export function QueueCell({ health }: { health: BoxHealth | null }) {
  const queue = health?.probe?.queue;
  return queue == null ? <Unknown /> : <span>{queue}</span>;
}

export function BackupCell({ health, now }: { health: BoxHealth | null; now: number }) {
  const backup = health?.backup;
  if (!backup) return <Unknown />;
  if (backup.error) {
    return (
      <span title={backup.error}>
        <StatusMark tone="error">Backup error</StatusMark>
      </span>
    );
  }
  if (!backup.enabled) return <StatusMark tone="warning">Backups off</StatusMark>;
  if (!backup.lastAt) return <StatusMark tone="warning">No backup yet</StatusMark>;
  const age = formatAge(backup.lastAt, now);
  return now - Date.parse(backup.lastAt) > BACKUP_STALE_HOURS * HOUR ? (
    <StatusMark tone="warning">{age}</StatusMark>
  ) : (
    <span>{age}</span>
  );
}

export function TlsCell({ health, now }: { health: BoxHealth | null; now: number }) {
  const tls = health?.tls;
  if (!tls) return <Unknown />;
  if (!tls.soonestExpiry) return <span className="muted">No signed certificate</span>;
  const text = formatExpiry(tls.soonestExpiry, now);
  const soon = Date.parse(tls.soonestExpiry) - now <= TLS_WARN_DAYS * 24 * HOUR;
  return (
    <span title={tls.soonestDomain ?? undefined}>{soon ? <StatusMark tone="warning">{text}</StatusMark> : text}</span>
  );
}

export function SystemCell({ health }: { health: BoxHealth | null }) {
  const probe = health?.probe;
  if (!probe) return <Unknown />;
  const updates = probe.updates;
  return (
    <>
      {probe.rebootRequired ? <StatusMark tone="warning">Reboot required</StatusMark> : null}
      <span className={probe.rebootRequired ? 'cell-note' : undefined}>
        {updates === null ? 'Updates unknown' : updates === 0 ? 'Up to date' : `${updates} updates`}
      </span>
    </>
  );
}
