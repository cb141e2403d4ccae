import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../src-shared/contract/define';
import type { MailDomainAliases, MailDomainUsers, mailboxesMethods } from '../../src-shared/contract/mailboxes';
import { ok, type AppError, type Result } from '../../src-shared/contract/result';
import { omitKey } from './omit-key';
import { NOT_LOADED, remoteLoader, type Remote } from './server-state';
import { splitAddresses, type AliasDraft } from './aliases-view';

export type AliasesApi = Api<{ mailboxes: typeof mailboxesMethods }>;

export interface AliasesState {
  readonly byBox: Readonly<Record<string, Remote<readonly MailDomainAliases[]>>>;
  /** What the admin typed in the filter box, per box. */
  readonly filter: Readonly<Record<string, string>>;
  /** The box's change report after the last add, update or removal, per box ("alias added\nupdated DNS: …"). */
  readonly lastReport: Readonly<Record<string, string>>;
  /** The box's mail users, read for the alias form: permitted senders must be users, DCV aliases go to admins. */
  readonly users: Readonly<Record<string, Remote<readonly MailDomainUsers[]>>>;
  load(boxId: string): Promise<void>;
  loadUsers(boxId: string): Promise<void>;
  setFilter(boxId: string, query: string): void;
  /**
   * Adds an alias, or replaces both lists of an existing one when `update` is set (the box's `update_if_exists`).
   * A refusal comes back as the box worded it; the caller keeps the draft so nothing typed is lost.
   */
  save(boxId: string, draft: AliasDraft, update: boolean): Promise<Result<string>>;
  /** Removes a user-made alias by its stored (punycode, lowercase) address, which is what the box matches on. */
  remove(boxId: string, address: string): Promise<Result<string>>;
  forget(boxId: string): void;
}

export interface AliasesDeps {
  /** Told about every failed load, so a changed host key shows its stop on the box overview too. */
  onFailure?: (boxId: string, error: AppError) => void;
}

/** Aliases per box: the list as the box groups it, and adding, editing and removing them. */
export function createAliasesStore(api: AliasesApi, deps: AliasesDeps = {}): StoreApi<AliasesState> {
  return createStore<AliasesState>()((set, get) => {
    const aliases = remoteLoader<string, readonly MailDomainAliases[]>({
      fetch: (boxId) => api.mailboxes.aliases.list({ boxId }),
      slot: (boxId) => ({
        read: () => get().byBox[boxId] ?? NOT_LOADED,
        write: (next) => set({ byBox: { ...get().byBox, [boxId]: next } }),
      }),
      onFailure: deps.onFailure,
    });
    const users = remoteLoader<string, readonly MailDomainUsers[]>({
      fetch: (boxId) => api.mailboxes.users.list({ boxId }),
      slot: (boxId) => ({
        read: () => get().users[boxId] ?? NOT_LOADED,
        write: (next) => set({ users: { ...get().users, [boxId]: next } }),
      }),
    });
    const changed = (boxId: string, report: string): Result<string> => {
      set({ lastReport: { ...get().lastReport, [boxId]: report } });
      void aliases.load(boxId);
      return ok(report);
    };
    return {
      byBox: {},
      filter: {},
      lastReport: {},
      users: {},
      load: (boxId) => aliases.load(boxId),
      loadUsers: (boxId) => users.load(boxId),
      setFilter(boxId, query) {
        set({ filter: { ...get().filter, [boxId]: query } });
      },
      async save(boxId, draft, update) {
        const result = await api.mailboxes.aliases.add({
          boxId,
          address: draft.address.trim(),
          forwardsTo: splitAddresses(draft.forwardsTo),
          permittedSenders: splitAddresses(draft.permittedSenders),
          update,
        });
        return result.ok ? changed(boxId, result.value.report) : result;
      },
      async remove(boxId, address) {
        const result = await api.mailboxes.aliases.remove({ boxId, address });
        return result.ok ? changed(boxId, result.value.report) : result;
      },
      forget(boxId) {
        aliases.forget(boxId);
        users.forget(boxId);
        set({
          users: omitKey(get().users, boxId),
          byBox: omitKey(get().byBox, boxId),
          filter: omitKey(get().filter, boxId),
          lastReport: omitKey(get().lastReport, boxId),
        });
      },
    };
  });
}
