import { join } from 'node:path';
import { z } from 'zod';
import type { StoreProblem } from '../../src-shared/contract/app';
import { boxIdSchema } from '../../src-shared/domain/box';
import { alertKindSchema, alertSchema } from '../../src-shared/domain/fleet-health';
import { JsonFile } from '../store/json-file';

const iso = z.iso.datetime({ offset: true });

/** An alert as kept: the listed alert, plus whether its notification was shown (a snooze can hold it back). */
export const storedAlertSchema = alertSchema.extend({ notified: z.boolean() });
export type StoredAlert = z.infer<typeof storedAlertSchema>;

export const alertsDataSchema = z.object({
  alerts: z.array(storedAlertSchema),
  /** Snoozes per box and kind; kept apart from alerts so a snooze also holds back the next alert of that kind. */
  snoozes: z.array(z.object({ boxId: boxIdSchema, kind: alertKindSchema, until: iso })),
  /** Conditions seen once, waiting for a second observation; kept so a restart between the two loses nothing. */
  pending: z.array(z.object({ boxId: boxIdSchema, kind: alertKindSchema, since: iso })),
});
export type AlertsData = z.infer<typeof alertsDataSchema>;

/** `alerts.json`: active alerts, their bounded history, snoozes and conditions seen once. */
export function openAlertsFile(dataDir: string, onProblem: (p: StoreProblem) => void): JsonFile<AlertsData> {
  return new JsonFile(join(dataDir, 'alerts.json'), {
    version: 1,
    schema: alertsDataSchema,
    empty: () => ({ alerts: [], snoozes: [], pending: [] }),
    onProblem,
  });
}
