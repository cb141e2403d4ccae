import type { Draft } from '../../stores/add-server-store';
import { needsSudoStep } from '../../stores/add-server-guidance';
import { useAddServer } from '../../stores/stores-context';
import { flavourName as nameOfFlavour } from '../../stores/install-view';

type Detection = Draft['detection'];

export function flavourName(detection: Pick<Detection, 'flavour'>): string {
  return nameOfFlavour(detection.flavour ?? 'upstream');
}

/** What Boxfleet found on the server, and in plain words what is missing and how to fix it. */
export function DetectionSummary({ detection }: { detection: Detection }) {
  const user = useAddServer((s) => s.form.user);
  const apiKeyPath = useAddServer((s) => s.form.apiKeyPath);
  return (
    <section aria-labelledby="detection-title" className="detection">
      <h3 id="detection-title" className="detection-title">
        What Boxfleet found
      </h3>
      <dl className="details details-compact" aria-labelledby="detection-title">
        <dt>Mail-in-a-Box</dt>
        <dd>{detection.miab ? `Found: ${flavourName(detection)}` : 'Not found'}</dd>
        {detection.version ? (
          <>
            <dt>Version</dt>
            <dd>{detection.version}</dd>
          </>
        ) : null}
        {detection.hostname ? (
          <>
            <dt>Box hostname</dt>
            <dd>{detection.hostname}</dd>
          </>
        ) : null}
        <dt>Admin access</dt>
        <dd>{detection.admin ? 'Yes: Boxfleet can read the API key' : 'No: the API key cannot be read'}</dd>
      </dl>
      {!detection.miab ? (
        <div className="banner banner-warning" role="status">
          <p className="banner-title">This server does not look like a Mail-in-a-Box.</p>
          <p>
            Check the host, and under Advanced the API port and file paths. You can still save it, but Boxfleet cannot
            manage mail on it until Mail-in-a-Box is installed.
          </p>
        </div>
      ) : null}
      {detection.miab && !detection.admin ? (
        <div className="banner banner-warning" role="status">
          <p className="banner-title">Boxfleet can log in, but cannot use the box’s management API.</p>
          <p>{needsSudoStep({ user, apiKeyPath })}</p>
        </div>
      ) : null}
      {detection.note ? <p className="note">{detection.note}</p> : null}
    </section>
  );
}
