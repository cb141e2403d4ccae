import type { CustomRecord, CustomRecordType } from '../../../src-shared/contract/dns';
import { domainToDisplay } from '../../../src-shared/domain/idn';
import { recordKey, TYPE_ORDER, valuesOf } from '../../stores/dns-view';
import type { RemoveTarget } from './remove-record-dialog';

interface Props {
  readonly records: readonly CustomRecord[];
  readonly showTtl: boolean;
  readonly onReplace: (record: CustomRecord) => void;
  readonly onRemove: (target: RemoveTarget) => void;
}

const knownType = (rtype: string): rtype is CustomRecordType => TYPE_ORDER.includes(rtype as CustomRecordType);

/**
 * The custom records as a table, one row per value, in the order the page chose. Every cell is the box's text shown
 * as text; an international name also shows its stored (punycode) form.
 */
export function CustomRecordsTable({ records, showTtl, onReplace, onRemove }: Props) {
  return (
    <div className="table-wrap">
      <table className="table dns-records-table">
        <caption className="sr-only">Custom DNS records</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Value</th>
            {showTtl ? <th scope="col">TTL</th> : null}
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => {
            const shown = domainToDisplay(record.qname);
            const label = `${record.rtype} record ${shown} ${record.value}`;
            const count = valuesOf(records, record.qname, record.rtype);
            const rtype = knownType(record.rtype) ? record.rtype : null;
            return (
              <tr key={recordKey(record)}>
                <th scope="row">
                  <span className="break-anywhere">{shown}</span>
                  {shown !== record.qname ? (
                    <span className="muted alias-stored break-anywhere">{record.qname}</span>
                  ) : null}
                  {record.zone === null ? (
                    <span className="muted dns-unpublished">Not published: no zone of this box holds this name.</span>
                  ) : null}
                </th>
                <td data-label="Type">
                  <span className="tag">{record.rtype}</span>
                </td>
                <td data-label="Value" className="dns-value">
                  <code className="break-anywhere">{record.value}</code>
                </td>
                {showTtl ? (
                  <td data-label="TTL" className="numeric">
                    {record.ttl === null ? <span className="muted">Default</span> : `${record.ttl} s`}
                  </td>
                ) : null}
                <td className="alias-actions">
                  {rtype !== null ? (
                    <>
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Replace ${label}`}
                        onClick={() => onReplace(record)}
                      >
                        Replace
                      </button>
                      <button
                        type="button"
                        className="button button-small button-danger-outline"
                        aria-label={`Delete ${label}`}
                        onClick={() => onRemove({ qname: record.qname, rtype, value: record.value, count })}
                      >
                        Delete
                      </button>
                      {count > 1 ? (
                        <button
                          type="button"
                          className="button button-small button-danger-outline"
                          aria-label={`Delete all ${count} ${record.rtype} records of ${shown}`}
                          onClick={() => onRemove({ qname: record.qname, rtype, count })}
                        >
                          Delete all {count}
                        </button>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">Not a type Boxfleet edits</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
