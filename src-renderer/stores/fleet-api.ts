import type { Transport } from '../../src-shared/contract/client';
import { listMethods, type Api, type ContractTree } from '../../src-shared/contract/define';
import { checksMethods, fleetMethods } from '../../src-shared/contract/fleet';
import { fail, resultSchema, type Result } from '../../src-shared/contract/result';

const FLEET_TREE = { fleet: fleetMethods, checks: checksMethods };
export type FleetApi = Api<typeof FLEET_TREE>;

/**
 * The fleet and checks groups of the contract as a typed client, checked like createClient's. The groups join
 * `contract` together with their handlers in main; until then a call answers `not-supported` from main's router,
 * which the screens show as an error with its next step. Once they are in `contract`, `client.api` serves the same.
 */
export function createFleetApi(transport: Transport): FleetApi {
  const root: Record<string, Record<string, unknown>> = {};
  for (const [name, def] of listMethods(FLEET_TREE as unknown as ContractTree)) {
    const [group, ...rest] = name.split('.');
    if (group === undefined) continue;
    const answer = resultSchema(def.response);
    let node = (root[group] ??= {});
    for (const part of rest.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[rest.at(-1) as string] = async (request?: unknown): Promise<Result<unknown>> => {
      try {
        const parsed = answer.safeParse(await transport.invoke(name, request ?? {}));
        return parsed.success
          ? (parsed.data as Result<unknown>)
          : fail('internal', `The answer to ${name} did not match the contract.`);
      } catch (error) {
        return fail(
          'internal',
          `Could not reach the Boxfleet core: ${error instanceof Error ? error.message : String(error)}`,
          {
            retryable: true,
          },
        );
      }
    };
  }
  return root as unknown as FleetApi;
}
