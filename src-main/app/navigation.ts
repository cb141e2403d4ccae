import { allowedExternalUrl } from './external-links';
import { isAppUrl } from './trusted-sender';

export type NavigationDecision =
  | { readonly action: 'allow' }
  | { readonly action: 'open-external'; readonly url: string }
  | { readonly action: 'deny' };

/**
 * What to do when a page tries to navigate or open a window. Our own window stays on app:// (`allow` only for
 * in-page navigation, never for new windows); allow-listed https links go to the OS browser; all else is dropped.
 */
export function decideNavigation(targetUrl: string, kind: 'navigate' | 'new-window'): NavigationDecision {
  if (kind === 'navigate' && isAppUrl(targetUrl)) return { action: 'allow' };
  const external = allowedExternalUrl(targetUrl);
  return external === null ? { action: 'deny' } : { action: 'open-external', url: external };
}
