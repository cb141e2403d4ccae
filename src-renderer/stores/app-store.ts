import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoxfleetApi } from '../../src-shared/contract';
import type { AppInfo } from '../../src-shared/contract/app';
import { describeError, type ErrorReport } from '../errors/error-guidance';

export interface AppState {
  readonly info: AppInfo | null;
  readonly error: ErrorReport | null;
  readonly problemsDismissed: boolean;
  load(): Promise<void>;
  dismissProblems(): void;
}

/** What this Boxfleet is, and the data-directory problems it found at start-up. */
export function createAppStore(api: BoxfleetApi): StoreApi<AppState> {
  return createStore<AppState>()((set) => ({
    info: null,
    error: null,
    problemsDismissed: false,
    async load() {
      const result = await api.app.info();
      if (result.ok) set({ info: result.value, error: null });
      else set({ error: describeError(result.error) });
    },
    dismissProblems: () => set({ problemsDismissed: true }),
  }));
}
