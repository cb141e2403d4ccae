import { ErrorBanner } from '../../components/error-banner';
import type { ConnectionTest } from '../../stores/box-actions-store';
import { flavourName } from '../add-server/detection-summary';

/** The last connection test: round trip and what was found, or what failed and what to do. */
export function ConnectionTestResult({ test }: { test: ConnectionTest | undefined }) {
  // The live region exists before the result does, so screen readers announce the result when it lands.
  return (
    <div className="test-result" role="status" aria-live="polite">
      {test?.status === 'running' ? <p className="muted">Connecting…</p> : null}
      {test?.status === 'failed' ? <ErrorBanner context="The connection test failed" report={test.error} /> : null}
      {test?.status === 'passed' ? <Passed outcome={test.outcome} /> : null}
    </div>
  );
}

function Passed({ outcome }: { outcome: Extract<ConnectionTest, { status: 'passed' }>['outcome'] }) {
  const { detection } = outcome;
  const found = detection.miab
    ? `${flavourName(detection)}${detection.version ? ` ${detection.version}` : ''}`
    : 'no Mail-in-a-Box found';
  return (
    <div className={detection.miab && detection.admin ? 'banner banner-success' : 'banner banner-warning'}>
      <p className="banner-title">
        Connected in {Math.round(outcome.roundTripMs)} ms: {found}
        {detection.hostname ? ` on ${detection.hostname}` : ''}.
      </p>
      <p>
        Admin access: {detection.admin ? 'yes' : 'no, the login user cannot read the API key'}. Host key{' '}
        {outcome.hostKey.keyType} <code>{outcome.hostKey.fingerprint}</code>.
      </p>
      {detection.note ? <p>{detection.note}</p> : null}
    </div>
  );
}
