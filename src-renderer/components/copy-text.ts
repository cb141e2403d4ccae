/**
 * Copies text, preferring the async Clipboard API and falling back to `execCommand('copy')` from a hidden
 * textarea placed in `host` (inside an open modal dialog the rest of the page is inert, so it must live there).
 * Resolves false when the browser denied both; the caller then asks the user to copy by hand.
 */
export async function copyText(text: string, host: HTMLElement): Promise<boolean> {
  try {
    if (typeof navigator.clipboard?.writeText === 'function') {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or no secure context: try the old way below.
  }
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.className = 'copy-buffer';
  host.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  previous?.focus();
  return copied;
}
