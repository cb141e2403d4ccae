import type { JobTimers } from '../../../src-main/jobs/progress-throttle';

/** A clock and timers that move only when the test says so. */
export function manualClock(start = Date.parse('2026-01-01T00:00:00.000Z')) {
  let now = start;
  let nextHandle = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: JobTimers = {
    setTimeout(callback, ms) {
      const handle = nextHandle++;
      pending.set(handle, { at: now + ms, callback });
      return handle;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    now: () => new Date(now),
    timers,
    pendingTimers: () => pending.size,
    /** Sets the wall clock without running timers, as when the system clock is corrected. */
    setTime(at: number) {
      const shift = at - now;
      now = at;
      for (const timer of pending.values()) timer.at += shift;
    },
    /** Moves time forward, running every timer that falls due on the way, in order. */
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
  };
}
