/**
 * Arrow-key movement between sidebar entries, on top of Tab: Up/Down step (wrapping), Home/End jump.
 * Returns the index to focus, or null when the key is not ours.
 */
export function nextNavIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count;
    case 'ArrowUp':
      return current < 0 ? count - 1 : (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
