import { APP_HOST, APP_SCHEME } from './window-options';

/** What an IPC event tells us about who sent it, lifted out of Electron's event so the rule can be tested. */
export interface SenderFacts {
  /** webContents id of the sender. */
  readonly webContentsId: number;
  /** URL of the sending frame, or null when the frame is gone (navigated away or destroyed). */
  readonly frameUrl: string | null;
  /** True when the sending frame is the top frame of its page. */
  readonly isTopFrame: boolean;
}

/**
 * A call is trusted only when it comes from the top frame of one of our own windows while that frame shows our
 * own app:// origin. Anything else (a subframe, a page the window was tricked into loading, a window we did not
 * create) is refused before the router sees it.
 */
export function isTrustedSender(facts: SenderFacts, trustedWebContentsIds: ReadonlySet<number>): boolean {
  if (!trustedWebContentsIds.has(facts.webContentsId)) return false;
  if (!facts.isTopFrame || facts.frameUrl === null) return false;
  return isAppUrl(facts.frameUrl);
}

/** True for URLs of our own renderer, `app://boxfleet/...`. */
export function isAppUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}
