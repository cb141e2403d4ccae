import type { DsRecord, ZoneDelegation } from '../../../src-shared/contract/dns';
import type { Box } from '../../../src-shared/domain/box';
import { domainToDisplay } from '../../../src-shared/domain/idn';
import { CopyButton } from '../../components/copy-button';
import { ReloadButton } from '../../components/reload-button';
import { offeredDs } from '../../stores/dns-view';
import { NOT_LOADED } from '../../stores/server-state';
import { useDns } from '../../stores/stores-context';
import { BoxListFailure } from '../box-actions/box-list-failure';

/** One value with its own Copy button, as a registrar's form field asks for it. */
function Field({ label, value, what }: { label: string; value: string; what: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="dns-copy-field">
        <code className="break-anywhere">{value}</code>
        <CopyButton text={value} what={what} />
      </dd>
    </>
  );
}

function DsBlock({ zone, ds, best }: { zone: string; ds: DsRecord; best: boolean }) {
  const of = `of ${zone}’s DS record (${ds.digestTypeName})`;
  return (
    <div className="dns-ds">
      <h5>
        {ds.algorithmName} with {ds.digestTypeName}
        {best ? <span className="tag dns-best">Best</span> : null}
      </h5>
      <dl className="details">
        <Field label="Key tag" value={String(ds.keyTag)} what={`the key tag ${of}`} />
        <Field label="Algorithm" value={`${ds.algorithm} (${ds.algorithmName})`} what={`the algorithm ${of}`} />
        <Field label="Digest type" value={`${ds.digestType} (${ds.digestTypeName})`} what={`the digest type ${of}`} />
        <Field label="Digest" value={ds.digest} what={`the digest ${of}`} />
        <Field label="Whole record" value={ds.record} what={`the whole DS record ${of}`} />
      </dl>
    </div>
  );
}

function ZoneDelegationBlock({ zone }: { zone: ZoneDelegation }) {
  const offered = offeredDs(zone.ds);
  const name = domainToDisplay(zone.zone);
  return (
    <section className="dns-zone" aria-label={`Registrar settings for ${name}`}>
      <h3 className="section-title">{name}</h3>
      {zone.problem ? (
        <div className="banner banner-warning" role="status">
          <p className="banner-detail">{zone.problem}</p>
        </div>
      ) : null}
      <h4>Nameservers</h4>
      <p className="muted">Set these as the domain’s nameservers at the registrar.</p>
      <ul className="dns-plain-list">
        {zone.nameservers.map((host) => (
          <li key={host} className="dns-copy-field">
            <code className="break-anywhere">{host}</code>
            <CopyButton text={host} what={`nameserver ${host}`} />
          </li>
        ))}
      </ul>
      {zone.glue.length > 0 ? (
        <>
          <h4>Glue records</h4>
          <p className="muted">
            The nameservers’ names are inside this domain, so the registrar must also know their addresses (often called
            glue records, child nameservers or host records).
          </p>
          <dl className="details">
            {zone.glue.map((glue) => (
              <Field
                key={glue.host}
                label={glue.host}
                value={[glue.ipv4, glue.ipv6].filter((ip): ip is string => ip !== null).join(', ')}
                what={`the addresses of ${glue.host}`}
              />
            ))}
          </dl>
        </>
      ) : null}
      <h4>DNSSEC (DS records)</h4>
      {offered.length === 0 && !zone.problem ? (
        <p className="note">The box has not signed this zone yet, so there is no DS record to give the registrar.</p>
      ) : null}
      {offered.length > 0 ? (
        <p className="muted">
          Give the registrar one of these, the first one its form accepts: the best is first. Registrars ask for the key
          tag, algorithm, digest type and digest; some take the whole record or the public key instead.
        </p>
      ) : null}
      {offered.map((ds, index) => (
        <DsBlock key={`${ds.digestType}-${ds.keyTag}`} zone={zone.zone} ds={ds} best={index === 0} />
      ))}
      {zone.publicKey ? (
        <dl className="details">
          <Field label="Public key" value={zone.publicKey} what={`the public key of ${zone.zone}`} />
        </dl>
      ) : null}
    </section>
  );
}

/** What to give the registrar for each zone when the box is its nameserver. */
export function RegistrarPanel({ box }: { box: Box }) {
  const delegation = useDns((s) => s.delegation[box.id] ?? NOT_LOADED);
  const load = useDns((s) => s.loadDelegation);
  return (
    <section aria-labelledby="dns-registrar-title" className="dns-registrar">
      <div className="section-toolbar">
        <h2 id="dns-registrar-title" className="section-title">
          At your registrar
        </h2>
        <ReloadButton loading={delegation.status === 'loading'} onReload={() => void load(box.id)} />
      </div>
      <BoxListFailure
        box={box}
        error={delegation.status === 'failed' ? delegation.error : null}
        context={`Could not read what the registrar needs for ${box.name}`}
        onRetry={() => void load(box.id)}
      />
      {delegation.status === 'loading' && delegation.data === null ? (
        <p className="muted" role="status">
          Reading the DS records and nameservers…
        </p>
      ) : null}
      {(delegation.data ?? []).map((zone) => (
        <ZoneDelegationBlock key={zone.zone} zone={zone} />
      ))}
    </section>
  );
}
