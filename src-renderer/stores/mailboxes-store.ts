import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoxfleetApi } from '../../src-shared/contract';
import type {
  MailCapabilities,
  MailDomainSummary,
  MailDomainUsers,
  MailGuide,
} from '../../src-shared/contract/mailboxes';
import type { AppError } from '../../src-shared/contract/result';
import { omitKey } from './omit-key';
import { NOT_LOADED, remoteLoader, type Remote } from './server-state';

export { NOT_LOADED } from './server-state';

type PerBox<T> = Readonly<Record<string, Remote<T>>>;

export interface MailboxesState {
  /** The mail users of each box as last fetched, kept while reloading so the list does not blink away. */
  readonly byBox: PerBox<readonly MailDomainUsers[]>;
  /** What the box offers (quota routes, Power's default quota). */
  readonly capabilities: PerBox<MailCapabilities>;
  readonly domains: PerBox<readonly MailDomainSummary[]>;
  readonly guide: PerBox<MailGuide>;
  /** What the admin typed in the filter box, per box. */
  readonly filter: Readonly<Record<string, string>>;
  load(boxId: string): Promise<void>;
  loadCapabilities(boxId: string): Promise<void>;
  loadDomains(boxId: string): Promise<void>;
  loadGuide(boxId: string): Promise<void>;
  setFilter(boxId: string, query: string): void;
  /** Drop what is known about a box that left the fleet. */
  forget(boxId: string): void;
}

export interface MailboxesDeps {
  /** Told about every failed load, so a changed host key shows its stop on the box overview too. */
  onFailure?: (boxId: string, error: AppError) => void;
}

/** The User Timing mark set when a box's user list arrives; the users-list benchmark measures rendering from it. */
export const USERS_ARRIVED_MARK = 'boxfleet:mail-users-arrived';

/** Mail users, domains, capabilities and the mail guide per box: server state, read through the shared loader. */
export function createMailboxesStore(api: BoxfleetApi, deps: MailboxesDeps = {}): StoreApi<MailboxesState> {
  return createStore<MailboxesState>()((set, get) => {
    type Key = 'byBox' | 'capabilities' | 'domains' | 'guide';
    const slot =
      <T>(key: Key) =>
      (boxId: string) => ({
        read: () => (get()[key][boxId] ?? NOT_LOADED) as Remote<T>,
        write: (next: Remote<T>) => set({ [key]: { ...get()[key], [boxId]: next } }),
      });
    const users = remoteLoader<string, readonly MailDomainUsers[]>({
      fetch: async (boxId) => {
        const result = await api.mailboxes.users.list({ boxId });
        // performance is there in every page and in Node; the mark costs nothing when nobody reads it.
        if (result.ok) globalThis.performance?.mark(USERS_ARRIVED_MARK);
        return result;
      },
      slot: slot('byBox'),
      onFailure: deps.onFailure,
    });
    const capabilities = remoteLoader<string, MailCapabilities>({
      fetch: (boxId) => api.mailboxes.capabilities({ boxId }),
      slot: slot('capabilities'),
    });
    const domains = remoteLoader<string, readonly MailDomainSummary[]>({
      fetch: (boxId) => api.mailboxes.domains({ boxId }),
      slot: slot('domains'),
      onFailure: deps.onFailure,
    });
    const guide = remoteLoader<string, MailGuide>({
      fetch: (boxId) => api.mailboxes.guide({ boxId }),
      slot: slot('guide'),
      onFailure: deps.onFailure,
    });
    return {
      byBox: {},
      capabilities: {},
      domains: {},
      guide: {},
      filter: {},
      load: (boxId) => users.load(boxId),
      loadCapabilities: (boxId) => capabilities.load(boxId),
      loadDomains: (boxId) => domains.load(boxId),
      loadGuide: (boxId) => guide.load(boxId),
      setFilter(boxId, query) {
        set({ filter: { ...get().filter, [boxId]: query } });
      },
      forget(boxId) {
        for (const loader of [users, capabilities, domains, guide]) loader.forget(boxId);
        const state = get();
        set({
          byBox: omitKey(state.byBox, boxId),
          capabilities: omitKey(state.capabilities, boxId),
          domains: omitKey(state.domains, boxId),
          guide: omitKey(state.guide, boxId),
          filter: omitKey(state.filter, boxId),
        });
      },
    };
  });
}
