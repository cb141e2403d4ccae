/** Small timing helpers for benchmarks: bounded loops of sequential calls, summarised per call. */
export interface PerCall {
  label: string;
  n: number;
  meanMs: number;
  medianMs: number;
  p90Ms: number;
}

/** Runs `once` exactly `n` times in sequence (after `warmup` unmeasured runs) and summarises the per-call times. */
export async function timeSequential(
  label: string,
  n: number,
  once: (i: number) => Promise<void>,
  warmup = 3,
): Promise<PerCall> {
  for (let i = 0; i < warmup; i += 1) await once(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = process.hrtime.bigint();
    await once(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { label, n, meanMs: times.reduce((a, b) => a + b, 0) / n, medianMs: at(0.5), p90Ms: at(0.9) };
}

export const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

/** A plain-text table: first column left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
