import type { AppError } from '../../src-shared/contract/result';
import type { Io } from './command';
import { EXIT } from './command';

/**
 * C0 and C1 control characters (but tab and newline), DEL, and the Unicode controls that reorder text on screen.
 * Text from a box (host names, error text, addresses) must not move the cursor, retitle the terminal or disguise
 * itself when the CLI prints it.
 */
function actsOnTerminal(code: number): boolean {
  if (code === 0x09 || code === 0x0a) return false;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Text as the terminal may show it: every character that could act on the terminal is removed. */
export function terminalSafe(text: string): string {
  let safe = '';
  for (const char of text) if (!actsOnTerminal(char.codePointAt(0) ?? 0)) safe += char;
  return safe;
}

/**
 * The CLI's one way to the terminal: everything any command writes, or asks, passes `terminalSafe` here, so no
 * command can forget it.
 */
export function terminalSafeIo(io: Io): Io {
  const safe: Io = {
    out: (text) => io.out(terminalSafe(text)),
    err: (text) => io.err(terminalSafe(text)),
    readStdin: () => io.readStdin(),
    isTty: io.isTty,
  };
  const prompt = io.prompt;
  if (prompt) safe.prompt = (question, options) => prompt(terminalSafe(question), options);
  return safe;
}

/** Prints a failed result the same way for every command: what happened, and whether trying again can help. */
export function reportError(io: Io, error: AppError): number {
  io.err(`boxfleet: ${error.message}${error.retryable ? ' (this may work if you try again)' : ''}\n`);
  return EXIT.failed;
}

/**
 * JSON for scripts. Characters that act on a terminal are written as `\\uXXXX` escapes (JSON.stringify leaves C1
 * controls and bidi controls raw), so the data stays exact and the terminal stays safe.
 */
export function printJson(io: Io, value: unknown): void {
  let text = '';
  for (const char of JSON.stringify(value, null, 2)) {
    const code = char.codePointAt(0) ?? 0;
    text += actsOnTerminal(code) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  io.out(text + '\n');
}

/** A plain text table with a header row; columns sized to their widest cell. */
export function formatTable(header: string[], rawRows: string[][]): string {
  // Made safe before measuring, so removed characters cannot skew the columns.
  const rows = rawRows.map((r) => r.map(terminalSafe));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
