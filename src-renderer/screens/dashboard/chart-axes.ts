const HOUR = 3600;
const DAY = 24 * HOUR;

/** Steps between time ticks, in seconds: never finer than a minute, since observations are minutes apart. */
export const TIME_STEPS = [60, 300, 900, 1800, HOUR, 2 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 30 * DAY];

/** Steps between ticks of a count (the mail queue): whole numbers only, so no label repeats. */
export const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000];

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** A time tick's label: the time of day over a span of up to two days, the date over a longer one. */
export function timeTick(seconds: number, spanSeconds: number): string {
  const at = new Date(seconds * 1000);
  return spanSeconds <= 2 * DAY ? clock.format(at) : day.format(at);
}
