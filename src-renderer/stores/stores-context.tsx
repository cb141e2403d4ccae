import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AddServerState } from './add-server-store';
import type { AlertsState } from './alerts-store';
import type { AliasesState } from './aliases-store';
import type { AppState } from './app-store';
import type { BoxActionsState } from './box-actions-store';
import type { ConnectionStoreState } from './connection-store';
import type { DnsCheckState } from './dns-check-store';
import type { DnsState } from './dns-store';
import type { ChecksState } from './checks-store';
import type { FleetHealthState } from './fleet-health-store';
import type { FleetState } from './fleet-store';
import type { FleetViewState } from './fleet-view-store';
import type { InstallRunsState } from './install-runs-store';
import type { InstallWizardState } from './install-wizard-store';
import type { JobsState } from './jobs-store';
import type { MailFleetState } from './mail-fleet-store';
import type { TransferState } from './mail-transfer-store';
import type { UserEditState } from './mailboxes-edit-store';
import type { MailboxesState } from './mailboxes-store';
import type { NavigationState } from './navigation-store';
import type { Stores } from './stores';

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (stores === null) throw new Error('StoresProvider is missing above this component.');
  return stores;
}

export function useApp<T>(select: (state: AppState) => T): T {
  return useStore(useStores().app, select);
}

export function useFleet<T>(select: (state: FleetState) => T): T {
  return useStore(useStores().fleet, select);
}

export function useNavigation<T>(select: (state: NavigationState) => T): T {
  return useStore(useStores().navigation, select);
}

export function useConnection<T>(select: (state: ConnectionStoreState) => T): T {
  return useStore(useStores().connection, select);
}

const AddServerScopeContext = createContext<StoreApi<AddServerState> | null>(null);

/**
 * The add-server steps below work on `store` instead of the app's "Add a server" store: the install wizard's
 * connect step is those same screens (credentials, host-key confirmation) on a store of its own.
 */
export function AddServerScope({ store, children }: { store: StoreApi<AddServerState>; children: ReactNode }) {
  return <AddServerScopeContext.Provider value={store}>{children}</AddServerScopeContext.Provider>;
}

export function useAddServer<T>(select: (state: AddServerState) => T): T {
  const stores = useStores();
  const scoped = useContext(AddServerScopeContext);
  return useStore(scoped ?? stores.addServer, select);
}

export function useInstallWizard<T>(select: (state: InstallWizardState) => T): T {
  return useStore(useStores().installWizard, select);
}

export function useInstallRuns<T>(select: (state: InstallRunsState) => T): T {
  return useStore(useStores().installRuns, select);
}

export function useBoxActions<T>(select: (state: BoxActionsState) => T): T {
  return useStore(useStores().boxActions, select);
}

export function useMailboxes<T>(select: (state: MailboxesState) => T): T {
  return useStore(useStores().mailboxes, select);
}

export function useUserEdit<T>(select: (state: UserEditState) => T): T {
  return useStore(useStores().userEdit, select);
}

export function useJobs<T>(select: (state: JobsState) => T): T {
  return useStore(useStores().jobs, select);
}

export function useFleetHealth<T>(select: (state: FleetHealthState) => T): T {
  return useStore(useStores().fleetHealth, select);
}

export function useFleetView<T>(select: (state: FleetViewState) => T): T {
  return useStore(useStores().fleetView, select);
}

export function useChecks<T>(select: (state: ChecksState) => T): T {
  return useStore(useStores().checks, select);
}

export function useAlerts<T>(select: (state: AlertsState) => T): T {
  return useStore(useStores().alerts, select);
}

export function useAliases<T>(select: (state: AliasesState) => T): T {
  return useStore(useStores().aliases, select);
}

export function useMailFleet<T>(select: (state: MailFleetState) => T): T {
  return useStore(useStores().mailFleet, select);
}

export function useMailTransfer<T>(select: (state: TransferState) => T): T {
  return useStore(useStores().mailTransfer, select);
}

export function useDns<T>(select: (state: DnsState) => T): T {
  return useStore(useStores().dns, select);
}

export function useDnsCheck<T>(select: (state: DnsCheckState) => T): T {
  return useStore(useStores().dnsCheck, select);
}
