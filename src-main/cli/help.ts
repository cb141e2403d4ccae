import type { Command } from './command';
import { OPTION_HELP } from './option-help';

/** Help text fits a 100-column terminal; longer lines wrap with a hanging indent. */
export const HELP_WIDTH = 100;

/**
 * Splits a usage line into the pieces it may wrap between: words outside brackets and parentheses, with each
 * bracketed group kept whole (`[--api-key-file PATH --conf-file PATH --storage-root PATH]`).
 */
function usagePieces(usage: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of usage) {
    if (char === '[' || char === '(') depth++;
    if (char === ']' || char === ')') depth = Math.max(0, depth - 1);
    if (char === ' ' && depth === 0) {
      if (current) pieces.push(current);
      current = '';
    } else current += char;
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Fills lines up to `width`: the first starts with `first`, the others with `indent`. A piece too long alone is split at spaces. */
export function wrapPieces(pieces: string[], first: string, indent: string, width = HELP_WIDTH): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const push = (piece: string) => {
    const candidate = empty ? line + piece : `${line} ${piece}`;
    if (candidate.length <= width || empty) {
      line = candidate;
      empty = false;
    } else {
      lines.push(line);
      line = indent + piece;
    }
  };
  for (const piece of pieces) {
    const room = width - indent.length;
    if (piece.length > room && piece.includes(' ')) piece.split(' ').forEach(push);
    else push(piece);
  }
  lines.push(line);
  return lines;
}

/** Plain text wrapped at word boundaries. */
export function wrapText(text: string, first: string, indent: string, width = HELP_WIDTH): string[] {
  return wrapPieces(text.split(' ').filter(Boolean), first, indent, width);
}

/** A command's usage, wrapped so continuation lines align under the first argument. */
export function wrapUsage(usage: string, first: string, width = HELP_WIDTH): string[] {
  return wrapPieces(usagePieces(usage), first, ' '.repeat(first.length + 'boxfleet '.length), width);
}

/** `boxfleet --help`: every command's usage (wrapped, aligned) with its summary indented below. */
export function globalHelp(commands: readonly Command[]): string {
  const entries = commands.flatMap((c) => [...wrapUsage(c.usage, '  '), ...wrapText(c.summary, '      ', '      ')]);
  return [
    'Boxfleet: run a fleet of Mail-in-a-Box servers.',
    '',
    'Usage: boxfleet [--data-dir DIR] [--json] COMMAND [options]',
    '',
    'Commands:',
    ...entries,
    '',
    'Global options:',
    '  --data-dir DIR   where the fleet registry lives (also BOXFLEET_DATA_DIR)',
    '  --json           machine-readable output, for commands that print data',
    '  --help, -h       help for Boxfleet or for a command',
    '  --version, -v    print the version',
    '',
    'Exit status: 0 success, 1 the operation failed (reason on stderr), 2 usage error.',
    '',
  ].join('\n');
}

/** `boxfleet COMMAND --help`. */
export function commandHelp(command: Command): string {
  const names = Object.entries(command.options).map(
    ([name, spec]) => `  --${name}${spec.short ? `, -${spec.short}` : ''}${spec.type === 'string' ? ' VALUE' : ''}`,
  );
  const column = Math.max(0, ...names.map((n) => n.length)) + 3;
  const options = Object.keys(command.options).flatMap((name, i) => {
    const text = command.optionHelp?.[name] ?? OPTION_HELP[name];
    const label = names[i] ?? '';
    return text ? wrapText(text, label.padEnd(column), ' '.repeat(column)) : [label];
  });
  return [
    ...wrapUsage(command.usage, 'Usage: '),
    '',
    ...wrapText(command.summary, '', ''),
    ...(options.length ? ['', 'Options:', ...options] : []),
    ...(command.details ?? []).flatMap((paragraph) => ['', ...wrapText(paragraph, '', '')]),
    '',
  ].join('\n');
}
