import type { InstallRecord, NextSteps } from '../../../src-shared/contract/install';
import { CopyButton } from '../../components/copy-button';
import { pathForView } from '../../routes';
import { useNavigation } from '../../stores/stores-context';
import { StatusMark } from '../fleet-status-mark';

/** The certificate setup made, compared with what the box serves on 443 from this computer. */
function TlsCheck({ tls }: { tls: NextSteps['tls'] }) {
  return (
    <section aria-labelledby="install-tls-title" className="install-next">
      <h3 id="install-tls-title">TLS certificate fingerprint</h3>
      {tls.match === true ? (
        <p>
          <StatusMark tone="ok">The box serves the certificate setup made.</StatusMark>
        </p>
      ) : null}
      {tls.match === false ? (
        <div className="banner banner-warning" role="status">
          <p className="banner-title">The certificate served on port 443 is not the one setup reported.</p>
          <p>
            Something between this computer and the box may be answering in its place (a proxy, a load balancer, or
            another server at that address). Check the address before you sign in to the control panel.
          </p>
        </div>
      ) : null}
      {tls.match === null ? (
        <p>
          <StatusMark tone="unknown">
            {tls.served === null
              ? 'Boxfleet could not reach port 443 of the box from this computer, so it could not compare.'
              : 'Setup did not print a fingerprint to compare with.'}
          </StatusMark>
        </p>
      ) : null}
      <dl className="details details-compact details-stacked">
        <dt>Setup reported</dt>
        <dd>{tls.printed ? <code className="fingerprint">{tls.printed}</code> : 'Nothing'}</dd>
        <dt>Served on 443</dt>
        <dd>{tls.served ? <code className="fingerprint">{tls.served}</code> : 'Not reachable'}</dd>
      </dl>
    </section>
  );
}

/** Where the box's values go next: the registrar, the provider, Let's Encrypt; each with the box's own values. */
function NextStepList({ steps, boxId }: { steps: NextSteps; boxId: string | undefined }) {
  const dnsCheck = boxId ? `#${pathForView({ screen: 'box', boxId, section: 'dns', tab: 'check' })}` : null;
  return (
    <section aria-labelledby="install-next-title" className="install-next">
      <h3 id="install-next-title">Next steps</h3>
      <ol className="install-next-steps">
        <li>
          <p>
            <strong>At your domain’s registrar, set the nameservers</strong> of {steps.hostname}’s domain to:
          </p>
          <ul className="install-values" aria-label="Nameservers">
            {steps.nameservers.map((ns) => (
              <li key={ns}>
                <code>{ns}</code>
              </li>
            ))}
          </ul>
          {steps.glue.length > 0 ? (
            <>
              <p>and give them these glue records (the registrar asks for them because the names are under it):</p>
              <table className="table install-table" aria-label="Glue records">
                <thead>
                  <tr>
                    <th scope="col">Nameserver</th>
                    <th scope="col">IPv4</th>
                    <th scope="col">IPv6</th>
                  </tr>
                </thead>
                <tbody>
                  {steps.glue.map((glue) => (
                    <tr key={glue.host}>
                      <th scope="row">
                        <code>{glue.host}</code>
                      </th>
                      <td>
                        <code>{glue.ipv4 ?? '—'}</code>
                      </td>
                      <td>
                        <code>{glue.ipv6 ?? '—'}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </li>
        {steps.reverseDns.length > 0 ? (
          <li>
            <p>
              <strong>At your server’s provider, set reverse DNS</strong> (PTR) so mail from the box is trusted:
            </p>
            <table className="table install-table" aria-label="Reverse DNS">
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Name</th>
                </tr>
              </thead>
              <tbody>
                {steps.reverseDns.map((entry) => (
                  <tr key={entry.address}>
                    <th scope="row">
                      <code>{entry.address}</code>
                    </th>
                    <td>
                      <code>{entry.name}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ) : null}
        <li>
          <p>
            <strong>Provision Let’s Encrypt certificates</strong> once the nameservers answer for the domain: in the
            box’s control panel, System → TLS (SSL) Certificates.
          </p>
          <p className="fingerprint-row">
            <code>{steps.controlPanel}</code>
            <CopyButton text={steps.controlPanel} what="the control panel address" />
          </p>
        </li>
        {dnsCheck ? (
          <li>
            <p>
              <strong>Then check the box’s DNS from outside</strong>, to see that the registrar’s changes arrived:{' '}
              <a href={dnsCheck}>Check DNS of {steps.hostname}</a>
            </p>
          </li>
        ) : null}
      </ol>
    </section>
  );
}

/** The install worked: the box in the fleet, the certificate check, and what to do now. */
export function InstallDone({ record, steps }: { record: InstallRecord; steps: NextSteps | null }) {
  const openBox = useNavigation((s) => s.openBox);
  const boxId = record.boxId;
  return (
    <div className="install-done">
      <div className="banner banner-success" role="status">
        <p className="banner-title">
          {record.kind === 'install' ? 'Mail-in-a-Box is running' : 'Setup finished'} on {record.hostname}.
        </p>
        <p>
          {boxId
            ? `${record.name} is in your fleet.`
            : 'It could not be added to the fleet: add it with “Add a server”.'}
          {record.kind !== 'install' ? ' The box’s API key rotated; Boxfleet reads the new one by itself.' : ''}
        </p>
        {boxId ? (
          <div className="banner-actions">
            <button type="button" className="button button-primary" onClick={() => openBox(boxId)}>
              Open {record.name}
            </button>
          </div>
        ) : null}
      </div>
      {steps ? (
        <>
          <TlsCheck tls={steps.tls} />
          <NextStepList steps={steps} boxId={boxId} />
        </>
      ) : null}
    </div>
  );
}
