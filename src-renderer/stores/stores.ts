import type { StoreApi } from 'zustand/vanilla';
import type { BoxfleetClient } from '../../src-shared/contract/client';
import { createNavigationRouter, type NavigationRouter } from '../routes-router';
import type { ConnectionTransport } from '../transport/websocket-transport';
import { createAddServerStore, type AddServerState } from './add-server-store';
import { createAlertsStore, type AlertsState } from './alerts-store';
import { createAliasesStore, type AliasesState } from './aliases-store';
import { createAppStore, type AppState } from './app-store';
import { createBoxActionsStore, type BoxActionsState } from './box-actions-store';
import { createConnectionStore, type ConnectionStoreState } from './connection-store';
import { createDnsCheckStore, type DnsCheckState } from './dns-check-store';
import { createDnsStore, type DnsState } from './dns-store';
import { createChecksStore, type ChecksState } from './checks-store';
import { createFleetHealthStore, type FleetHealthState } from './fleet-health-store';
import { createFleetStore, type FleetState } from './fleet-store';
import { createFleetViewStore, type FleetViewState } from './fleet-view-store';
import { createInstallRunsStore, type InstallRunsState } from './install-runs-store';
import { createInstallWizardStore, type InstallWizardState } from './install-wizard-store';
import { documentVisibility, reportVisibility, type PageVisibility } from './fleet-visibility';
import { createJobsStore, type JobsState } from './jobs-store';
import { createMailFleetStore, type MailFleetState } from './mail-fleet-store';
import { createMailTransferStore, type TransferState } from './mail-transfer-store';
import { createUserEditStore, type UserEditState } from './mailboxes-edit-store';
import { createMailboxesStore, type MailboxesState } from './mailboxes-store';
import { createNavigationStore, type NavigationState } from './navigation-store';
import { browserNotifications, type PageNotifications } from './page-notifications';

/** One store per domain, created once at start-up around the client the app was given. */
export interface Stores {
  readonly app: StoreApi<AppState>;
  readonly fleet: StoreApi<FleetState>;
  readonly navigation: StoreApi<NavigationState>;
  readonly connection: StoreApi<ConnectionStoreState>;
  readonly addServer: StoreApi<AddServerState>;
  readonly boxActions: StoreApi<BoxActionsState>;
  readonly mailboxes: StoreApi<MailboxesState>;
  readonly userEdit: StoreApi<UserEditState>;
  readonly fleetHealth: StoreApi<FleetHealthState>;
  readonly fleetView: StoreApi<FleetViewState>;
  readonly checks: StoreApi<ChecksState>;
  readonly jobs: StoreApi<JobsState>;
  readonly alerts: StoreApi<AlertsState>;
  readonly aliases: StoreApi<AliasesState>;
  readonly mailFleet: StoreApi<MailFleetState>;
  readonly mailTransfer: StoreApi<TransferState>;
  readonly dns: StoreApi<DnsState>;
  readonly dnsCheck: StoreApi<DnsCheckState>;
  readonly installWizard: StoreApi<InstallWizardState>;
  readonly installRuns: StoreApi<InstallRunsState>;
}

export function createStores(
  client: BoxfleetClient,
  transport: ConnectionTransport,
  router: NavigationRouter = createNavigationRouter(),
  /** The page's Notifications API; used in browser mode only (see alerts-store). */
  pageNotifications: PageNotifications = browserNotifications(),
  /** Whether the window can be seen, told to main for the schedule's pause while hidden; none in unit tests. */
  page: PageVisibility | null = documentVisibility(),
): Stores {
  const fleet = createFleetStore(client.api);
  const navigation = createNavigationStore(router);
  const boxActions = createBoxActionsStore(client.api);
  const installRuns = createInstallRunsStore(client.api, {
    // The new box joined the fleet (or a re-run changed its version): read the list again.
    onSucceeded: () => void fleet.getState().load(),
  });
  const mailboxes = createMailboxesStore(client.api, {
    onFailure: (boxId, error) => boxActions.getState().noteFailure(boxId, error),
  });
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
    mailboxes,
    userEdit: createUserEditStore(client.api, {
      hasUsers: (boxId) => (mailboxes.getState().byBox[boxId]?.data ?? []).some((group) => group.users.length > 0),
      defaultQuota: (boxId) => mailboxes.getState().capabilities[boxId]?.data?.defaultQuota ?? null,
      // Until the box has said, offer the field: the box refuses a quota it cannot keep, in its own words.
      quotas: (boxId) => mailboxes.getState().capabilities[boxId]?.data?.quotas ?? true,
      changed: (boxId) => {
        void mailboxes.getState().load(boxId);
        if (mailboxes.getState().domains[boxId]?.data) void mailboxes.getState().loadDomains(boxId);
      },
    }),
    fleetHealth: createFleetHealthStore(client.api),
    fleetView: createFleetViewStore(),
    checks: createChecksStore(client.api),
    jobs: createJobsStore(client.api),
    alerts: createAlertsStore(client.api, {
      notifications: pageNotifications,
      pageShowsNotifications: () => stores.app.getState().info?.mode === 'browser',
    }),
    aliases: createAliasesStore(client.api, {
      onFailure: (boxId, error) => boxActions.getState().noteFailure(boxId, error),
    }),
    mailFleet: createMailFleetStore(client.api),
    dns: createDnsStore(client.api, {
      onFailure: (boxId, error) => boxActions.getState().noteFailure(boxId, error),
    }),
    dnsCheck: createDnsCheckStore(client.api),
    installRuns,
    installWizard: createInstallWizardStore(client.api, {
      onStarted: (installId, jobId) => {
        installRuns.getState().follow(installId, jobId);
        navigation.getState().showInstall(installId);
      },
      onSavedExisting: async (box) => {
        await fleet.getState().load();
        navigation.getState().openBox(box.id);
      },
    }),
    mailTransfer: createMailTransferStore(client.api, {
      // An import changed the box's lists: read the one it changed again, if it was read.
      onImported: (boxId, kind) => {
        if (kind === 'aliases' && stores.aliases.getState().byBox[boxId]) void stores.aliases.getState().load(boxId);
        if (kind === 'users' && stores.mailboxes.getState().byBox[boxId]) void stores.mailboxes.getState().load(boxId);
      },
    }),
  };
  client.on('alerts.changed', (change) => stores.alerts.getState().changed(change));
  client.on('jobs.progress', (info) => stores.jobs.getState().apply(info));
  client.on('boxes.changed', () => {
    void stores.fleet.getState().load();
    // Main forgets a removed box's alerts; read the list again if it was read.
    if (stores.alerts.getState().list.data !== null) void stores.alerts.getState().load();
  });
  client.on('fleet.health', (health) => stores.fleetHealth.getState().observe(health));
  client.on('jobs.progress', (job) => {
    stores.fleetHealth.getState().noteJob(job);
    stores.checks.getState().noteJob(job);
    stores.mailTransfer.getState().noteJob(job);
    stores.dnsCheck.getState().noteJob(job);
    stores.installRuns.getState().noteJob(job);
  });
  // A box that was in the fleet and is gone (removed here or elsewhere) is forgotten. An id the fleet never had (a
  // stale link) is left alone, so its screen can say there is no such box.
  let listed = new Set<string>();
  stores.fleet.subscribe((fleet) => {
    if (fleet.status !== 'ready') return;
    const known = new Set(fleet.boxes.map((box) => box.id));
    const selected = stores.navigation.getState().selectedBoxId;
    if (selected !== null && listed.has(selected) && !known.has(selected)) {
      stores.navigation.getState().forgetBox(selected);
    }
    listed = known;
    for (const boxId of Object.keys(stores.mailboxes.getState().byBox)) {
      if (!known.has(boxId)) stores.mailboxes.getState().forget(boxId);
    }
    for (const boxId of Object.keys(stores.aliases.getState().byBox)) {
      if (!known.has(boxId)) stores.aliases.getState().forget(boxId);
    }
    for (const key of Object.keys(stores.mailTransfer.getState().imports)) {
      const boxId = key.split('\n')[1] ?? '';
      if (!known.has(boxId)) stores.mailTransfer.getState().forget(boxId);
    }
    for (const boxId of new Set([
      ...Object.keys(stores.dns.getState().capabilities),
      ...Object.keys(stores.dns.getState().records),
      ...Object.keys(stores.dnsCheck.getState().last),
    ])) {
      if (!known.has(boxId)) {
        stores.dns.getState().forget(boxId);
        stores.dnsCheck.getState().forget(boxId);
      }
    }
    for (const boxId of Object.keys(stores.checks.getState().byBox)) {
      if (!known.has(boxId)) stores.checks.getState().forget(boxId);
    }
    for (const boxId of Object.keys(stores.fleetHealth.getState().health.data ?? {})) {
      if (!known.has(boxId)) stores.fleetHealth.getState().forget(boxId);
    }
  });
  const visibility = page === null ? null : reportVisibility(client.api, page);
  // After the core comes back, fetch again what could not be fetched while it was away.
  stores.connection.subscribe((now, before) => {
    if (now.state !== 'open' || before.state === 'open') return;
    visibility?.report();
    if (stores.fleet.getState().status === 'failed') void stores.fleet.getState().load();
    if (stores.app.getState().info === null) void stores.app.getState().load();
    // Alerts raised or cleared while the socket was away came with events that never arrived.
    if (stores.alerts.getState().list.data !== null) void stores.alerts.getState().load();
    // Observations may have been missed while the socket was away.
    void stores.fleetHealth.getState().load();
    // Jobs went on (or ended) while the socket was away, and their events with it: ask again.
    void stores.jobs.getState().load();
    // A followed install went on meanwhile: read where it is now.
    for (const installId of Object.keys(stores.installRuns.getState().byId)) {
      void stores.installRuns.getState().load(installId);
    }
  });
  return stores;
}
