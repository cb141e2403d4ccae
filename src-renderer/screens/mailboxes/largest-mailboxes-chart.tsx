import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MailboxSize } from '../../stores/mailboxes-view';
import { formatBytes } from '../../stores/mailboxes-view';
import { useColorScheme } from '../dashboard/color-scheme';

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** The part of an address a bar label has room for. */
function shortName(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local.length > 12 ? `${local.slice(0, 11)}…` : local;
}

/**
 * A bar chart of the largest mailboxes. The canvas is for the eye; the list below it says the same in text (and is
 * what assistive technology reads), addresses and sizes as the box reported them.
 */
export function LargestMailboxesChart({ sizes }: { sizes: readonly MailboxSize[] }) {
  const holder = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();
  useEffect(() => {
    const element = holder.current;
    if (!element || sizes.length === 0) return;
    const data: uPlot.AlignedData = [sizes.map((_size, i) => i), sizes.map((size) => size.bytes)];
    const axis = {
      stroke: cssVar('--text-muted'),
      grid: { stroke: cssVar('--border'), width: 1 },
      ticks: { show: false },
    };
    const bars = uPlot.paths.bars?.({ size: [0.6, 48] });
    const chart = new uPlot(
      {
        width: Math.max(240, element.clientWidth),
        height: 160,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, sizes.length - 0.5] }, y: { range: (_u, _low, high) => [0, high] } },
        axes: [
          {
            ...axis,
            space: 10,
            incrs: [1],
            values: (_u, ticks) => ticks.map((tick) => shortName(sizes[tick]?.email ?? '')),
          },
          { ...axis, size: 64, values: (_u, ticks) => ticks.map((tick) => formatBytes(tick)) },
        ],
        series: [
          {},
          {
            stroke: cssVar('--accent'),
            fill: cssVar('--accent-soft'),
            width: 1,
            points: { show: false },
            ...(bars ? { paths: bars } : {}),
          },
        ],
      },
      data,
      element,
    );
    element.dataset.scheme = scheme;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(240, element.clientWidth), height: 160 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [sizes, scheme]);
  if (sizes.length === 0) return null;
  return (
    <figure className="chart mail-size-chart">
      <figcaption className="chart-title">Largest mailboxes</figcaption>
      <div ref={holder} className="chart-canvas" aria-hidden="true" />
      <ol className="mail-size-list" aria-label="Largest mailboxes">
        {sizes.map((size) => (
          <li key={size.email}>
            <span className="address">{size.email}</span> <span className="numeric">{size.display}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
