import { contract, EVENT_NAMES, IPC_METHOD_PREFIX, listMethods, type EventName } from '../../src-shared/contract';
import { ipcEventSchema } from '../../src-shared/contract/wire';

/**
 * Builds the object the preload exposes as `window.boxfleet`, kept free of Electron so tests can walk it.
 * One function per contract method, nested like the contract (`boxes.list`), each bound to its own channel,
 * plus `events.subscribe`. There is deliberately no generic invoke: the renderer can call exactly the contract.
 */

export type Invoke = (channel: string, request: unknown) => Promise<unknown>;
/** Registers the one raw listener on IPC_EVENT_CHANNEL; called at most once. */
export type ListenRaw = (handler: (message: unknown) => void) => void;

type Listener = (payload: unknown) => void;
type ApiMethod = (request?: unknown) => Promise<unknown>;
type ApiNode = { [key: string]: ApiNode | ApiMethod };

export interface ExposedEvents {
  subscribe(name: string, listener: Listener): () => void;
}

export interface ExposedApi {
  readonly events: ExposedEvents;
  readonly [domain: string]: ApiNode | ApiMethod | ExposedEvents;
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set<string>(EVENT_NAMES);

function isEventName(name: string): name is EventName {
  return KNOWN_EVENTS.has(name);
}

function methodTree(invoke: Invoke): ApiNode {
  const root: ApiNode = {};
  for (const [name] of listMethods(contract)) {
    const parts = name.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (typeof next === 'function') throw new Error(`Contract name ${name} nests under a method.`);
      node = next ?? (node[part] = {});
    }
    const channel = `${IPC_METHOD_PREFIX}${name}`;
    // Only the request crosses: no IpcRendererEvent, no extra arguments.
    node[parts[parts.length - 1] as string] = (request?: unknown) => invoke(channel, request ?? {});
  }
  return root;
}

function eventHub(listenRaw: ListenRaw): ExposedEvents {
  const subscribers = new Map<EventName, Set<Listener>>();
  let listening = false;
  const dispatch = (message: unknown): void => {
    const parsed = ipcEventSchema.safeParse(message);
    if (!parsed.success || !isEventName(parsed.data.name)) return;
    for (const listener of subscribers.get(parsed.data.name) ?? []) listener(parsed.data.payload);
  };
  return {
    subscribe(name, listener) {
      if (!isEventName(name)) throw new TypeError(`Unknown event ${String(name)}.`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      if (!listening) {
        listenRaw(dispatch);
        listening = true;
      }
      const set = subscribers.get(name) ?? new Set<Listener>();
      subscribers.set(name, set);
      // Wrapped so subscribing the same function twice gives two independent subscriptions.
      const entry: Listener = (payload) => listener(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };
}

export function createExposedApi(invoke: Invoke, listenRaw: ListenRaw): ExposedApi {
  const tree = methodTree(invoke);
  if ('events' in tree) throw new Error('A contract domain named "events" would hide window.boxfleet.events.');
  return { ...tree, events: eventHub(listenRaw) };
}
