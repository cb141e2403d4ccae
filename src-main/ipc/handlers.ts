import { ok, type ContractHandlers } from '../../src-shared/contract';
import type { AppInfo, StoreProblem } from '../../src-shared/contract/app';
import type { FleetService } from '../fleet/fleet-service';

/** Which face a call came through; handlers may refuse things a face must not do. */
export interface CallContext {
  face: 'desktop' | 'browser' | 'cli';
}

export interface HandlerDeps {
  info: Omit<AppInfo, 'problems'>;
  problems: readonly StoreProblem[];
  fleet: FleetService;
}

/** Contract method → service call. Kept thin: validation happened in the router, logic lives in the services. */
export function createHandlers(deps: HandlerDeps): ContractHandlers<CallContext> {
  return {
    app: {
      info: async () => ok({ ...deps.info, problems: [...deps.problems] }),
    },
    boxes: {
      list: () => deps.fleet.list(),
    },
  };
}
