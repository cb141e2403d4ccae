/**
 * Which links may leave the app for the OS browser. Everything a box returns is untrusted, so a link in it must
 * not be able to launch `file:`, `smb:`, custom handlers or a look-alike host: only https to hosts listed here.
 */
export const ALLOWED_EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'github.com',
  'mailinabox.email',
  'discourse.mailinabox.email',
  'letsencrypt.org',
]);

/** The README the Help menu opens. */
export const README_URL = 'https://github.com/boxfleet/boxfleet#readme';

/** Returns the normalised URL to open, or null when the link must stay closed. */
export function allowedExternalUrl(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.port !== '') return null;
  if (!ALLOWED_EXTERNAL_HOSTS.has(url.hostname)) return null;
  return url.toString();
}

export function isAllowedExternalUrl(candidate: string): boolean {
  return allowedExternalUrl(candidate) !== null;
}
