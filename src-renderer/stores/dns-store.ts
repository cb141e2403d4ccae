import { createStore, type StoreApi } from 'zustand/vanilla';
import type { appMethods, SavedFile } from '../../src-shared/contract/app';
import type { Api } from '../../src-shared/contract/define';
import type {
  CustomRecord,
  CustomRecordType,
  DnsCapabilities,
  dnsMethods,
  ZoneDelegation,
  ZoneRecords,
} from '../../src-shared/contract/dns';
import { ok, type AppError, type Result } from '../../src-shared/contract/result';
import { omitKey } from './omit-key';
import { NOT_LOADED, remoteLoader, type Remote } from './server-state';
import type { RecordOrder, RecordRequest } from './dns-view';

export type DnsApi = Api<{ dns: typeof dnsMethods; app: Pick<typeof appMethods, 'saveText'> }>;

type PerBox<T> = Readonly<Record<string, Remote<T>>>;

export interface DnsState {
  /** Flavour, TTL support and zones: what the custom record form offers. */
  readonly capabilities: PerBox<DnsCapabilities>;
  readonly records: PerBox<readonly CustomRecord[]>;
  readonly secondary: PerBox<readonly string[]>;
  /** External DNS: what the box wants the world to see, per zone. */
  readonly dump: PerBox<readonly ZoneRecords[]>;
  /** What to give the registrar per zone. */
  readonly delegation: PerBox<readonly ZoneDelegation[]>;
  /** The custom records' order per box; by domain unless the admin chose creation order. */
  readonly order: Readonly<Record<string, RecordOrder>>;
  /** The box's report after the last change, per box ("updated DNS: example.com"). */
  readonly lastReport: Readonly<Record<string, string>>;
  loadCapabilities(boxId: string): Promise<void>;
  loadRecords(boxId: string): Promise<void>;
  loadSecondary(boxId: string): Promise<void>;
  loadDump(boxId: string): Promise<void>;
  loadDelegation(boxId: string): Promise<void>;
  setOrder(boxId: string, order: RecordOrder): void;
  /**
   * Adds a value (POST) or makes it the only one of its name and type (PUT). A refusal comes back as the box worded
   * it; the caller keeps the draft so nothing typed is lost.
   */
  save(boxId: string, request: RecordRequest, mode: 'add' | 'set'): Promise<Result<string>>;
  /** Removes one value, or every value of the name and type when `value` is absent. */
  remove(boxId: string, target: { qname: string; rtype: CustomRecordType; value?: string }): Promise<Result<string>>;
  saveSecondary(boxId: string, entries: readonly string[]): Promise<Result<string>>;
  zonefile(boxId: string, zone: string): Promise<Result<{ text: string; filename: string }>>;
  /** The desktop's save dialog: main writes the file where the admin chooses (browser mode downloads instead). */
  saveText(filename: string, text: string): Promise<Result<SavedFile>>;
  forget(boxId: string): void;
}

export interface DnsDeps {
  /** Told about every failed list load, so a changed host key shows its stop on the box overview too. */
  onFailure?: (boxId: string, error: AppError) => void;
}

type Key = 'capabilities' | 'records' | 'secondary' | 'dump' | 'delegation';

/** Custom DNS, secondary nameservers and External DNS per box: server state through the shared loader, and changes. */
export function createDnsStore(api: DnsApi, deps: DnsDeps = {}): StoreApi<DnsState> {
  return createStore<DnsState>()((set, get) => {
    const slot =
      <T>(key: Key) =>
      (boxId: string) => ({
        read: () => (get()[key][boxId] ?? NOT_LOADED) as Remote<T>,
        write: (next: Remote<T>) => set({ [key]: { ...get()[key], [boxId]: next } }),
      });
    const loaders = {
      capabilities: remoteLoader<string, DnsCapabilities>({
        fetch: (boxId) => api.dns.capabilities({ boxId }),
        slot: slot('capabilities'),
      }),
      records: remoteLoader<string, readonly CustomRecord[]>({
        fetch: (boxId) => api.dns.custom.list({ boxId }),
        slot: slot('records'),
        onFailure: deps.onFailure,
      }),
      secondary: remoteLoader<string, readonly string[]>({
        fetch: async (boxId) => {
          const result = await api.dns.secondary.get({ boxId });
          return result.ok ? ok(result.value.entries) : result;
        },
        slot: slot('secondary'),
        onFailure: deps.onFailure,
      }),
      dump: remoteLoader<string, readonly ZoneRecords[]>({
        fetch: (boxId) => api.dns.dump({ boxId }),
        slot: slot('dump'),
        onFailure: deps.onFailure,
      }),
      delegation: remoteLoader<string, readonly ZoneDelegation[]>({
        fetch: (boxId) => api.dns.delegation({ boxId }),
        slot: slot('delegation'),
        onFailure: deps.onFailure,
      }),
    };
    /** After a change: keep the report, and read again what it may have changed, where it was read. */
    const changed = (boxId: string, report: string, reread: readonly Key[]): Result<string> => {
      set({ lastReport: { ...get().lastReport, [boxId]: report } });
      for (const key of reread) if (get()[key][boxId]) void loaders[key].load(boxId);
      return ok(report);
    };
    return {
      capabilities: {},
      records: {},
      secondary: {},
      dump: {},
      delegation: {},
      order: {},
      lastReport: {},
      loadCapabilities: (boxId) => loaders.capabilities.load(boxId),
      loadRecords: (boxId) => loaders.records.load(boxId),
      loadSecondary: (boxId) => loaders.secondary.load(boxId),
      loadDump: (boxId) => loaders.dump.load(boxId),
      loadDelegation: (boxId) => loaders.delegation.load(boxId),
      setOrder(boxId, order) {
        set({ order: { ...get().order, [boxId]: order } });
      },
      async save(boxId, request, mode) {
        const send = mode === 'add' ? api.dns.custom.add : api.dns.custom.set;
        const result = await send({ boxId, ...request });
        return result.ok ? changed(boxId, result.value.report, ['records', 'dump']) : result;
      },
      async remove(boxId, target) {
        const result = await api.dns.custom.remove({ boxId, ...target });
        return result.ok ? changed(boxId, result.value.report, ['records', 'dump']) : result;
      },
      async saveSecondary(boxId, entries) {
        const result = await api.dns.secondary.set({ boxId, entries: [...entries] });
        if (!result.ok) return result;
        // The list is read again before answering, so the form shows the box's list, not the one it held before.
        await loaders.secondary.load(boxId);
        return changed(boxId, result.value.report, ['delegation']);
      },
      zonefile: (boxId, zone) => api.dns.zonefile({ boxId, zone }),
      saveText: (filename, text) => api.app.saveText({ suggestedName: filename, text }),
      forget(boxId) {
        for (const loader of Object.values(loaders)) loader.forget(boxId);
        const state = get();
        set({
          capabilities: omitKey(state.capabilities, boxId),
          records: omitKey(state.records, boxId),
          secondary: omitKey(state.secondary, boxId),
          dump: omitKey(state.dump, boxId),
          delegation: omitKey(state.delegation, boxId),
          order: omitKey(state.order, boxId),
          lastReport: omitKey(state.lastReport, boxId),
        });
      },
    };
  });
}
