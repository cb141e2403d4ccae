import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { COUNT_STEPS, TIME_STEPS, timeTick } from './chart-axes';
import { useColorScheme } from './color-scheme';

export interface ChartPoint {
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly value: number | null;
}

interface Props {
  readonly title: string;
  readonly points: readonly ChartPoint[];
  readonly format: (value: number) => string;
  /** The top of the scale when it is fixed (1 for a fraction). */
  readonly max?: number;
  /** The measure is a count: ticks only at whole numbers. */
  readonly integer?: boolean;
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** The chart in words, for everyone: the newest value, the range, and over how many observations. */
export function describeSeries(points: readonly ChartPoint[], format: (value: number) => string): string {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length === 0) return 'No observations yet.';
  const now = values.at(-1) as number;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const count = `${values.length} observation${values.length === 1 ? '' : 's'}`;
  return low === high
    ? `${format(now)} in all ${count}.`
    : `Now ${format(now)}; lowest ${format(low)}, highest ${format(high)} over ${count}.`;
}

/** A small line chart of one measure over the stored observations; its text alternative is always shown. */
export function HistoryChart({ title, points, format, max, integer = false }: Props) {
  const holder = useRef<HTMLDivElement>(null);
  // The colours come from the theme's CSS variables, read when the chart is drawn: a new theme draws it again.
  const scheme = useColorScheme();
  useEffect(() => {
    const element = holder.current;
    if (!element || points.length === 0) return;
    const data: uPlot.AlignedData = [points.map((p) => p.at / 1000), points.map((p) => p.value)];
    const span = ((points.at(-1)?.at ?? 0) - (points[0]?.at ?? 0)) / 1000;
    const axis = {
      stroke: cssVar('--text-muted'),
      grid: { stroke: cssVar('--border'), width: 1 },
      ticks: { show: false },
    };
    const chart = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: 140,
        legend: { show: false },
        cursor: { show: false },
        scales: { y: { range: (_self, low, high) => [0, max ?? Math.max(1, high, low)] } },
        axes: [
          { ...axis, space: 80, incrs: TIME_STEPS, values: (_self, ticks) => ticks.map((t) => timeTick(t, span)) },
          {
            ...axis,
            size: 56,
            ...(integer ? { incrs: COUNT_STEPS } : {}),
            values: (_self, ticks) => ticks.map((tick) => format(tick)),
          },
        ],
        series: [{}, { stroke: cssVar('--accent'), width: 2, fill: cssVar('--accent-soft'), spanGaps: false }],
      },
      data,
      element,
    );
    // Which theme the canvas was painted in, for anyone checking that it follows the theme.
    element.dataset.scheme = scheme;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, element.clientWidth), height: 140 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [points, format, max, integer, scheme]);
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <div ref={holder} className="chart-canvas" aria-hidden="true" />
      <p className="chart-summary">{describeSeries(points, format)}</p>
    </figure>
  );
}
