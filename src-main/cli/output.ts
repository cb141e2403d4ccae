import type { AppError } from '../../src-shared/contract/result';
import type { Io } from './command';
import { EXIT } from './command';

/** Prints a failed result the same way for every command: what happened, then what to do next. */
export function reportError(io: Io, error: AppError): number {
  io.err(`boxfleet: ${error.message}${error.retryable ? ' (this may work if you try again)' : ''}\n`);
  return EXIT.failed;
}

export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2) + '\n');
}

/** A plain text table with a header row; columns sized to their widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
