import { useJobs } from '../stores/stores-context';
import { runningCount } from '../stores/jobs-store';

export const ACTIVITY_TOGGLE_ID = 'activity-toggle';
export const ACTIVITY_PANEL_ID = 'activity-panel';

/** Opens and closes the Activity panel; the badge counts running jobs, so long work is visible from anywhere. */
export function ActivityToggle() {
  const open = useJobs((state) => state.open);
  const running = useJobs((state) => runningCount(state.jobs));
  const setOpen = useJobs((state) => state.setOpen);
  return (
    <button
      id={ACTIVITY_TOGGLE_ID}
      type="button"
      className="nav-item activity-toggle"
      // Read as the Alerts entry is: "Activity, 2 running".
      aria-label={running > 0 ? `Activity, ${running} running` : undefined}
      aria-expanded={open}
      aria-controls={open ? ACTIVITY_PANEL_ID : undefined}
      onClick={() => setOpen(!open)}
    >
      <span className="nav-label">Activity</span>
      {running > 0 ? (
        <span className="activity-badge" aria-hidden="true">
          {running}
        </span>
      ) : null}
    </button>
  );
}
