import { useConnection } from '../stores/stores-context';

/** Says so when browser mode's socket is down; the transport is already reconnecting by itself. */
export function ConnectionNotice() {
  const state = useConnection((s) => s.state);
  if (state !== 'reconnecting' && state !== 'closed') return null;
  return (
    <div className="banner banner-warning" role="status">
      <p className="banner-title">
        {state === 'reconnecting'
          ? 'Lost the connection to the Boxfleet core.'
          : 'Disconnected from the Boxfleet core.'}
      </p>
      <p>
        {state === 'reconnecting'
          ? 'Reconnecting by itself. If this does not clear, check that “boxfleet serve” is still running, then reload this page.'
          : 'Start Boxfleet again, then reload this page.'}
      </p>
    </div>
  );
}
