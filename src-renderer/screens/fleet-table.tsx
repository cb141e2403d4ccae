import { useEffect, useRef, type KeyboardEvent } from 'react';
import { AddressText } from '../components/address-text';
import { formatAddress } from '../format';
import type { FleetRow, SortKey, SortOrder } from '../stores/fleet-rows';
import {
  BackupCell,
  ChecksCell,
  DiskCell,
  QueueCell,
  ReachabilityCell,
  SystemCell,
  TlsCell,
  VersionCell,
} from './fleet-cells';
import { useRowVirtualizer } from './fleet-virtualizer';

interface Props {
  readonly rows: readonly FleetRow[];
  readonly now: number;
  readonly sort: SortOrder;
  readonly onSort: (key: SortKey) => void;
  readonly activeBoxId: string | null;
  readonly onActive: (boxId: string) => void;
  readonly onOpen: (boxId: string) => void;
}

const COLUMNS: ReadonlyArray<{ key: SortKey; label: string; className: string }> = [
  { key: 'name', label: 'Name', className: 'col-name' },
  { key: 'host', label: 'Host', className: 'col-host' },
  { key: 'version', label: 'Mail-in-a-Box', className: 'col-version' },
  { key: 'reachability', label: 'Reachable', className: 'col-reach' },
  { key: 'checks', label: 'Status checks', className: 'col-checks' },
  { key: 'disk', label: 'Disk', className: 'col-num' },
  { key: 'queue', label: 'Queue', className: 'col-num' },
  { key: 'backup', label: 'Last backup', className: 'col-backup' },
  { key: 'tls', label: 'TLS expiry', className: 'col-tls' },
  { key: 'system', label: 'System', className: 'col-system' },
];

/** Rows are about this tall; real heights are measured as rows render. */
const ROW_ESTIMATE = 64;

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

/**
 * Every box at a glance, however many: only the rows in view are in the document (spacer rows keep the scroll
 * height). One row is the tab stop; the arrow keys, Page Up/Down, Home and End move between rows, Enter opens the
 * box. Box-supplied text is rendered as text, never as HTML.
 */
export function FleetTable({ rows, now, sort, onSort, activeBoxId, onActive, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const focusWanted = useRef(false);
  const virtualizer = useRowVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => rows[index]?.box.id ?? index,
    overscan: 8,
  });
  const activeIndex = Math.max(
    0,
    rows.findIndex((row) => row.box.id === activeBoxId),
  );

  // After a key moved the active row, focus its button once it is rendered (it may have been scrolled into view).
  useEffect(() => {
    if (!focusWanted.current) return;
    const id = rows[activeIndex]?.box.id;
    const button =
      id === undefined ? null : scroller.current?.querySelector<HTMLElement>(`[data-box-id="${CSS.escape(id)}"]`);
    if (button) {
      focusWanted.current = false;
      button.focus({ preventScroll: true });
    }
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_ESTIMATE) / ROW_ESTIMATE) - 1);
    const next = moveKey(event.key, activeIndex, rows.length, page);
    if (next === null || rows.length === 0) return;
    event.preventDefault();
    const id = rows[next]?.box.id;
    if (id === undefined) return;
    focusWanted.current = true;
    onActive(id);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div className="table-wrap fleet-scroller" ref={scroller}>
      <table className="table fleet-table" aria-rowcount={rows.length + 1}>
        <caption className="sr-only">Boxes in your fleet</caption>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((column) => {
              const sorted = sort.key === column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={column.className}
                  aria-sort={sorted ? sort.direction : undefined}
                >
                  <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
                    {column.label}
                    <span className="sort-arrow" aria-hidden="true">
                      {sorted ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {before > 0 ? (
            <tr className="spacer" aria-hidden="true" style={{ height: before }}>
              <td colSpan={COLUMNS.length} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const { box, health } = row;
            return (
              <tr
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                className={`fleet-row state-${row.state}`}
              >
                <th scope="row" className="col-name">
                  <button
                    type="button"
                    className="link-button"
                    data-box-id={box.id}
                    tabIndex={item.index === activeIndex ? 0 : -1}
                    onFocus={() => onActive(box.id)}
                    onClick={() => onOpen(box.id)}
                  >
                    {box.name}
                  </button>
                  {row.problems.length > 0 ? (
                    <span className="sr-only">Needs attention: {row.problems.join(', ')}.</span>
                  ) : null}
                  {box.tags.length > 0 ? (
                    <ul className="tags" aria-label={`Tags of ${box.name}`}>
                      {box.tags.map((tag) => (
                        <li key={tag} className="tag">
                          {tag}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </th>
                <td className="col-host">
                  <code>
                    <AddressText address={formatAddress(box)} />
                  </code>
                </td>
                <td className="col-version">
                  <VersionCell row={row} />
                </td>
                <td className="col-reach">
                  <ReachabilityCell row={row} />
                </td>
                <td className="col-checks">
                  <ChecksCell health={health} now={now} />
                </td>
                <td className="col-num">
                  <DiskCell health={health} />
                </td>
                <td className="col-num">
                  <QueueCell health={health} />
                </td>
                <td className="col-backup">
                  <BackupCell health={health} now={now} />
                </td>
                <td className="col-tls">
                  <TlsCell health={health} now={now} />
                </td>
                <td className="col-system">
                  <SystemCell health={health} />
                </td>
              </tr>
            );
          })}
          {after > 0 ? (
            <tr className="spacer" aria-hidden="true" style={{ height: after }}>
              <td colSpan={COLUMNS.length} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
