import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../src-shared/contract/define';
import type { BoxFailure, FleetMailHit, mailFleetMethods, PerBoxOutcome } from '../../src-shared/contract/mail-fleet';
import type { AppError, Result } from '../../src-shared/contract/result';
import { NOT_LOADED, remoteLoader, type Remote } from './server-state';

export type MailFleetApi = Api<{ mail: typeof mailFleetMethods }>;

export interface FleetMailFound {
  readonly text: string;
  readonly hits: readonly FleetMailHit[];
  /** Boxes that could not be asked; the others' answers still count. */
  readonly failures: readonly BoxFailure[];
}

export interface FleetUserRequest {
  readonly boxIds: string[];
  readonly email: string;
  readonly password: string;
  readonly admin: boolean;
  readonly quota?: string;
}

export interface FleetAliasRequest {
  readonly boxIds: string[];
  readonly address: string;
  readonly forwardsTo: string[];
  readonly permittedSenders: string[];
  readonly update: boolean;
}

/** The last add to several boxes: one outcome per box, in the order asked. */
export interface BulkAdd {
  readonly status: 'idle' | 'running' | 'done' | 'failed';
  readonly what: string;
  readonly outcomes: readonly PerBoxOutcome[];
  /** The whole call failed (bad input, core gone); per-box failures are in `outcomes`. */
  readonly error: AppError | null;
}

export const NO_BULK: BulkAdd = { status: 'idle', what: '', outcomes: [], error: null };

export interface MailFleetState {
  /** What the search field holds. */
  readonly query: string;
  /** The answer to the newest search. */
  readonly found: Remote<FleetMailFound>;
  /** Every user and alias in the fleet, for the people view. */
  readonly everyone: Remote<FleetMailFound>;
  readonly peopleFilter: string;
  readonly bulk: BulkAdd;
  setQuery(query: string): void;
  search(): Promise<void>;
  loadEveryone(): Promise<void>;
  setPeopleFilter(query: string): void;
  addUser(request: FleetUserRequest): Promise<Result<readonly PerBoxOutcome[]>>;
  addAlias(request: FleetAliasRequest): Promise<Result<readonly PerBoxOutcome[]>>;
  clearBulk(): void;
}

/** Mail across the fleet: search every box, see people rather than boxes, add one user or alias to several boxes. */
export function createMailFleetStore(api: MailFleetApi): StoreApi<MailFleetState> {
  return createStore<MailFleetState>()((set, get) => {
    const slot = (field: 'found' | 'everyone') => () => ({
      read: () => get()[field],
      write: (next: Remote<FleetMailFound>) => set({ [field]: next }),
    });
    const finder = (field: 'found' | 'everyone') =>
      remoteLoader<string, FleetMailFound>({
        fetch: async (text) => {
          const result = await api.mail.find({ text });
          return result.ok ? { ok: true, value: { text, ...result.value } } : result;
        },
        slot: slot(field),
      });
    const searches = finder('found');
    const all = finder('everyone');
    const bulk = async (what: string, call: () => Promise<Result<PerBoxOutcome[]>>) => {
      set({ bulk: { status: 'running', what, outcomes: [], error: null } });
      const result = await call();
      set({
        bulk: result.ok
          ? { status: 'done', what, outcomes: result.value, error: null }
          : { status: 'failed', what, outcomes: [], error: result.error },
      });
      // Lists read before the change are out of date now.
      if (result.ok && get().everyone.data !== null) void get().loadEveryone();
      return result;
    };
    return {
      query: '',
      found: NOT_LOADED,
      everyone: NOT_LOADED,
      peopleFilter: '',
      bulk: NO_BULK,
      setQuery: (query) => set({ query }),
      search: () => searches.load(get().query.trim()),
      loadEveryone: () => all.load(''),
      setPeopleFilter: (peopleFilter) => set({ peopleFilter }),
      addUser: (request) =>
        bulk(request.email.trim(), () =>
          api.mail.addUser({
            boxIds: request.boxIds,
            email: request.email.trim(),
            password: request.password,
            admin: request.admin,
            ...(request.quota?.trim() ? { quota: request.quota.trim() } : {}),
          }),
        ),
      addAlias: (request) =>
        bulk(request.address.trim(), () => api.mail.addAlias({ ...request, address: request.address.trim() })),
      clearBulk: () => set({ bulk: NO_BULK }),
    };
  });
}
