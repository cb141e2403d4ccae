import { useEffect } from 'react';
import { canAttach } from '../stores/install-runs-store';
import { installKindLabel } from '../stores/install-view';
import { useInstallRuns, useJobs, useNavigation } from '../stores/stores-context';

/**
 * Installs that run on a server while this window follows none of them (after an app restart or a lost
 * connection): setup goes on by itself, and Attach makes it a job here again. Nothing shows when there are none.
 */
export function InstallsToAttach() {
  const list = useInstallRuns((s) => s.list);
  const byId = useInstallRuns((s) => s.byId);
  const loadList = useInstallRuns((s) => s.loadList);
  const attach = useInstallRuns((s) => s.attach);
  const showInstall = useNavigation((s) => s.showInstall);
  // A job of this window for an install means it is followed already (started, attached or upgraded here).
  const jobs = useJobs((s) => s.jobs);
  useEffect(() => {
    void loadList();
  }, [loadList]);
  const followedJobs = new Set(jobs.filter((job) => job.state === 'running').map((job) => job.jobId));
  const waiting = (list.data ?? []).filter((record) => {
    const jobId = byId[record.installId]?.jobId;
    return canAttach(record) && !(jobId && followedJobs.has(jobId));
  });
  if (waiting.length === 0) return null;
  return (
    <section className="installs-to-attach" aria-labelledby="installs-to-attach-title">
      <h3 id="installs-to-attach-title">Installs not followed</h3>
      <ul className="job-list">
        {waiting.map((record) => {
          const label = installKindLabel(record);
          const followed = byId[record.installId];
          return (
            <li key={record.installId} className="job">
              <div className="job-head">
                <span className="job-title">{label}</span>
              </div>
              <p className="job-box">{record.hostname}: setup runs on by itself on the server.</p>
              {followed?.attachError ? (
                <p className="job-error">Could not attach: {followed.attachError.message}</p>
              ) : null}
              <div className="job-actions">
                <button
                  type="button"
                  className="button"
                  aria-label={`Attach to ${label}`}
                  aria-disabled={followed?.attaching || undefined}
                  onClick={
                    followed?.attaching
                      ? undefined
                      : () =>
                          void attach(record.installId).then((jobId) => {
                            if (jobId) showInstall(record.installId);
                          })
                  }
                >
                  {followed?.attaching ? 'Attaching…' : 'Attach'}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
