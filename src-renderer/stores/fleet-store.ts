import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoxfleetApi } from '../../src-shared/contract';
import type { Box } from '../../src-shared/domain/box';
import { describeError, type ErrorReport } from '../errors/error-guidance';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

export interface FleetState {
  readonly status: LoadStatus;
  readonly boxes: readonly Box[];
  readonly error: ErrorReport | null;
  load(): Promise<void>;
}

/** The fleet registry as the renderer knows it; reloaded when main says it changed. */
export function createFleetStore(api: BoxfleetApi): StoreApi<FleetState> {
  let generation = 0;
  return createStore<FleetState>()((set) => ({
    status: 'idle',
    boxes: [],
    error: null,
    async load() {
      // A slow answer must not overwrite a newer one.
      const mine = ++generation;
      set({ status: 'loading' });
      const result = await api.boxes.list();
      if (mine !== generation) return;
      if (result.ok) set({ status: 'ready', boxes: result.value, error: null });
      else set({ status: 'failed', error: describeError(result.error) });
    },
  }));
}
