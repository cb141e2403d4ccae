import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoxSectionId } from '../sections';

/** Where the user is. A box view names the box and, once sections work, which of its sections is open. */
export type View =
  | { readonly screen: 'fleet' }
  | { readonly screen: 'box'; readonly boxId: string; readonly section: 'overview' | BoxSectionId };

export interface NavigationState {
  readonly view: View;
  /** The box whose sections the sidebar shows; stays selected while the user is back on the fleet. */
  readonly selectedBoxId: string | null;
  showFleet(): void;
  openBox(boxId: string, section?: 'overview' | BoxSectionId): void;
  /** Forget a box that disappeared from the registry. */
  forgetBox(boxId: string): void;
}

export function createNavigationStore(): StoreApi<NavigationState> {
  return createStore<NavigationState>()((set, get) => ({
    view: { screen: 'fleet' },
    selectedBoxId: null,
    showFleet: () => set({ view: { screen: 'fleet' } }),
    openBox: (boxId, section = 'overview') => set({ view: { screen: 'box', boxId, section }, selectedBoxId: boxId }),
    forgetBox: (boxId) => {
      const { view, selectedBoxId } = get();
      if (selectedBoxId !== boxId) return;
      set({ selectedBoxId: null, view: view.screen === 'box' ? { screen: 'fleet' } : view });
    },
  }));
}
