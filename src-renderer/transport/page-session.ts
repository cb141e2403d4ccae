import { WS_CLOSE } from '../../src-shared/contract/wire';
import type { SessionCredentials } from './websocket-transport';

/** Where the page keeps browser mode's session secret: per tab and per origin (so per port), and across reloads. */
export const SESSION_STORAGE_KEY = 'boxfleet.session';

/** The parts of `window` the page session needs, so tests can pass their own. */
export interface PageWindow {
  readonly location: { readonly pathname: string; readonly search: string; readonly hash: string };
  readonly history: { readonly state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  readonly sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

function readStored(win: PageWindow): string | null {
  try {
    return win.sessionStorage.getItem(SESSION_STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * Browser mode's credentials, held by the page and never in a cookie (cookies reach every port on 127.0.0.1). The
 * one-time token is taken from the address bar at start-up and removed from it (and so from history) at once,
 * keeping the rest of the URL, the `#/...` route included. The session secret the core gives for it lives in
 * sessionStorage, so a reload keeps working. A token wins over a stored secret, as it may be a newer link; if it
 * is refused (the same link opened again in this tab), the stored secret is tried next.
 */
export function pageSessionCredentials(win: PageWindow): SessionCredentials {
  const params = new URLSearchParams(win.location.search);
  let token = params.get('token');
  if (token !== null) {
    params.delete('token');
    const search = params.toString();
    const url = `${win.location.pathname}${search ? `?${search}` : ''}${win.location.hash}`;
    win.history.replaceState(win.history.state, '', url);
  }
  let memory: string | null = null;
  return {
    hello() {
      if (token) return { token };
      const session = memory ?? readStored(win);
      return session ? { session } : null;
    },
    remember(session) {
      token = null;
      memory = session;
      try {
        win.sessionStorage.setItem(SESSION_STORAGE_KEY, session);
      } catch {
        // Storage may be off; the secret in memory still serves this page until it is reloaded.
      }
    },
    refused(code) {
      if (code !== WS_CLOSE.tokenRefused || token === null || (memory ?? readStored(win)) === null) return false;
      token = null;
      return true;
    },
  };
}
