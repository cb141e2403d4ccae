import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionState, ConnectionTransport } from '../transport/websocket-transport';

export interface ConnectionStoreState {
  readonly state: ConnectionState;
}

/** Mirrors the transport's connection so the shell can say when the core is away, and who is reconnecting. */
export function createConnectionStore(transport: ConnectionTransport): StoreApi<ConnectionStoreState> {
  const store = createStore<ConnectionStoreState>()(() => ({ state: transport.state }));
  transport.onStateChange((state) => store.setState({ state }));
  return store;
}
