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
import { spacerRow, useKeyboardRows } from './keyboard-rows';

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

/**
 * Every box at a glance, however many: only the rows in view are in the document (spacer rows keep the scroll
 * height). One row is the tab stop; the arrow keys, Page Up/Down, Home and End move between rows, Enter opens the
 * box. Box-supplied text is rendered as text, never as HTML.
 */
export function FleetTable({ rows, now, sort, onSort, activeBoxId, onActive, onOpen }: Props) {
  const { scroller, items, before, after, onKeyDown, focusProps, rowProps } = useKeyboardRows({
    rows,
    keyOf: (row) => row.box.id,
    activeKey: activeBoxId,
    onActive,
    rowEstimate: ROW_ESTIMATE,
  });
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
          {spacerRow(before, COLUMNS.length)}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const { box, health } = row;
            return (
              <tr key={item.key} {...rowProps(item.index)} className={`fleet-row state-${row.state}`}>
                <th scope="row" className="col-name">
                  <button
                    type="button"
                    className="link-button"
                    data-box-id={box.id}
                    {...focusProps(box.id, item.index)}
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
          {spacerRow(after, COLUMNS.length)}
        </tbody>
      </table>
    </div>
  );
}
