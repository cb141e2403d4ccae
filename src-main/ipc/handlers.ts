import { ok, type ContractHandlers } from '../../src-shared/contract';
import type { AppInfo, StoreProblem } from '../../src-shared/contract/app';
import type { BoxConnector } from '../connect/box-connector';
import type { BoxOperations } from '../connect/box-operations';
import type { FleetService } from '../fleet/fleet-service';
import type { SshConfigHost } from '../fleet/ssh-config';
import { toMailDomains } from '../mailboxes/users-view';

/** Which face a call came through; handlers may refuse things a face must not do. */
export interface CallContext {
  face: 'desktop' | 'browser' | 'cli';
}

export interface HandlerDeps {
  info: Omit<AppInfo, 'problems'>;
  problems: readonly StoreProblem[];
  fleet: FleetService;
  connector: BoxConnector;
  boxes: BoxOperations;
  sshConfigHosts: () => Promise<SshConfigHost[]>;
}

/** Contract method → service call. Kept thin: validation happened in the router, logic lives in the services. */
export function createHandlers(deps: HandlerDeps): ContractHandlers<CallContext> {
  const { connector, boxes } = deps;
  return {
    app: {
      info: async () => ok({ ...deps.info, problems: [...deps.problems] }),
    },
    boxes: {
      list: () => deps.fleet.list(),
      get: ({ boxId }) => deps.fleet.find(boxId),
      probe: (target) => connector.probe(target),
      generateKey: async () => ok(connector.generateKey()),
      connect: (request) => connector.connect(request),
      save: ({ draftId, name, tags, replaces }) => connector.save(draftId, name, tags, replaces),
      discard: ({ draftId }) => connector.discard(draftId),
      update: ({ boxId, name, tags }) => boxes.update(boxId, { name, tags }),
      remove: ({ boxId }) => boxes.remove(boxId),
      test: ({ boxId, acceptHostKey }) => boxes.test(boxId, acceptHostKey),
      sshConfigHosts: async () => ok(await deps.sshConfigHosts()),
    },
    mailboxes: {
      users: {
        list: async ({ boxId }) => {
          const api = await boxes.api(boxId);
          if (!api.ok) return api;
          const users = await api.value.routes.users.list();
          return users.ok ? ok(toMailDomains(users.value)) : users;
        },
      },
    },
  };
}
