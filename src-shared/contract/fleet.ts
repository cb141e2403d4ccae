import { z } from 'zod';
import { boxIdSchema } from '../domain/box';
import {
  alertKindSchema,
  alertSchema,
  boxHealthSchema,
  checksChangeSchema,
  checksRunSchema,
  healthPointSchema,
} from '../domain/fleet-health';
import { method } from './define';

/** The background schedule of refreshes and status-check runs. */
export const fleetScheduleSchema = z.object({
  /** Minutes between background refreshes of every box; 0 turns them off. */
  refreshMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /** Hours between background status-check runs per box (the box's own page runs them daily); 0 turns them off. */
  checksHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 7),
  /** Hold background refreshes while the window is hidden. */
  pauseWhenHidden: z.boolean(),
  /** Close a box's SSH connection after this many idle seconds. */
  idleCloseSeconds: z
    .number()
    .int()
    .min(10)
    .max(24 * 3600),
  /** How many boxes are connected to at once; boxes whose connection is open are looked at without waiting. */
  concurrency: z.number().int().min(1).max(256),
});
export type FleetSchedule = z.infer<typeof fleetScheduleSchema>;

const startedJobSchema = z.object({ jobId: z.string().max(64) });
const boxesFilterSchema = z.object({ boxIds: z.array(boxIdSchema).max(10_000).optional() });

export const fleetMethods = {
  health: method(
    'The newest observation of every box (or the boxes named), as cached; boxes never looked at are absent',
    boxesFilterSchema,
    z.array(boxHealthSchema),
  ),
  refresh: method(
    'Looks at every box (or the boxes named) in parallel, as a job; rows arrive as `fleet.health` events',
    boxesFilterSchema,
    startedJobSchema,
  ),
  history: method(
    "One box's bounded history of observations, oldest first",
    z.object({ boxId: boxIdSchema }),
    z.array(healthPointSchema),
  ),
  schedule: {
    get: method('The background schedule', z.object({}).strict(), fleetScheduleSchema),
    set: method('Changes the background schedule', fleetScheduleSchema.partial(), fleetScheduleSchema),
  },
  /** The window tells main whether it is visible, for `pauseWhenHidden`. */
  visibility: method('The window became visible or hidden', z.object({ visible: z.boolean() }), z.object({})),
};

export const checksMethods = {
  run: method(
    "Runs the box's status checks now, as a job (slow: it holds the box's only API worker)",
    z.object({ boxId: boxIdSchema }),
    startedJobSchema,
  ),
  show: method(
    'The cached newest run, the one before it, and what changed between them',
    z.object({ boxId: boxIdSchema }),
    z.object({
      latest: checksRunSchema.nullable(),
      previous: checksRunSchema.nullable(),
      changes: z.array(checksChangeSchema),
    }),
  ),
};

export const alertsMethods = {
  list: method('Active alerts first, then recent history', z.object({}).strict(), z.array(alertSchema)),
  snooze: method(
    'Holds back notifications for one box and kind until a time (or lifts the snooze with null)',
    z.object({ boxId: boxIdSchema, kind: alertKindSchema, until: z.iso.datetime({ offset: true }).nullable() }),
    z.array(alertSchema),
  ),
};
