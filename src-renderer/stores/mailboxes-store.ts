import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoxfleetApi } from '../../src-shared/contract';
import type { MailDomainUsers } from '../../src-shared/contract/mailboxes';
import type { AppError } from '../../src-shared/contract/result';
import { describeError, type ErrorReport } from '../errors/error-guidance';
import type { LoadStatus } from './fleet-store';
import { omitKey } from './omit-key';

/** The mail users of one box as last fetched; kept while reloading so the table does not blink away. */
export interface BoxMailUsers {
  readonly status: LoadStatus;
  readonly domains: readonly MailDomainUsers[];
  readonly error: ErrorReport | null;
}

export const NOT_LOADED: BoxMailUsers = { status: 'idle', domains: [], error: null };

export interface MailboxesState {
  readonly byBox: Readonly<Record<string, BoxMailUsers>>;
  /** What the admin typed in the filter box, per box. */
  readonly filter: Readonly<Record<string, string>>;
  load(boxId: string): Promise<void>;
  setFilter(boxId: string, query: string): void;
  /** Drop what is known about a box that left the fleet. */
  forget(boxId: string): void;
}

export interface MailboxesDeps {
  /** Told about every failed load, so a changed host key shows its stop on the box overview too. */
  onFailure?: (boxId: string, error: AppError) => void;
}

/** Mail users per box (read-only for now: editing arrives with its own contract methods). */
export function createMailboxesStore(api: BoxfleetApi, deps: MailboxesDeps = {}): StoreApi<MailboxesState> {
  const generations = new Map<string, number>();
  return createStore<MailboxesState>()((set, get) => ({
    byBox: {},
    filter: {},
    async load(boxId) {
      // A slow answer must not overwrite a newer one for the same box.
      const mine = (generations.get(boxId) ?? 0) + 1;
      generations.set(boxId, mine);
      const before = get().byBox[boxId] ?? NOT_LOADED;
      set({ byBox: { ...get().byBox, [boxId]: { ...before, status: 'loading' } } });
      const result = await api.mailboxes.users.list({ boxId });
      if (generations.get(boxId) !== mine) return;
      const current = get().byBox[boxId] ?? NOT_LOADED;
      const next: BoxMailUsers = result.ok
        ? { status: 'ready', domains: result.value, error: null }
        : { ...current, status: 'failed', error: describeError(result.error) };
      set({ byBox: { ...get().byBox, [boxId]: next } });
      if (!result.ok) deps.onFailure?.(boxId, result.error);
    },
    setFilter(boxId, query) {
      set({ filter: { ...get().filter, [boxId]: query } });
    },
    forget(boxId) {
      generations.delete(boxId);
      set({ byBox: omitKey(get().byBox, boxId), filter: omitKey(get().filter, boxId) });
    },
  }));
}
