import { contract, listMethods, type BoxfleetApi } from './index';
import { fail, resultSchema, type Result } from './result';
import { events, type EventName, type EventPayload } from './events';

/** How a client reaches main: Electron's preload, or browser mode's WebSocket. Screens never see which. */
export interface Transport {
  invoke(method: string, request: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export interface BoxfleetClient {
  readonly api: BoxfleetApi;
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
}

type Node = { [key: string]: Node | ((request?: unknown) => Promise<Result<unknown>>) };

/**
 * Builds the domain-shaped api (`api.boxes.list()`) over any transport.
 * Answers are checked against the contract here too, so a bug in main shows up as a clear `internal` error.
 */
export function createClient(transport: Transport): BoxfleetClient {
  const root: Node = {};
  for (const [name, def] of listMethods(contract)) {
    const parts = name.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === undefined) node[part] = {};
      node = node[part] as Node;
    }
    const answer = resultSchema(def.response);
    node[parts[parts.length - 1] as string] = async (request?: unknown): Promise<Result<unknown>> => {
      let raw: unknown;
      try {
        raw = await transport.invoke(name, request ?? {});
      } catch (error) {
        return fail(
          'internal',
          `Could not reach the Boxfleet core: ${error instanceof Error ? error.message : String(error)}`,
          {
            retryable: true,
          },
        );
      }
      const parsed = answer.safeParse(raw);
      if (!parsed.success) return fail('internal', `The answer to ${name} did not match the contract.`);
      return parsed.data as Result<unknown>;
    };
  }
  return {
    api: root as unknown as BoxfleetApi,
    on(name, listener) {
      const schema = events[name].payload;
      return transport.subscribe(name, (payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof name>);
      });
    },
  };
}
