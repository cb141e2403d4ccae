import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PROBED_SERVICES,
  type AlertChange,
  type BoxHealth,
  type ProbedService,
} from '../../../src-shared/domain/fleet-health';
import { AlertEngine } from '../../../src-main/alerts/alert-engine';
import { openAlertsFile } from '../../../src-main/alerts/alerts-file';
import type { AlertNotification } from '../../../src-main/alerts/notifier';
import { EventBus } from '../../../src-main/events/event-bus';

export const START = new Date('2026-03-01T12:00:00.000Z');
const GB = 1024 ** 3;

/** An observation of a healthy box at `at`, every field known; tests change one field at a time. */
export function healthy(at: Date, boxId = 'box-one'): BoxHealth {
  const disk = (used: number) => ({ mount: '/', totalBytes: 100 * GB, usedBytes: used * GB, availableBytes: 0 });
  return {
    boxId,
    observedAt: at.toISOString(),
    reachability: 'up',
    error: null,
    rttMs: 3,
    flavour: 'upstream',
    version: 'v75',
    latestVersion: 'v75',
    probe: {
      uptimeSeconds: 1000,
      load: [0.1, 0.1, 0.1],
      memory: { totalBytes: 4 * GB, availableBytes: 2 * GB },
      disk: { root: disk(20), storage: disk(40) },
      services: Object.fromEntries(PROBED_SERVICES.map((s) => [s, 'active' as const])) as Record<
        ProbedService,
        'active'
      >,
      queue: 0,
      rebootRequired: false,
      updates: 0,
      newestBackupAt: new Date(at.getTime() - 3_600_000).toISOString(),
    },
    backup: { lastAt: new Date(at.getTime() - 3_600_000).toISOString(), enabled: true, error: null },
    tls: {
      soonestExpiry: new Date(at.getTime() + 60 * 86_400_000).toISOString(),
      soonestDomain: 'box.example.com',
      problems: 0,
    },
    counts: { users: 3, aliases: 2 },
    checks: { ok: 40, warning: 1, error: 0, at: at.toISOString() },
  };
}

/** What a box that did not answer looks like: everything but reachability unknown. */
export function unreachable(at: Date, boxId = 'box-one', reachability: BoxHealth['reachability'] = 'down'): BoxHealth {
  return {
    ...healthy(at, boxId),
    reachability,
    error: { code: 'host-unreachable', message: 'connect ECONNREFUSED', retryable: true },
    rttMs: null,
    flavour: null,
    version: null,
    latestVersion: null,
    probe: null,
    backup: null,
    tls: null,
    counts: null,
    checks: null,
  };
}

export async function newDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'bf-alerts-'));
}

/** A real engine over a real file and event bus, with a clock the test moves and the notifications it showed. */
export async function engineAt(dataDir?: string) {
  const dir = dataDir ?? (await newDataDir());
  const clock = { now: START };
  const notifications: AlertNotification[] = [];
  const changes: AlertChange[] = [];
  const bus = new EventBus();
  bus.on((name, payload) => {
    if (name === 'alerts.changed') changes.push(payload as AlertChange);
  });
  const names: Record<string, string> = { 'box-one': 'mail-one', 'box-two': 'mail-two' };
  const engine = new AlertEngine({
    file: openAlertsFile(dir, () => undefined),
    bus,
    notifier: { notify: (n) => notifications.push(n) },
    boxName: async (id) => names[id] ?? null,
    now: () => clock.now,
  });
  /** Observes `health` made at the clock's time, then moves the clock on by an hour. */
  const observe = async (make: (at: Date) => BoxHealth) => {
    await engine.observe(make(clock.now));
    clock.now = new Date(clock.now.getTime() + 3_600_000);
  };
  const active = async () => {
    const listed = await engine.list();
    if (!listed.ok) throw new Error(listed.error.message);
    return listed.value.filter((a) => a.clearedAt === null);
  };
  return { dir, engine, clock, notifications, changes, observe, active };
}
