import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RowQuery, SortKey, StateFilter } from './fleet-rows';

/** How the admin arranged the Fleet screen: kept while they visit a box and come back. */
export interface FleetViewState extends RowQuery {
  /** The row keyboard focus is on, by box id, so it survives sorting and filtering. */
  readonly activeBoxId: string | null;
  sortBy(key: SortKey): void;
  setState(state: StateFilter): void;
  setTag(tag: string | null): void;
  setSearch(search: string): void;
  setActive(boxId: string | null): void;
}

export function createFleetViewStore(): StoreApi<FleetViewState> {
  return createStore<FleetViewState>()((set, get) => ({
    sort: { key: 'name', direction: 'ascending' },
    state: 'all',
    tag: null,
    search: '',
    activeBoxId: null,
    sortBy(key) {
      const { sort } = get();
      // The same header again turns the order round; a new one starts ascending.
      const direction = sort.key === key && sort.direction === 'ascending' ? 'descending' : 'ascending';
      set({ sort: { key, direction } });
    },
    setState: (state) => set({ state }),
    setTag: (tag) => set({ tag }),
    setSearch: (search) => set({ search }),
    setActive: (activeBoxId) => set({ activeBoxId }),
  }));
}
