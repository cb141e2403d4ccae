import type { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoxfleetApi } from '../../src-shared/contract';
import type { boxesMethods } from '../../src-shared/contract/boxes';
import type { Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import { describeError, type ErrorReport } from '../errors/error-guidance';
import { omitKey } from './omit-key';

export type TestOutcome = z.output<typeof boxesMethods.test.response>;

export type ConnectionTest =
  | { readonly status: 'running' }
  | { readonly status: 'passed'; readonly outcome: TestOutcome }
  | { readonly status: 'failed'; readonly error: ErrorReport };

export interface BoxActionsState {
  /** The last "Test connection" per box, shown on its overview until the next one. */
  readonly tests: Readonly<Record<string, ConnectionTest>>;
  testConnection(boxId: string): Promise<void>;
  update(boxId: string, changes: { name: string; tags: string[] }): Promise<Result<Box>>;
  remove(boxId: string): Promise<Result<unknown>>;
  forget(boxId: string): void;
}

/** What the box overview does to a saved box: test it, rename or retag it, remove it from the fleet. */
export function createBoxActionsStore(api: BoxfleetApi): StoreApi<BoxActionsState> {
  const setTest = (get: () => BoxActionsState, boxId: string, test: ConnectionTest) => ({
    tests: { ...get().tests, [boxId]: test },
  });
  return createStore<BoxActionsState>()((set, get) => ({
    tests: {},
    async testConnection(boxId) {
      if (get().tests[boxId]?.status === 'running') return;
      set(setTest(get, boxId, { status: 'running' }));
      const result = await api.boxes.test({ boxId });
      set(
        setTest(
          get,
          boxId,
          result.ok
            ? { status: 'passed', outcome: result.value }
            : { status: 'failed', error: describeError(result.error) },
        ),
      );
    },
    update(boxId, changes) {
      return api.boxes.update({ boxId, ...changes });
    },
    async remove(boxId) {
      const result = await api.boxes.remove({ boxId });
      if (result.ok) get().forget(boxId);
      return result;
    },
    forget(boxId) {
      set({ tests: omitKey(get().tests, boxId) });
    },
  }));
}
