import type { z } from 'zod';
import type { AppError } from '../../src-shared/contract';
import type { boxesMethods } from '../../src-shared/contract/boxes';

export type HostKeyCheck = z.output<typeof boxesMethods.probe.response>;

/**
 * The key to confirm, when main refused to log in because it is new or changed (`detail` carries it: as
 * `fingerprint` from the host-key check, as `got` from a refused login, with `expected` when one is on record).
 */
export function hostKeyFromError(error: AppError): HostKeyCheck | null {
  if (error.code !== 'host-key-unknown' && error.code !== 'host-key-mismatch') return null;
  const keyType = error.detail?.['keyType'];
  const fingerprint = error.detail?.['fingerprint'] ?? error.detail?.['got'];
  const expected = error.detail?.['expected'];
  if (typeof keyType !== 'string' || typeof fingerprint !== 'string') return null;
  return {
    keyType,
    fingerprint,
    status: error.code === 'host-key-unknown' ? 'unknown' : 'mismatch',
    ...(typeof expected === 'string' ? { expected } : {}),
  };
}
