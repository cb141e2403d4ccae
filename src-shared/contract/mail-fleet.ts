import { z } from 'zod';
import { boxIdSchema } from '../domain/box';
import { method } from './define';
import { appErrorSchema } from './result';
import { passwordSchema } from './mailboxes';

/** One user or alias found somewhere in the fleet. */
export const fleetMailHitSchema = z.object({
  boxId: boxIdSchema,
  boxName: z.string(),
  kind: z.enum(['user', 'alias']),
  /** Stored form (punycode). */
  address: z.string(),
  /** Unicode form for display. */
  display: z.string(),
  /** Unicode domain of the address. */
  domain: z.string(),
  /** Users: active or archived; aliases: always active. */
  status: z.enum(['active', 'inactive']),
  admin: z.boolean(),
  auto: z.boolean(),
  forwardsTo: z.array(z.string()),
  permittedSenders: z.array(z.string()),
});
export type FleetMailHit = z.infer<typeof fleetMailHitSchema>;

/** A box that could not be asked: the others still answer. */
export const boxFailureSchema = z.object({ boxId: boxIdSchema, boxName: z.string(), error: appErrorSchema });
export type BoxFailure = z.infer<typeof boxFailureSchema>;

/** The same change on several boxes: one outcome per box, in the order asked. */
export const perBoxOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), boxId: boxIdSchema, boxName: z.string(), report: z.string() }),
  z.object({ ok: z.literal(false), boxId: boxIdSchema, boxName: z.string(), error: appErrorSchema }),
]);
export type PerBoxOutcome = z.infer<typeof perBoxOutcomeSchema>;

export const transferKindSchema = z.enum(['users', 'aliases']);
export type TransferKind = z.infer<typeof transferKindSchema>;
export const transferFormatSchema = z.enum(['csv', 'json']);
export type TransferFormat = z.infer<typeof transferFormatSchema>;

/** One row of an import as planned (dry run) or applied. Never carries a password. */
export const importRowSchema = z.object({
  /** 1-based row (CSV: data row after the header; JSON: array index + 1). */
  row: z.number().int(),
  address: z.string(),
  action: z.enum(['create', 'update', 'skip', 'error']),
  /** Why: what will change, why it is skipped, the local rule broken, or (after apply) the box's refusal verbatim. */
  detail: z.string(),
  /** Only after apply: whether the box accepted the row. */
  applied: z.boolean().optional(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

const importRequest = z.object({
  boxId: boxIdSchema,
  kind: transferKindSchema,
  format: transferFormatSchema,
  /** The file's text. Kept only for the call; passwords in it are never logged, stored or echoed. */
  text: z.string().max(20 * 1024 * 1024),
});

const boxIds = z.array(boxIdSchema).min(1).max(10_000);

export const mailFleetMethods = {
  find: method(
    'Searches users and aliases on every box (or those named); an empty text lists every user and alias',
    z.object({ text: z.string().max(320), boxIds: boxIds.optional() }),
    z.object({ hits: z.array(fleetMailHitSchema), failures: z.array(boxFailureSchema) }),
  ),
  addUser: method(
    'Adds the same user to several boxes, one outcome per box',
    z.object({
      boxIds,
      email: z.string().max(320),
      password: passwordSchema,
      admin: z.boolean(),
      quota: z.string().max(32).optional(),
    }),
    z.array(perBoxOutcomeSchema),
  ),
  addAlias: method(
    'Adds the same alias to several boxes, one outcome per box',
    z.object({
      boxIds,
      address: z.string().max(320),
      forwardsTo: z.array(z.string().max(320)).max(1000),
      permittedSenders: z.array(z.string().max(320)).max(1000),
      update: z.boolean(),
    }),
    z.array(perBoxOutcomeSchema),
  ),
  export: method(
    "A box's users or aliases as CSV or JSON text (columns in the README); never passwords",
    z.object({ boxId: boxIdSchema, kind: transferKindSchema, format: transferFormatSchema }),
    z.object({ text: z.string(), filename: z.string() }),
  ),
  planImport: method(
    'Dry run of an import: what each row would do, nothing sent',
    importRequest,
    z.object({ rows: z.array(importRowSchema) }),
  ),
  applyImport: method(
    'Applies an import as a job; its rows come from importResult once it ends',
    importRequest,
    z.object({ jobId: z.string().max(64) }),
  ),
  importResult: method(
    'The per-row result of an import job (kept in memory for recent jobs, without passwords)',
    z.object({ jobId: z.string().max(64) }),
    z.object({ rows: z.array(importRowSchema) }),
  ),
};
