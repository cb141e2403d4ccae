import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import {
  ALERT_KIND_LABELS,
  ALERT_KINDS,
  type Alert,
  type AlertChange,
  type AlertKind,
  type BoxHealth,
} from '../../src-shared/domain/fleet-health';
import type { EventBus } from '../events/event-bus';
import type { JsonFile } from '../store/json-file';
import { findings } from './alert-conditions';
import { alertMessage } from './alert-messages';
import type { AlertsData, StoredAlert } from './alerts-file';
import type { Notifier } from './notifier';

/** Cleared alerts kept as history (active ones are always kept). */
export const KEEP_CLEARED = 500;

export interface AlertEngineDeps {
  file: JsonFile<AlertsData>;
  bus: EventBus;
  notifier: Notifier;
  /** The box's name as the admin gave it; null for a box that is no longer in the fleet. */
  boxName(boxId: string): Promise<string | null>;
  now?: () => Date;
  keepCleared?: number;
  log?: (message: string) => void;
}

const EMPTY: AlertsData = { alerts: [], snoozes: [], pending: [] };

/**
 * Turns observations of boxes into alerts that don't cry wolf. A condition raises its alert only on the second
 * consecutive observation that shows it; an observation where the field is unknown does not count either way (it
 * neither confirms nor breaks the streak). An alert clears on the first observation without its condition: a box
 * that answered is up (a false "up" is not a thing, a false "down" is), and clearing is silent, so acting on one
 * observation costs nothing while keeping the list true to the Fleet screen. Notifications go out when an alert is
 * raised, never on clearing; a snooze (per box and kind) holds them back, and an alert still active when its snooze
 * ends is notified at the next observation that shows it.
 */
export class AlertEngine {
  private data: AlertsData | null = null;
  private persist = true;
  private queue: Promise<unknown> = Promise.resolve();
  private writing: Promise<void> | null = null;
  private dirty = false;
  private readonly now: () => Date;
  private readonly log: (message: string) => void;

  constructor(private readonly deps: AlertEngineDeps) {
    this.now = deps.now ?? (() => new Date());
    this.log = deps.log ?? (() => undefined);
  }

  /** Takes one observation of one box (the fleet health service's listener). Never rejects. */
  observe(health: BoxHealth): Promise<void> {
    return this.serial(async () => {
      try {
        await this.apply(health);
      } catch (error) {
        this.log(`boxfleet: alerts could not take an observation of ${health.boxId}: ${String(error)}`);
      }
    });
  }

  /** Active alerts first (newest raised first), then cleared ones (newest cleared first). */
  list(): Promise<Result<Alert[]>> {
    return this.serial(async () => ok(this.listed(await this.load())));
  }

  /** Holds back notifications for one box and kind until `until`; null (or a time already past) lifts it. */
  snooze(boxId: string, kind: AlertKind, until: string | null): Promise<Result<Alert[]>> {
    return this.serial(async () => {
      if ((await this.deps.boxName(boxId)) === null) return fail('not-found', 'There is no such box in the fleet.');
      const data = await this.load();
      const now = this.now();
      const lift = until === null || Date.parse(until) <= now.getTime();
      const others = data.snoozes.filter((s) => !(s.boxId === boxId && s.kind === kind));
      this.data = {
        ...data,
        snoozes: lift ? others : [...others, { boxId, kind, until: new Date(Date.parse(until)).toISOString() }],
      };
      const listed = this.listed(this.data);
      for (const alert of listed) {
        if (alert.boxId === boxId && alert.kind === kind && alert.clearedAt === null)
          this.emit(alert, 'snoozed', false);
      }
      this.save();
      return ok(listed);
    });
  }

  /**
   * Forgets the alerts, snoozes and pending conditions of boxes no longer in the fleet. Queued at once, so a list
   * asked for after the registry changed is answered after the pruning.
   */
  prune(fleetBoxIds: () => Promise<ReadonlySet<string> | null>): Promise<void> {
    return this.serial(async () => {
      const known = await fleetBoxIds();
      if (known === null) return;
      const data = await this.load();
      const kept = <T extends { boxId: string }>(items: T[]) => items.filter((item) => known.has(item.boxId));
      const next = { alerts: kept(data.alerts), snoozes: kept(data.snoozes), pending: kept(data.pending) };
      if (
        next.alerts.length === data.alerts.length &&
        next.snoozes.length === data.snoozes.length &&
        next.pending.length === data.pending.length
      )
        return;
      this.data = next;
      this.save();
    });
  }

  /** Resolves when everything taken so far is on disk (for closing, and for tests). */
  async flush(): Promise<void> {
    await this.queue;
    while (this.writing !== null) await this.writing;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<AlertsData> {
    if (this.data !== null) return this.data;
    const read = await this.deps.file.readOrEmpty();
    if (read.ok) {
      this.data = read.value;
    } else {
      // Unreadable (not damaged: a damaged file was moved aside and reads as empty): work in memory rather than
      // overwrite a file that may be fine once the problem is fixed.
      this.log(`boxfleet: alerts are kept in memory only: ${read.error.message}`);
      this.persist = false;
      this.data = EMPTY;
    }
    return this.data;
  }

  private async apply(health: BoxHealth): Promise<void> {
    const name = await this.deps.boxName(health.boxId);
    if (name === null) return;
    const data = await this.load();
    const now = this.now();
    const at = now.toISOString();
    const found = findings(health, now);
    let alerts = data.alerts;
    let pending = data.pending;
    const snoozes = data.snoozes.filter((s) => Date.parse(s.until) > now.getTime());
    let changed = snoozes.length !== data.snoozes.length;
    const events: Array<{ alert: StoredAlert; change: AlertChange['change']; notify: boolean }> = [];
    const replace = (next: StoredAlert) => {
      alerts = alerts.map((a) => (a.id === next.id ? next : a));
    };

    for (const kind of ALERT_KINDS) {
      const finding = found[kind];
      if (finding === 'unknown') continue;
      const active = alerts.find((a) => a.boxId === health.boxId && a.kind === kind && a.clearedAt === null);
      const waiting = pending.some((p) => p.boxId === health.boxId && p.kind === kind);
      if (finding === 'absent') {
        if (waiting) pending = pending.filter((p) => !(p.boxId === health.boxId && p.kind === kind));
        if (active) {
          const cleared = { ...active, clearedAt: at };
          replace(cleared);
          events.push({ alert: cleared, change: 'cleared', notify: false });
        }
        changed ||= waiting || active !== undefined;
        continue;
      }
      const snoozed = snoozes.find((s) => s.boxId === health.boxId && s.kind === kind) ?? null;
      if (active) {
        // Held back by a snooze that has since ended (or was lifted), and the condition is still there.
        if (!active.notified && snoozed === null) {
          const reminded = { ...active, notified: true };
          replace(reminded);
          events.push({ alert: reminded, change: 'reminded', notify: true });
          changed = true;
        }
        continue;
      }
      changed = true;
      if (!waiting) {
        pending = [...pending, { boxId: health.boxId, kind, since: at }];
        continue;
      }
      pending = pending.filter((p) => !(p.boxId === health.boxId && p.kind === kind));
      const raised: StoredAlert = {
        id: randomUUID(),
        boxId: health.boxId,
        kind,
        message: alertMessage(name, finding),
        raisedAt: at,
        clearedAt: null,
        snoozedUntil: snoozed?.until ?? null,
        notified: snoozed === null,
      };
      alerts = [...alerts, raised];
      events.push({ alert: raised, change: 'raised', notify: snoozed === null });
    }

    if (!changed) return;
    this.data = { alerts: this.bounded(alerts), snoozes, pending };
    for (const { alert, change, notify } of events) {
      const shown = this.shown(alert, snoozes);
      if (notify) this.notify(shown);
      this.emit(shown, change, notify);
    }
    this.save();
  }

  private bounded(alerts: StoredAlert[]): StoredAlert[] {
    const keep = this.deps.keepCleared ?? KEEP_CLEARED;
    const cleared = alerts.filter((a) => a.clearedAt !== null);
    if (cleared.length <= keep) return alerts;
    const newest = new Set(
      cleared
        .sort((a, b) => Date.parse(b.clearedAt ?? '') - Date.parse(a.clearedAt ?? ''))
        .slice(0, keep)
        .map((a) => a.id),
    );
    return alerts.filter((a) => a.clearedAt === null || newest.has(a.id));
  }

  /** An alert as the list shows it: an active one carries its box and kind's running snooze, history none. */
  private shown(alert: StoredAlert, snoozes: AlertsData['snoozes']): Alert {
    const { notified: _notified, ...rest } = alert;
    const now = this.now().getTime();
    const snooze = snoozes.find((s) => s.boxId === alert.boxId && s.kind === alert.kind && Date.parse(s.until) > now);
    return { ...rest, snoozedUntil: alert.clearedAt === null && snooze ? snooze.until : null };
  }

  private listed(data: AlertsData): Alert[] {
    const active = data.alerts
      .filter((a) => a.clearedAt === null)
      .sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
    const cleared = data.alerts
      .filter((a) => a.clearedAt !== null)
      .sort((a, b) => Date.parse(b.clearedAt ?? '') - Date.parse(a.clearedAt ?? ''));
    return [...active, ...cleared].map((a) => this.shown(a, data.snoozes));
  }

  private notify(alert: Alert): void {
    try {
      this.deps.notifier.notify({ title: ALERT_KIND_LABELS[alert.kind], body: alert.message, alert });
    } catch (error) {
      this.log(`boxfleet: a desktop notification could not be shown: ${String(error)}`);
    }
  }

  private emit(alert: Alert, change: AlertChange['change'], notify: boolean): void {
    this.deps.bus.emit('alerts.changed', { ...alert, change, notify });
  }

  /** Writes the newest state; a burst of observations (a fleet refresh) ends in a few writes, not one per box. */
  private save(): void {
    if (!this.persist) return;
    this.dirty = true;
    if (this.writing !== null) return;
    this.writing = (async () => {
      while (this.dirty && this.data !== null) {
        this.dirty = false;
        const written = await this.deps.file.write(this.data);
        if (!written.ok) this.log(`boxfleet: alerts could not be saved: ${written.error.message}`);
      }
      this.writing = null;
    })();
  }
}
