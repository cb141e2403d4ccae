import { z } from 'zod';
import { boxIdSchema } from '../domain/box';
import { method } from './define';
import { appErrorSchema } from './result';

/** The kinds of long work; each later capability adds its own. */
export const jobKindSchema = z.enum([
  'fleet.refresh',
  'box.refresh',
  'checks.run',
  'mail.import',
  'dns.check',
  'install.run',
]);
export type JobKind = z.infer<typeof jobKindSchema>;

export const jobStateSchema = z.enum(['running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof jobStateSchema>;

/** A job as lists show it: what it is, on which box (or the fleet when absent), and how far it got. */
export const jobInfoSchema = z.object({
  jobId: z.string().max(64),
  kind: jobKindSchema,
  boxId: boxIdSchema.optional(),
  title: z.string(),
  state: jobStateSchema,
  /** 0..1 */
  value: z.number().min(0).max(1),
  detail: z.string().optional(),
  bytes: z.object({ done: z.number(), total: z.number().optional() }).optional(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).optional(),
  /** Set when state is failed (or cancelled, code `cancelled`). */
  error: appErrorSchema.optional(),
});
export type JobInfo = z.infer<typeof jobInfoSchema>;

const jobIdSchema = z.string().min(1).max(64);

export const jobsMethods = {
  list: method('Running and recent jobs, newest first', z.object({}).strict(), z.array(jobInfoSchema)),
  cancel: method(
    'Asks a running job to stop; a job that already ended is left as it is',
    z.object({ jobId: jobIdSchema }),
    jobInfoSchema,
  ),
};
