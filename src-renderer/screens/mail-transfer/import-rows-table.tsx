import type { ImportRow } from '../../../src-shared/contract/mail-fleet';

const ACTION_LABEL: Readonly<Record<ImportRow['action'], string>> = {
  create: 'Create',
  update: 'Update',
  skip: 'Skip',
  error: 'Error',
};

/** What applying did to a row, in words. Rows planned as skip or error were never sent, whatever else they say. */
function outcome(row: ImportRow): string {
  if (row.action === 'skip' || row.action === 'error') return 'Not sent';
  if (row.applied === undefined) return 'Not reached';
  return row.applied ? 'Done' : 'Refused';
}

interface Props {
  readonly rows: readonly ImportRow[];
  readonly caption: string;
  /** After applying: a column saying whether the box accepted each row. */
  readonly applied?: boolean;
}

/** The rows of an import, as planned or as applied; details (the box's refusals among them) shown as text. */
export function ImportRowsTable({ rows, caption, applied = false }: Props) {
  return (
    <div className="table-wrap import-rows">
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              Row
            </th>
            <th scope="col">Address</th>
            <th scope="col">Action</th>
            {applied ? <th scope="col">Result</th> : null}
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.row} data-action={row.action}>
              <td className="numeric">{row.row}</td>
              <th scope="row" className="break-anywhere">
                {row.address || <span className="muted">(empty)</span>}
              </th>
              <td>
                <span className={`tag import-action import-action-${row.action}`}>{ACTION_LABEL[row.action]}</span>
              </td>
              {applied ? <td>{outcome(row)}</td> : null}
              <td className="break-anywhere">{row.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
