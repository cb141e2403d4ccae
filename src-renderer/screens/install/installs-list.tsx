import { useEffect } from 'react';
import type { InstallRecord } from '../../../src-shared/contract/install';
import { ErrorBanner } from '../../components/error-banner';
import { formatAge, useNow } from '../fleet-format';
import { canAttach } from '../../stores/install-runs-store';
import { installKindLabel, installStateLabel } from '../../stores/install-view';
import { useInstallRuns, useNavigation } from '../../stores/stores-context';

function InstallRow({ record, now }: { record: InstallRecord; now: number }) {
  const attach = useInstallRuns((s) => s.attach);
  const forget = useInstallRuns((s) => s.forget);
  const followed = useInstallRuns((s) => s.byId[record.installId]);
  const forgetError = useInstallRuns((s) => s.forgetErrors[record.installId]);
  const showInstall = useNavigation((s) => s.showInstall);
  const label = installKindLabel(record);
  const attaching = followed?.attaching ?? false;
  const following = followed?.jobId != null;
  return (
    <li className="install-record" data-state={record.state}>
      <div className="install-record-head">
        <span className="install-record-title">{label}</span>
        <span className="job-state">{installStateLabel(record.state)}</span>
      </div>
      <p className="muted">
        {record.hostname} · started {formatAge(record.startedAt, now)}
      </p>
      {followed?.attachError ? (
        <p className="job-error">
          Could not attach: {followed.attachError.message} {followed.attachError.nextStep}
        </p>
      ) : null}
      {forgetError ? <p className="job-error">Could not forget it: {forgetError.message}</p> : null}
      <div className="job-actions">
        {canAttach(record) && !following ? (
          <button
            type="button"
            className="button button-primary"
            aria-label={`Attach to ${label}`}
            aria-disabled={attaching || undefined}
            onClick={
              attaching
                ? undefined
                : () =>
                    void attach(record.installId).then((jobId) => {
                      if (jobId) showInstall(record.installId);
                    })
            }
          >
            {attaching ? 'Attaching…' : 'Attach'}
          </button>
        ) : null}
        <button
          type="button"
          className="button"
          aria-label={`Show ${label}`}
          onClick={() => showInstall(record.installId)}
        >
          Show
        </button>
        {canAttach(record) ? null : (
          <button
            type="button"
            className="button"
            aria-label={`Forget ${label}`}
            onClick={() => void forget(record.installId)}
          >
            Forget
          </button>
        )}
      </div>
    </li>
  );
}

/** Installs this computer started: running ones to reattach to, ended ones to look at or forget. */
export function InstallsList() {
  const list = useInstallRuns((s) => s.list);
  const loadList = useInstallRuns((s) => s.loadList);
  const now = useNow();
  useEffect(() => {
    void loadList();
  }, [loadList]);
  const records = list.data ?? [];
  return (
    <section aria-labelledby="installs-title" className="installs">
      <h2 id="installs-title" className="install-step-title">
        Installs from this computer
      </h2>
      {list.status === 'loading' && !list.data ? (
        <p className="muted" role="status">
          Reading the installs…
        </p>
      ) : null}
      {list.error ? (
        <ErrorBanner context="Could not read the installs" report={list.error} onRetry={() => void loadList()} />
      ) : null}
      {list.data && records.length === 0 ? <p className="muted">None yet: start one below.</p> : null}
      {records.length > 0 ? (
        <ul className="install-records" aria-label="Installs">
          {records.map((record) => (
            <InstallRow key={record.installId} record={record} now={now} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
