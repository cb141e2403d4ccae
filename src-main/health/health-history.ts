import { z } from 'zod';
import type { BoxHealth, HealthPoint } from '../../src-shared/domain/fleet-health';

/**
 * A box's history, kept compact: five integers per observation (seconds since 1970, reachable 0/1, round trip in
 * tenths of a millisecond, disk use in hundredths of a percent, queue size; -1 where unknown). At most
 * HISTORY_POINTS points per box (2.5 days at the default 15-minute refresh, then thinned so it reaches further):
 * about 15 KB per box in the data file, and fleet-health.json with 1,000 boxes at full history and their newest
 * observations measures 18.3 MB (tests/unit/health); in memory about 10 KB of numbers per box.
 */
export const HISTORY_POINTS = 240;
const WIDTH = 5;

export const historySeriesSchema = z
  .array(z.number().int().min(-1))
  .max(HISTORY_POINTS * WIDTH)
  .refine((series) => series.length % WIDTH === 0, 'a history series holds five numbers per point');

/** Used fraction of STORAGE_ROOT's filesystem, or of / when the storage root is unknown. */
export function diskFraction(health: BoxHealth): number | null {
  const disk = health.probe?.disk.storage ?? health.probe?.disk.root ?? null;
  if (!disk || disk.totalBytes <= 0) return null;
  return Math.min(1, Math.max(0, disk.usedBytes / disk.totalBytes));
}

export function pointOf(health: BoxHealth): HealthPoint {
  return {
    at: health.observedAt,
    reachable: health.reachability === 'up',
    rttMs: health.rttMs,
    disk: diskFraction(health),
    queue: health.probe?.queue ?? null,
  };
}

const orUnknown = (value: number | null, scale: number): number =>
  value === null ? -1 : Math.max(0, Math.round(value * scale));
const fromStored = (value: number | undefined, scale: number): number | null =>
  value === undefined || value < 0 ? null : value / scale;

function encode(point: HealthPoint): number[] {
  return [
    Math.floor(Date.parse(point.at) / 1000),
    point.reachable ? 1 : 0,
    orUnknown(point.rttMs, 10),
    orUnknown(point.disk, 10_000),
    orUnknown(point.queue, 1),
  ];
}

export function decodeSeries(series: readonly number[]): HealthPoint[] {
  const points: HealthPoint[] = [];
  for (let i = 0; i + WIDTH <= series.length; i += WIDTH) {
    const disk = fromStored(series[i + 3], 10_000);
    points.push({
      at: new Date((series[i] ?? 0) * 1000).toISOString(),
      reachable: series[i + 1] === 1,
      rttMs: fromStored(series[i + 2], 10),
      disk: disk === null ? null : Math.min(1, disk),
      queue: fromStored(series[i + 4], 1),
    });
  }
  return points;
}

/**
 * Adds a point at the end. When the series is full, the older half is thinned to every second point: recent
 * observations keep their detail and the chart still reaches back further than HISTORY_POINTS refreshes.
 */
export function appendPoint(series: readonly number[], point: HealthPoint): number[] {
  let kept = [...series];
  if (kept.length / WIDTH >= HISTORY_POINTS) {
    const count = kept.length / WIDTH;
    const older = Math.floor(count / 2);
    const thinned: number[] = [];
    for (let p = 0; p < older; p += 2) thinned.push(...kept.slice(p * WIDTH, (p + 1) * WIDTH));
    kept = [...thinned, ...kept.slice(older * WIDTH)];
  }
  kept.push(...encode(point));
  return kept;
}
