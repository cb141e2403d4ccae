import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Box } from '../../../src-shared/domain/box';
import { AlertEngine } from '../../../src-main/alerts/alert-engine';
import { openAlertsFile } from '../../../src-main/alerts/alerts-file';
import { EventBus } from '../../../src-main/events/event-bus';

/**
 * The real alert engine behind the fake core, over a file in a temp directory, with a clock the test sets. Its
 * `alerts.changed` events go out through `emit`, as main's event bus forwards them to a window.
 */
export function fakeAlerts(boxes: readonly Box[], emit: (name: string, payload: unknown) => void) {
  const clock = { now: new Date('2026-03-01T12:00:00.000Z') };
  const bus = new EventBus();
  bus.on((name, payload) => emit(name, payload));
  const engine = new AlertEngine({
    file: openAlertsFile(mkdtempSync(join(tmpdir(), 'bf-fake-alerts-')), () => undefined),
    bus,
    notifier: { notify: () => undefined },
    boxName: async (id) => boxes.find((box) => box.id === id)?.name ?? null,
    now: () => clock.now,
  });
  return { engine, clock };
}
