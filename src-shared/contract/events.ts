import { z } from 'zod';
import { event } from './define';

export const progressSchema = z.object({
  jobId: z.string(),
  title: z.string(),
  value: z.number().min(0).max(1),
  detail: z.string().optional(),
  bytes: z.object({ done: z.number(), total: z.number().optional() }).optional(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
});
export type Progress = z.infer<typeof progressSchema>;

/** Everything main pushes to the renderer, by wire name. */
export const events = {
  'jobs.progress': event('Progress of a long job', progressSchema),
  'boxes.changed': event('The fleet registry changed', z.object({ reason: z.string() })),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]['payload']>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
