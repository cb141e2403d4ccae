import type { Result } from '../../src-shared/contract/result';
import { statusChecksSchema, type StatusItem } from '../../src-shared/domain/miab';
import type { ApiCaller } from '../box/api-request';
import { json } from '../box/routes/helpers';

/** Runs the box's status checks (§4.8.3); injected into the service so tests can stand in for a box. */
export type RunStatusChecks = (boxId: string, signal: AbortSignal) => Promise<Result<StatusItem[]>>;

/**
 * `POST /system/status` with the slow route's long timeout (it holds the box's only API worker for tens of seconds
 * or minutes) and the job's signal, so cancelling frees our side at once.
 */
export function statusChecksOver(api: (boxId: string) => Promise<Result<ApiCaller>>): RunStatusChecks {
  return async (boxId, signal) => {
    const caller = await api(boxId);
    if (!caller.ok) return caller;
    return json(caller.value, { method: 'POST', path: '/system/status', speed: 'slow', signal }, statusChecksSchema);
  };
}
