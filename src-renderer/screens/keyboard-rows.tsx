import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useRowVirtualizer } from './fleet-virtualizer';

function moveKey(key: string, index: number, count: number, page: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'PageDown':
      return Math.min(count - 1, index + page);
    case 'PageUp':
      return Math.max(0, index - page);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

interface Options<Row> {
  readonly rows: readonly Row[];
  /** A row's stable key: the virtualizer's item key and the row's `data-row-key`. */
  readonly keyOf: (row: Row) => string;
  readonly activeKey: string | null;
  readonly onActive: (key: string) => void;
  /** About how tall a row is; real heights are measured as rows render. Also what Page Up/Down count in. */
  readonly rowEstimate: number;
  /** Per-row estimate where rows differ (heading rows); `rowEstimate` for every row otherwise. */
  readonly estimateSize?: (index: number) => number;
}

/**
 * A virtualized table with one focus stop: the active row's element (given `focusProps`) has tabIndex 0, the others
 * -1; the arrow keys, Page Up/Down, Home and End move between rows and scroll the new one into view. Shared by the
 * fleet table and the mail users table so both move the same way.
 */
export function useKeyboardRows<Row>({ rows, keyOf, activeKey, onActive, rowEstimate, estimateSize }: Options<Row>) {
  const scroller = useRef<HTMLDivElement>(null);
  const focusWanted = useRef(false);
  const virtualizer = useRowVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: estimateSize ?? (() => rowEstimate),
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : keyOf(row);
    },
    overscan: 8,
  });
  const activeIndex =
    activeKey === null
      ? 0
      : Math.max(
          0,
          rows.findIndex((row) => keyOf(row) === activeKey),
        );

  const rowElement = (key: string) =>
    scroller.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`) ?? null;

  // After a key moved to a row that was not rendered yet, focus it once it is.
  useEffect(() => {
    if (!focusWanted.current) return;
    const row = rows[activeIndex];
    const target = row === undefined ? null : rowElement(keyOf(row));
    if (target) {
      focusWanted.current = false;
      target.focus({ preventScroll: true });
    }
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    // Keys typed in a row's controls are theirs; only the row's own focus stop moves between rows.
    const from = event.target instanceof HTMLElement ? event.target.dataset.rowKey : undefined;
    if (from === undefined) return;
    // From the row that has focus, not from state: keys pressed faster than React renders must still add up.
    const current = rows.findIndex((row) => keyOf(row) === from);
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? rowEstimate) / rowEstimate) - 1);
    const next = moveKey(event.key, current < 0 ? activeIndex : current, rows.length, page);
    const row = next === null ? undefined : rows[next];
    if (next === null || row === undefined) return;
    event.preventDefault();
    const key = keyOf(row);
    onActive(key);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    // A row already in the document takes focus at once; one scrolled into view takes it once rendered.
    const element = rowElement(key);
    if (element) element.focus({ preventScroll: true });
    else focusWanted.current = true;
  };

  /** For the element that is a row's focus stop. */
  const focusProps = (key: string, index: number) => ({
    'data-row-key': key,
    tabIndex: index === activeIndex ? 0 : -1,
    onFocus: () => onActive(key),
  });

  /** For a rendered row: measured as it renders, and numbered for assistive technology below the header row. */
  const rowProps = (index: number) => ({
    ref: virtualizer.measureElement,
    'data-index': index,
    'aria-rowindex': index + 2,
  });

  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return { scroller, items, before, after, onKeyDown, focusProps, rowProps };
}

/**
 * Stands in for the rows scrolled out of the document, so the scroll height stays that of every row. A plain element
 * in the table body, not a component: as a component (same markup) the fleet table, just moved to its end by End,
 * was at times sent back to the top before the last row rendered, so the last row never took focus.
 */
export function spacerRow(height: number, columns: number): ReactNode {
  return height > 0 ? (
    <tr className="spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={columns} />
    </tr>
  ) : null;
}
