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
  /**
   * True where `app.pickKeyFile` opens the system's file dialog (the desktop window). Elsewhere the window offers
   * its own file input, whose content is sent like a pasted key.
   */
  nativeKeyFilePicker: z.boolean().default(false),
  /** True where `app.saveText` opens the system's save dialog (the desktop window, which allows no page download). */
  nativeSaveDialog: z.boolean().default(false),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** A chosen key file's path, for main to read when connecting: its content never goes to the window. */
export const pickedKeyFileSchema = z.union([
  z.object({ path: z.string().min(1) }).strict(),
  z.object({ cancelled: z.literal(true) }).strict(),
]);
export type PickedKeyFile = z.infer<typeof pickedKeyFileSchema>;

/** Where a file was saved, or that the admin closed the dialog. */
export const savedFileSchema = z.union([
  z.object({ path: z.string().min(1) }).strict(),
  z.object({ cancelled: z.literal(true) }).strict(),
]);
export type SavedFile = z.infer<typeof savedFileSchema>;

export const appMethods = {
  info: method('What this Boxfleet is and how it runs', z.object({}).strict(), appInfoSchema),
  pickKeyFile: method(
    'Choose a private key file in the system file dialog (desktop only; other faces answer not-supported)',
    z.object({}).strict(),
    pickedKeyFileSchema,
  ),
  saveText: method(
    'Save text (an export, later zone files and CSRs) where the admin chooses in the system save dialog (desktop only)',
    z.object({ suggestedName: z.string().min(1).max(255), text: z.string().max(50 * 1024 * 1024) }).strict(),
    savedFileSchema,
  ),
};
