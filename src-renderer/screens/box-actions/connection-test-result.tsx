import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import type { ConnectionTest } from '../../stores/box-actions-store';
import { useBoxActions } from '../../stores/stores-context';
import { ChangedHostKey } from '../add-server/changed-host-key';
import { flavourName } from '../add-server/detection-summary';

/** The last connection test: round trip and what was found, or what failed and what to do. */
export function ConnectionTestResult({ box, test }: { box: Box; test: ConnectionTest | undefined }) {
  const trustNewHostKey = useBoxActions((s) => s.trustNewHostKey);
  const changedKey = test?.status === 'failed' ? test.changedKey : undefined;
  // The live region exists before the result does, so screen readers announce the result when it lands. The
  // changed-key stop is a form and announces itself (role alert), so it sits outside.
  return (
    <>
      <div className="test-result" role="status" aria-live="polite">
        {test?.status === 'running' ? <p className="muted">Connecting…</p> : null}
        {test?.status === 'failed' && !changedKey ? (
          <ErrorBanner context="The connection test failed" report={test.error} />
        ) : null}
        {test?.status === 'passed' ? <Passed outcome={test.outcome} /> : null}
        {changedKey ? (
          <p className="muted">The connection test stopped before logging in: the host key changed.</p>
        ) : null}
      </div>
      {changedKey ? (
        <section aria-label={`Changed host key of ${box.name}`}>
          <ChangedHostKey
            // A new stop (another key) starts over: nothing typed for an earlier key carries over.
            key={changedKey.fingerprint}
            hostKey={changedKey}
            onTrust={(typed) => void trustNewHostKey(box.id, typed)}
            then="test the connection"
            idPrefix={`box-${box.id}`}
          />
        </section>
      ) : null}
    </>
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
