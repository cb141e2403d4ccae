import type { StoreApi } from 'zustand/vanilla';
import type { BoxfleetClient } from '../../src-shared/contract/client';
import type { ConnectionTransport } from '../transport/websocket-transport';
import { createAddServerStore, type AddServerState } from './add-server-store';
import { createAppStore, type AppState } from './app-store';
import { createBoxActionsStore, type BoxActionsState } from './box-actions-store';
import { createConnectionStore, type ConnectionStoreState } from './connection-store';
import { createFleetStore, type FleetState } from './fleet-store';
import { createMailboxesStore, type MailboxesState } from './mailboxes-store';
import { createNavigationStore, type NavigationState } from './navigation-store';

/** One store per domain, created once at start-up around the client the app was given. */
export interface Stores {
  readonly app: StoreApi<AppState>;
  readonly fleet: StoreApi<FleetState>;
  readonly navigation: StoreApi<NavigationState>;
  readonly connection: StoreApi<ConnectionStoreState>;
  readonly addServer: StoreApi<AddServerState>;
  readonly boxActions: StoreApi<BoxActionsState>;
  readonly mailboxes: StoreApi<MailboxesState>;
}

export function createStores(client: BoxfleetClient, transport: ConnectionTransport): Stores {
  const fleet = createFleetStore(client.api);
  const navigation = createNavigationStore();
  const boxActions = createBoxActionsStore(client.api);
  const stores: Stores = {
    app: createAppStore(client.api),
    fleet,
    navigation,
    connection: createConnectionStore(transport),
    // The new box is in the list and selected by the time the dialog closes.
    addServer: createAddServerStore(client.api, {
      onSaved: async (box) => {
        await fleet.getState().load();
        navigation.getState().openBox(box.id);
      },
    }),
    boxActions,
    mailboxes: createMailboxesStore(client.api, {
      onFailure: (boxId, error) => boxActions.getState().noteFailure(boxId, error),
    }),
  };
  client.on('boxes.changed', () => void stores.fleet.getState().load());
  stores.fleet.subscribe((fleet) => {
    const selected = stores.navigation.getState().selectedBoxId;
    if (fleet.status === 'ready' && selected !== null && !fleet.boxes.some((box) => box.id === selected)) {
      stores.navigation.getState().forgetBox(selected);
    }
    if (fleet.status !== 'ready') return;
    const known = new Set(fleet.boxes.map((box) => box.id));
    for (const boxId of Object.keys(stores.mailboxes.getState().byBox)) {
      if (!known.has(boxId)) stores.mailboxes.getState().forget(boxId);
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
