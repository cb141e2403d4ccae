import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useJobs } from '../stores/stores-context';
import { ActivityJob } from './activity-job';
import { ACTIVITY_PANEL_ID, ACTIVITY_TOGGLE_ID } from './activity-toggle';
import { ErrorBanner } from './error-banner';
import { InstallsToAttach } from './installs-to-attach';

/**
 * Running and recent jobs, beside the screen rather than over it (not modal: the user may keep working while a
 * refresh runs). Opening moves focus to its heading; Escape closes it and gives focus back to the toggle.
 */
export function ActivityPanel() {
  const open = useJobs((state) => state.open);
  const jobs = useJobs((state) => state.jobs);
  const status = useJobs((state) => state.status);
  const error = useJobs((state) => state.error);
  const load = useJobs((state) => state.load);
  const setOpen = useJobs((state) => state.setOpen);
  const announcement = useJobs((state) => state.announcement);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);
  // Always in the page, so a job that ends while the panel is closed is still heard.
  const announcer = (
    <p className="sr-only" role="status">
      {announcement}
    </p>
  );
  if (!open) return announcer;
  const close = () => {
    setOpen(false);
    document.getElementById(ACTIVITY_TOGGLE_ID)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  };
  return (
    <>
      {announcer}
      <aside id={ACTIVITY_PANEL_ID} className="activity-panel" aria-labelledby="activity-title" onKeyDown={onKeyDown}>
        <div className="activity-head">
          <h2 id="activity-title" ref={heading} tabIndex={-1}>
            Activity
          </h2>
          <button type="button" className="button" onClick={close}>
            Close
          </button>
        </div>
        <InstallsToAttach />
        {error ? <ErrorBanner context="Could not list the jobs" report={error} onRetry={() => void load()} /> : null}
        {jobs.length === 0 && status !== 'failed' ? (
          <p className="activity-empty">
            {status === 'ready' ? 'Nothing running. Refreshes and status checks show their progress here.' : 'Loading…'}
          </p>
        ) : (
          <ul className="job-list" aria-label="Running and recent jobs">
            {jobs.map((job) => (
              <ActivityJob key={job.jobId} job={job} />
            ))}
          </ul>
        )}
      </aside>
    </>
  );
}
