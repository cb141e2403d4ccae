import { useEffect, useId, useMemo, useState } from 'react';
import type { CustomRecord } from '../../../src-shared/contract/dns';
import type { Box } from '../../../src-shared/domain/box';
import { ReloadButton } from '../../components/reload-button';
import { reportHeadline, sortRecords, type RecordOrder } from '../../stores/dns-view';
import { NOT_LOADED } from '../../stores/server-state';
import { useDns } from '../../stores/stores-context';
import { BoxListFailure } from '../box-actions/box-list-failure';
import { CustomRecordsTable } from './custom-records-table';
import { RecordDialog } from './record-dialog';
import { RemoveRecordDialog, type RemoveTarget } from './remove-record-dialog';

type Open =
  | { readonly kind: 'add' }
  | { readonly kind: 'set'; readonly record: CustomRecord }
  | { readonly kind: 'remove'; readonly target: RemoveTarget }
  | null;

/** The box's Custom DNS: its records in either of the box's orders; add, replace and delete them. */
export function CustomRecordsPage({ box }: { box: Box }) {
  const id = useId();
  const entry = useDns((s) => s.records[box.id] ?? NOT_LOADED);
  const capabilities = useDns((s) => s.capabilities[box.id] ?? NOT_LOADED);
  const order = useDns((s) => s.order[box.id] ?? 'byName');
  const report = useDns((s) => s.lastReport[box.id]);
  const loadRecords = useDns((s) => s.loadRecords);
  const loadCapabilities = useDns((s) => s.loadCapabilities);
  const setOrder = useDns((s) => s.setOrder);
  const [open, setOpen] = useState<Open>(null);

  useEffect(() => {
    void loadRecords(box.id);
    void loadCapabilities(box.id);
  }, [box.id, loadRecords, loadCapabilities]);

  const records = useMemo(() => sortRecords(entry.data ?? [], order), [entry.data, order]);
  const caps = capabilities.data;
  const close = () => setOpen(null);

  return (
    <section aria-labelledby="dns-custom-title" className="dns-custom">
      <div className="section-toolbar">
        <h2 id="dns-custom-title" className="section-title">
          Custom DNS
        </h2>
        {records.length > 1 ? (
          <div className="toolbar-field">
            <label htmlFor={`${id}-order`}>Sort by</label>
            <select
              id={`${id}-order`}
              className="input"
              value={order}
              onChange={(event) => setOrder(box.id, event.target.value as RecordOrder)}
            >
              <option value="byName">Domain name</option>
              <option value="created">When created</option>
            </select>
          </div>
        ) : null}
        <ReloadButton loading={entry.status === 'loading'} onReload={() => void loadRecords(box.id)} />
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'add' })}>
          Add a record
        </button>
      </div>
      <p className="muted dns-intro">
        Records you add here are published by the box’s own nameservers beside the ones it makes itself. They can also
        override some of those (a custom A or CNAME on a name replaces the box’s address for it).
      </p>
      {caps && !caps.ttl && caps.ttlAbsentReason ? (
        <p className="note" id="dns-ttl-absent">
          <strong>TTL:</strong> {caps.ttlAbsentReason}
        </p>
      ) : null}
      <BoxListFailure
        box={box}
        error={entry.status === 'failed' ? entry.error : null}
        context={`Could not list the custom DNS records of ${box.name}`}
        onRetry={() => void loadRecords(box.id)}
      />
      {report !== undefined ? (
        <details className="alias-report">
          <summary>
            <span role="status">The box says: {reportHeadline(report)}</span>
          </summary>
          <pre className="report-text">{report}</pre>
        </details>
      ) : null}
      <p role="status" className="muted">
        {entry.status === 'loading' && entry.data === null ? `Loading the custom DNS records of ${box.name}…` : null}
        {records.length > 0 ? `${records.length} custom ${records.length === 1 ? 'record' : 'records'}.` : null}
      </p>
      {entry.status === 'ready' && records.length === 0 ? (
        <div className="empty-state empty-state-small">
          <h3>No custom DNS records on this box</h3>
          <p>
            The box publishes the records mail and its website need by itself. Add a record here for anything else: a
            verification TXT record, a CNAME for a service hosted elsewhere, an address for a subdomain.
          </p>
        </div>
      ) : null}
      {records.length > 0 ? (
        <CustomRecordsTable
          records={records}
          showTtl={caps?.ttl ?? records.some((record) => record.ttl !== null)}
          onReplace={(record) => setOpen({ kind: 'set', record })}
          onRemove={(target) => setOpen({ kind: 'remove', target })}
        />
      ) : null}
      {open?.kind === 'add' ? <RecordDialog box={box} mode="add" onClose={close} /> : null}
      {open?.kind === 'set' ? <RecordDialog box={box} mode="set" record={open.record} onClose={close} /> : null}
      {open?.kind === 'remove' ? <RemoveRecordDialog box={box} target={open.target} onClose={close} /> : null}
    </section>
  );
}
