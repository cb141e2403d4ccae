import { z } from 'zod';
import { alertChangeSchema, boxHealthSchema } from '../domain/fleet-health';
import { event } from './define';
import { jobInfoSchema } from './jobs';

/** Everything main pushes to the renderer, by wire name. */
export const events = {
  'jobs.progress': event('A job started, moved on or ended (0% is sent at once)', jobInfoSchema),
  'fleet.health': event('A new observation of one box', boxHealthSchema),
  'alerts.changed': event('An alert was raised, cleared, snoozed or is due again after a snooze', alertChangeSchema),
  'boxes.changed': event('The fleet registry changed', z.object({ reason: z.string() })),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]['payload']>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
