import { useEffect } from 'react';
import type { ZoneRecords } from '../../../src-shared/contract/dns';
import type { Box } from '../../../src-shared/domain/box';
import { domainToDisplay } from '../../../src-shared/domain/idn';
import { CopyButton } from '../../components/copy-button';
import { ReloadButton } from '../../components/reload-button';
import { recordAsBind, recordKey, zoneAsBind } from '../../stores/dns-view';
import { NOT_LOADED } from '../../stores/server-state';
import { useDns } from '../../stores/stores-context';
import { BoxListFailure } from '../box-actions/box-list-failure';
import { RegistrarPanel } from './registrar-panel';
import { ZoneFileButton } from './zone-file-button';

const zoneId = (zone: string) => `dns-zone-${zone.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** One zone's records as the box intends them, each with its explanation and a Copy button. */
function ZoneBlock({ box, zone }: { box: Box; zone: ZoneRecords }) {
  const headingId = zoneId(zone.zone);
  return (
    <section aria-labelledby={headingId} className="dns-zone">
      <div className="section-toolbar">
        <h3 id={headingId} className="section-title">
          {domainToDisplay(zone.zone)}
        </h3>
        <CopyButton text={zoneAsBind(zone)} what={`every record of ${zone.zone} in BIND syntax`} />
        <ZoneFileButton box={box} zone={zone.zone} />
      </div>
      <div className="table-wrap">
        <table className="table dns-dump-table">
          <caption className="sr-only">Records of {zone.zone}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Value</th>
              <th scope="col">
                <span className="sr-only">Copy</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {zone.records.map((record) => (
              <tr key={recordKey(record)}>
                <th scope="row">
                  <span className="break-anywhere">{record.qname}</span>
                </th>
                <td data-label="Type">
                  <span className="tag">{record.rtype}</span>
                </td>
                <td data-label="Value" className="dns-value">
                  <code className="break-anywhere">{record.value}</code>
                  {record.explanation ? <p className="muted dns-explain">{record.explanation}</p> : null}
                </td>
                <td className="alias-actions">
                  <CopyButton text={recordAsBind(record)} what={`the ${record.rtype} record of ${record.qname}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * External DNS: what to publish when the box is not the domain's nameserver (the box's own page of that name), the
 * zone files as it serves them, and what the registrar needs when it is (DS records, nameservers, glue).
 */
export function ExternalPage({ box }: { box: Box }) {
  const dump = useDns((s) => s.dump[box.id] ?? NOT_LOADED);
  const loadDump = useDns((s) => s.loadDump);
  const loadDelegation = useDns((s) => s.loadDelegation);

  useEffect(() => {
    void loadDump(box.id);
    void loadDelegation(box.id);
  }, [box.id, loadDump, loadDelegation]);

  const zones = dump.data ?? [];
  return (
    <>
      <section aria-labelledby="dns-external-title" className="dns-external">
        <div className="section-toolbar">
          <h2 id="dns-external-title" className="section-title">
            External DNS
          </h2>
          <ReloadButton loading={dump.status === 'loading'} onReload={() => void loadDump(box.id)} />
        </div>
        <p className="muted dns-intro">
          If your domains’ DNS is hosted somewhere else than on this box, publish these records there. Records marked
          Required must be there for mail to work; the others are recommended. If the box is the nameserver, it already
          publishes all of them: give the registrar what is under <strong>At your registrar</strong> instead.
        </p>
        <BoxListFailure
          box={box}
          error={dump.status === 'failed' ? dump.error : null}
          context={`Could not read the records ${box.name} wants published`}
          onRetry={() => void loadDump(box.id)}
        />
        {dump.status === 'loading' && dump.data === null ? (
          <p className="muted" role="status">
            Loading the records of {box.name}…
          </p>
        ) : null}
        {dump.status === 'ready' && zones.length === 0 ? (
          <p className="note">The box has no zones yet: add a mail user or a website domain first.</p>
        ) : null}
        {zones.map((zone) => (
          <ZoneBlock key={zone.zone} box={box} zone={zone} />
        ))}
      </section>
      <RegistrarPanel box={box} />
    </>
  );
}
