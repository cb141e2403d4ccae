import type { StoreApi } from 'zustand/vanilla';
import type { BoxfleetClient } from '../../src-shared/contract/client';
import type { ConnectionTransport } from '../transport/websocket-transport';
import { createAppStore, type AppState } from './app-store';
import { createConnectionStore, type ConnectionStoreState } from './connection-store';
import { createFleetStore, type FleetState } from './fleet-store';
import { createNavigationStore, type NavigationState } from './navigation-store';

/** One store per domain, created once at start-up around the client the app was given. */
export interface Stores {
  readonly app: StoreApi<AppState>;
  readonly fleet: StoreApi<FleetState>;
  readonly navigation: StoreApi<NavigationState>;
  readonly connection: StoreApi<ConnectionStoreState>;
}

export function createStores(client: BoxfleetClient, transport: ConnectionTransport): Stores {
  const stores: Stores = {
    app: createAppStore(client.api),
    fleet: createFleetStore(client.api),
    navigation: createNavigationStore(),
    connection: createConnectionStore(transport),
  };
  client.on('boxes.changed', () => void stores.fleet.getState().load());
  stores.fleet.subscribe((fleet) => {
    const selected = stores.navigation.getState().selectedBoxId;
    if (fleet.status === 'ready' && selected !== null && !fleet.boxes.some((box) => box.id === selected)) {
      stores.navigation.getState().forgetBox(selected);
    }
  });
  // After the core comes back, fetch again what could not be fetched while it was away.
  stores.connection.subscribe((now, before) => {
    if (now.state !== 'open' || before.state === 'open') return;
    if (stores.fleet.getState().status === 'failed') void stores.fleet.getState().load();
    if (stores.app.getState().info === null) void stores.app.getState().load();
  });
  return stores;
}
