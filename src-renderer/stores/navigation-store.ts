import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  ALERTS_VIEW,
  DNS_FLEET_VIEW,
  FLEET_VIEW,
  INSTALL_VIEW,
  pathForView,
  sameView,
  viewForPath,
  type MailFleetTab,
  type View,
} from '../routes';
import type { NavigationRouter } from '../routes-router';
import type { BoxSectionId } from '../sections';

export type { View } from '../routes';

export interface NavigationState {
  /** The screen the URL names; follows reload, Back, Forward and deep links. */
  readonly view: View;
  /** The box whose sections the sidebar shows; stays selected while the user is back on the fleet. */
  readonly selectedBoxId: string | null;
  showFleet(): void;
  showAlerts(): void;
  /** DNS across the fleet: the outside check of every box. */
  showDnsFleet(): void;
  /** Mail across the fleet, on one of its pages (search when not named). */
  showMail(tab?: MailFleetTab): void;
  /** The install wizard, or one install's progress and result. */
  showInstall(installId?: string): void;
  openBox(boxId: string, section?: 'overview' | BoxSectionId): void;
  /** Forget a box that disappeared from the registry: its screen gives way to the fleet. */
  forgetBox(boxId: string): void;
}

/**
 * Navigation backed by the router: the URL is the truth, the store mirrors it so any store or screen can read the
 * view and navigate without being inside React.
 */
export function createNavigationStore(router: NavigationRouter): StoreApi<NavigationState> {
  const initial = viewForPath(router.state.location.pathname);
  const store = createStore<NavigationState>()((set, get) => ({
    view: initial,
    selectedBoxId: initial.screen === 'box' ? initial.boxId : null,
    showFleet: () => go(FLEET_VIEW),
    showAlerts: () => go(ALERTS_VIEW),
    showDnsFleet: () => go(DNS_FLEET_VIEW),
    showMail: (tab = 'search') => go({ screen: 'mail', tab }),
    showInstall: (installId) => go(installId === undefined ? INSTALL_VIEW : { screen: 'install', installId }),
    openBox: (boxId, section = 'overview') => go({ screen: 'box', boxId, section }),
    forgetBox: (boxId) => {
      const { view, selectedBoxId } = get();
      if (selectedBoxId !== boxId) return;
      set({ selectedBoxId: null });
      // Replace rather than push, so Back does not lead to the screen of a box that is gone.
      if (view.screen === 'box' && view.boxId === boxId) go(FLEET_VIEW, true);
    },
  }));

  function show(view: View): void {
    if (sameView(view, store.getState().view)) return;
    store.setState(view.screen === 'box' ? { view, selectedBoxId: view.boxId } : { view });
  }

  function go(view: View, replace = false): void {
    const path = pathForView(view);
    if (path !== router.state.location.pathname) void router.navigate(path, { replace });
    show(view);
  }

  // Back, Forward, a typed or pasted URL. A navigation in flight still reports the old location: wait for idle.
  router.subscribe((state) => {
    if (state.navigation.state === 'idle') show(viewForPath(state.location.pathname));
  });
  return store;
}
