import type { FleetHealthApi } from './fleet-health-store';

/** The page's visibility as the Page Visibility API gives it; an interface so tests can hide and show a page. */
export interface PageVisibility {
  readonly hidden: boolean;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** The real page, or none where there is no document (the stores' unit tests run in Node). */
export function documentVisibility(): PageVisibility | null {
  return typeof document === 'undefined' ? null : document;
}

export interface VisibilityReporter {
  /** Says it again: main may have missed it (browser mode's socket was away) or restarted since. */
  report(): void;
  stop(): void;
}

/**
 * Tells main whether the window can be seen, at once and whenever that changes, so the background schedule can hold
 * its refreshes while the app is hidden (when the admin chose so: the schedule's `pauseWhenHidden`). A report that
 * fails is not retried here: the next change or reconnect says it again.
 */
export function reportVisibility(api: Pick<FleetHealthApi, 'fleet'>, page: PageVisibility): VisibilityReporter {
  const report = () => void api.fleet.visibility({ visible: !page.hidden });
  page.addEventListener('visibilitychange', report);
  report();
  return { report, stop: () => page.removeEventListener('visibilitychange', report) };
}
