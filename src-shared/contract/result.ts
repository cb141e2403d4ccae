import { z } from 'zod';

/**
 * The closed set of failure codes a contract method can answer with.
 * The renderer switches on these exhaustively, so adding one is a compile error until every screen handles it.
 */
export const ERROR_CODES = [
  'auth-failed',
  'host-key-unknown',
  'host-key-mismatch',
  'host-unreachable',
  'timeout',
  'cancelled',
  'keychain-unavailable',
  'needs-sudo',
  'box-api-error',
  'not-a-box',
  'validation',
  'not-found',
  'conflict',
  'not-supported',
  'store-corrupt',
  'internal',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  retryable: z.boolean(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Fail = { readonly ok: false; readonly error: AppError };
/** Every contract method answers with a value, never by throwing across a process boundary. */
export type Result<T> = Ok<T> | Fail;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Codes that usually succeed when simply tried again later. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['host-unreachable', 'timeout', 'box-api-error']);

export function fail(
  code: ErrorCode,
  message: string,
  options: { retryable?: boolean; detail?: Record<string, unknown> } = {},
): Fail {
  const error: AppError = { code, message, retryable: options.retryable ?? RETRYABLE.has(code) };
  if (options.detail !== undefined) error.detail = options.detail;
  return { ok: false, error };
}

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

/** For exhaustive switches: the compiler proves this is unreachable. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
