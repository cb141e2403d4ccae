import type { Transport } from '../../src-shared/contract/client';

/**
 * What Electron's preload puts on `window.boxfleet`: the contract as nested methods
 * (`boxes.list(request)`) plus `events.subscribe(name, listener) → unsubscribe`.
 */
export interface PreloadBridge {
  readonly events: { subscribe(name: string, listener: (payload: unknown) => void): () => void };
  readonly [domain: string]: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/** True when `value` looks like the preload API (checked at run time: the renderer trusts no global blindly). */
export function isPreloadBridge(value: unknown): value is PreloadBridge {
  return isObject(value) && isObject(value['events']) && typeof value['events']['subscribe'] === 'function';
}

/** Looks up `domain.verb` in the bridge; the bridge only has the contract's methods, so this is not a generic invoke. */
function findMethod(bridge: PreloadBridge, method: string): (request: unknown) => unknown {
  let node: unknown = bridge;
  let owner: unknown = undefined;
  for (const part of method.split('.')) {
    if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, part)) {
      throw new Error(`The desktop bridge has no method ${method}. Update Boxfleet so its parts match.`);
    }
    owner = node;
    node = node[part];
  }
  if (typeof node !== 'function') {
    throw new Error(`The desktop bridge has no method ${method}. Update Boxfleet so its parts match.`);
  }
  const fn = node;
  return (request) => Reflect.apply(fn, owner, [request]);
}

/** Electron's transport: every call goes through the preload's named methods. */
export function createPreloadTransport(bridge: PreloadBridge): Transport {
  return {
    async invoke(method, request) {
      return findMethod(bridge, method)(request);
    },
    subscribe(event, listener) {
      return bridge.events.subscribe(event, listener);
    },
  };
}
