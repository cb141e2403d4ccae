import type { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppError, BoxfleetApi } from '../../src-shared/contract';
import type { boxesMethods } from '../../src-shared/contract/boxes';
import type { Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import { describeError, type ErrorReport } from '../errors/error-guidance';
import { sameFingerprint } from './add-server-form';
import { hostKeyFromError, type HostKeyCheck } from './host-key-error';
import { omitKey } from './omit-key';

export type TestOutcome = z.output<typeof boxesMethods.test.response>;

export type ConnectionTest =
  | { readonly status: 'running' }
  | { readonly status: 'passed'; readonly outcome: TestOutcome }
  /** `changedKey` is set when the box presented another host key than the one on record: a hard stop. */
  | { readonly status: 'failed'; readonly error: ErrorReport; readonly changedKey?: HostKeyCheck };

export interface BoxActionsState {
  /** The last "Test connection" per box, shown on its overview until the next one. */
  readonly tests: Readonly<Record<string, ConnectionTest>>;
  testConnection(boxId: string): Promise<void>;
  /**
   * After the stop for a changed host key: trust the new key and test again. The admin must have typed the new
   * fingerprint; anything else is refused here, not only in the UI. False when refused.
   */
  trustNewHostKey(boxId: string, typedFingerprint: string): Promise<boolean>;
  /** A call elsewhere (e.g. a mailboxes list) met a changed host key: show the same stop on the overview. */
  noteFailure(boxId: string, error: AppError): void;
  update(boxId: string, changes: { name: string; tags: string[] }): Promise<Result<Box>>;
  remove(boxId: string): Promise<Result<unknown>>;
  forget(boxId: string): void;
}

function failed(error: AppError): ConnectionTest {
  const key = error.code === 'host-key-mismatch' ? hostKeyFromError(error) : null;
  return key
    ? { status: 'failed', error: describeError(error), changedKey: key }
    : { status: 'failed', error: describeError(error) };
}

/** What the box overview does to a saved box: test it, rename or retag it, remove it from the fleet. */
export function createBoxActionsStore(api: BoxfleetApi): StoreApi<BoxActionsState> {
  return createStore<BoxActionsState>()((set, get) => {
    const setTest = (boxId: string, test: ConnectionTest) => set({ tests: { ...get().tests, [boxId]: test } });
    const run = async (boxId: string, acceptHostKey?: string): Promise<void> => {
      setTest(boxId, { status: 'running' });
      const result = await api.boxes.test(acceptHostKey ? { boxId, acceptHostKey } : { boxId });
      setTest(boxId, result.ok ? { status: 'passed', outcome: result.value } : failed(result.error));
    };
    return {
      tests: {},
      async testConnection(boxId) {
        if (get().tests[boxId]?.status === 'running') return;
        await run(boxId);
      },
      async trustNewHostKey(boxId, typedFingerprint) {
        const test = get().tests[boxId];
        if (test?.status !== 'failed' || !test.changedKey) return false;
        if (!sameFingerprint(typedFingerprint, test.changedKey.fingerprint)) return false;
        await run(boxId, test.changedKey.fingerprint);
        return true;
      },
      noteFailure(boxId, error) {
        if (error.code === 'host-key-mismatch' && get().tests[boxId]?.status !== 'running')
          setTest(boxId, failed(error));
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
    };
  });
}
