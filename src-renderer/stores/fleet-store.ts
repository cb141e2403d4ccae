import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoxfleetApi } from '../../src-shared/contract';
import type { Box } from '../../src-shared/domain/box';
import type { ErrorReport } from '../errors/error-guidance';
import { remoteLoader, type LoadStatus } from './server-state';

export type { LoadStatus } from './server-state';

export interface FleetState {
  readonly status: LoadStatus;
  readonly boxes: readonly Box[];
  readonly error: ErrorReport | null;
  load(): Promise<void>;
}

/** The fleet registry as the renderer knows it; reloaded when main says it changed. */
export function createFleetStore(api: BoxfleetApi): StoreApi<FleetState> {
  return createStore<FleetState>()((set, get) => {
    const loader = remoteLoader<'fleet', readonly Box[]>({
      fetch: () => api.boxes.list(),
      slot: () => ({
        read: () => ({ status: get().status, data: get().boxes, error: get().error }),
        write: (next) => set({ status: next.status, boxes: next.data ?? [], error: next.error }),
      }),
    });
    return {
      status: 'idle',
      boxes: [],
      error: null,
      load: () => loader.load('fleet'),
    };
  });
}
