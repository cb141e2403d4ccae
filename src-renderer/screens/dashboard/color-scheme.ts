import { useSyncExternalStore } from 'react';

export type ColorScheme = 'light' | 'dark';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

function current(): ColorScheme {
  return window.matchMedia(QUERY).matches ? 'dark' : 'light';
}

/**
 * The theme the OS asks for, kept current. The stylesheet follows it by itself; a canvas (the dashboard's charts)
 * paints its colours once, so it reads this to paint again when the theme changes.
 */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, current, () => 'light');
}
