import { fail, ok, type ContractHandlers } from '../../src-shared/contract';
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

// WIP(issue 4): replaced by the box connector once the SSH and keychain services land.
const pending = async () => fail('not-supported', 'Not available yet.');

/** Contract method → service call. Kept thin: validation happened in the router, logic lives in the services. */
export function createHandlers(deps: HandlerDeps): ContractHandlers<CallContext> {
  return {
    app: {
      info: async () => ok({ ...deps.info, problems: [...deps.problems] }),
    },
    boxes: {
      list: () => deps.fleet.list(),
      get: ({ boxId }) => deps.fleet.find(boxId),
      probe: pending,
      generateKey: pending,
      connect: pending,
      save: pending,
      discard: pending,
      update: pending,
      remove: pending,
      test: pending,
      sshConfigHosts: pending,
    },
    mailboxes: { users: { list: pending } },
  };
}
