import type { AppError, Result } from '../../src-shared/contract/result';
import { describeError, type ErrorReport } from '../errors/error-guidance';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * Something the renderer read from main, as the screens see it. `data` is the last good answer: it stays while a
 * reload is in flight and after a failed one, so a table does not blink away and a failure is shown beside what
 * was known.
 */
export interface Remote<T> {
  readonly status: LoadStatus;
  readonly data: T | null;
  readonly error: ErrorReport | null;
}

export const NOT_LOADED: Remote<never> = { status: 'idle', data: null, error: null };

export interface RemoteSlot<T> {
  read(): Remote<T>;
  write(next: Remote<T>): void;
}

/**
 * Loads and reloads keyed server state, written once for every store: the newest request for a key wins and a
 * slower, older answer is dropped; a reload keeps the old data; a failure keeps it too and adds the error.
 * `slot(key)` says where a key's state lives in the store, so each store keeps its own state shape.
 */
export function remoteLoader<K, T>(options: {
  fetch: (key: K) => Promise<Result<T>>;
  slot: (key: K) => RemoteSlot<T>;
  /** Told about every failed load (after the store shows it). */
  onFailure?: (key: K, error: AppError) => void;
}) {
  const newest = new Map<K, number>();
  let counter = 0;
  return {
    async load(key: K): Promise<void> {
      const mine = ++counter;
      newest.set(key, mine);
      const slot = options.slot(key);
      slot.write({ ...slot.read(), status: 'loading' });
      const result = await options.fetch(key);
      if (newest.get(key) !== mine) return;
      newest.delete(key);
      const current = slot.read();
      if (result.ok) {
        slot.write({ status: 'ready', data: result.value, error: null });
      } else {
        slot.write({ ...current, status: 'failed', error: describeError(result.error) });
        options.onFailure?.(key, result.error);
      }
    },
    /** An answer still in flight for this key is dropped when it arrives (the key left the fleet, say). */
    forget(key: K): void {
      newest.delete(key);
    },
    isLoading(key: K): boolean {
      return newest.has(key);
    },
  };
}
