import { createHashRouter, createMemoryRouter, type DataRouter } from 'react-router';
import { ROUTE_OBJECTS } from './routes';

/** The part of react-router's router the navigation store uses. */
export type NavigationRouter = Pick<DataRouter, 'state' | 'navigate' | 'subscribe'>;

/**
 * The router behind the navigation store. Both faces keep the screen in the URL's hash (`#/box/<id>/mailboxes`):
 * the page is one file served from app://boxfleet or from browser mode's loopback server, neither of which knows
 * the app's paths, and browser mode's start-up link only ever changes the query, never the hash. Without a window
 * (unit tests) the history is kept in memory.
 */
export function createNavigationRouter(initialPath?: string): NavigationRouter {
  if (typeof window === 'undefined' || initialPath !== undefined) {
    return createMemoryRouter(ROUTE_OBJECTS, { initialEntries: [initialPath ?? '/'] });
  }
  return createHashRouter(ROUTE_OBJECTS);
}
