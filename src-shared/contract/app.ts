import { z } from 'zod';
import { method } from './define';

export const storeProblemSchema = z.object({
  file: z.string(),
  message: z.string(),
  movedTo: z.string().optional(),
});
export type StoreProblem = z.infer<typeof storeProblemSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['desktop', 'browser', 'cli']),
  platform: z.string(),
  /** Files in the data directory that could not be read and were moved aside. */
  problems: z.array(storeProblemSchema),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appMethods = {
  info: method('What this Boxfleet is and how it runs', z.object({}).strict(), appInfoSchema),
};
