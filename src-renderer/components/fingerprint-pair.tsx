import type { HostKeyCheck } from '../stores/host-key-error';

/** The fingerprint on record above the one presented now, labelled, each on one line: the heart of a changed-key stop. */
export function FingerprintPair({ hostKey }: { readonly hostKey: HostKeyCheck }) {
  return (
    <dl className="details details-compact details-stacked">
      <dt>On record</dt>
      <dd>
        <code className="fingerprint" data-testid="expected-fingerprint">
          {hostKey.expected ?? 'unknown'}
        </code>
      </dd>
      <dt>Presented now ({hostKey.keyType})</dt>
      <dd>
        <code className="fingerprint" data-testid="presented-fingerprint">
          {hostKey.fingerprint}
        </code>
      </dd>
    </dl>
  );
}
