import { parse, unparse } from 'papaparse';
import { z } from 'zod';
import type { TransferFormat, TransferKind } from '../../src-shared/contract/mail-fleet';
import { fail, ok, type Result } from '../../src-shared/contract/result';

/** Users as exported: never a password (the box keeps only hashes, and an export is a file that travels). */
export const USER_EXPORT_COLUMNS = ['email', 'status', 'admin', 'quota', 'used', 'percent', 'messages', 'mailbox'];
/** Users as imported; the export's other columns are accepted and ignored, so an export can be edited and fed back. */
export const USER_IMPORT_COLUMNS = ['email', 'password', 'admin', 'quota'];
export const ALIAS_COLUMNS = ['address', 'forwards_to', 'permitted_senders'];

export type Cell = string | number | boolean | null | string[];
export type ExportRecord = Record<string, Cell>;

/** One imported row before any rule is applied: column → text. Lists stay text (`a@x.com,b@y.com`) until planned. */
export interface ImportRecord {
  /** 1-based data row (CSV: after the header; JSON: index + 1). */
  row: number;
  fields: Map<string, string>;
  /** A row the reader could not take apart (too many fields, a broken quote): reported, never applied. */
  problem?: string;
}

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-`, `@` or a tab as a formula, and a box's list is not trusted
 * text: such cells are written with a leading `'` (which spreadsheets hide), and the quote is taken off on import, so a
 * catch-all alias `@example.com` survives the round trip.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function unescapeFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Records as CSV (lists comma-joined, the library quotes them) or as JSON (lists as arrays). */
export function encodeRecords(format: TransferFormat, columns: string[], records: ExportRecord[]): string {
  if (format === 'json') return JSON.stringify(records, null, 2) + '\n';
  const rows = records.map((record) =>
    columns.map((column) => {
      const cell = record[column];
      if (cell === null || cell === undefined) return '';
      if (Array.isArray(cell)) return cell.join(',');
      if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
      return String(cell);
    }),
  );
  return unparse({ fields: columns, data: rows }, { escapeFormulae: FORMULA_START, newline: '\n' }) + '\n';
}

function allowedColumns(kind: TransferKind): Set<string> {
  return new Set(kind === 'users' ? [...USER_IMPORT_COLUMNS, ...USER_EXPORT_COLUMNS] : ALIAS_COLUMNS);
}

function keyColumn(kind: TransferKind): string {
  return kind === 'users' ? 'email' : 'address';
}

function checkColumns(kind: TransferKind, columns: string[]): Result<void> {
  const allowed = allowedColumns(kind);
  const unknown = columns.filter((column) => !allowed.has(column));
  if (unknown.length > 0) {
    // A misspelt column (`pasword`) would otherwise be dropped without a word and the row planned without it.
    return fail(
      'validation',
      `Unknown column ${unknown.map((c) => `"${c}"`).join(', ')}: ${kind} files have the columns ${[...allowed].join(', ')}.`,
      { retryable: false },
    );
  }
  if (!columns.includes(keyColumn(kind))) {
    return fail('validation', `The file has no "${keyColumn(kind)}" column.`, { retryable: false });
  }
  return ok(undefined);
}

function readCsv(kind: TransferKind, text: string): Result<ImportRecord[]> {
  const parsed = parse<Record<string, string | undefined>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const columns = parsed.meta.fields ?? [];
  const checked = checkColumns(kind, columns);
  if (!checked.ok) return checked;
  const problems = new Map<number, string>();
  for (const error of parsed.errors) {
    // A hand-edited row that stops before its last, empty cells means those cells are empty.
    if (error.code === 'TooFewFields') continue;
    if (error.row === undefined) return fail('validation', `The file is not CSV: ${error.message}.`);
    problems.set(error.row, `${error.message} (${error.code}).`);
  }
  return ok(
    parsed.data.map((data, index) => {
      const fields = new Map<string, string>();
      for (const column of columns) {
        const value = data[column];
        if (typeof value === 'string') fields.set(column, unescapeFormula(value));
      }
      const problem = problems.get(index);
      return { row: index + 1, fields, ...(problem === undefined ? {} : { problem }) };
    }),
  );
}

const jsonCell = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
const jsonRows = z.array(z.record(z.string(), jsonCell));

function readJson(kind: TransferKind, text: string): Result<ImportRecord[]> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail('validation', `The file is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const rows = jsonRows.safeParse(data);
  if (!rows.success) {
    return fail('validation', 'A JSON import is an array of objects whose values are text, yes/no or lists of text.', {
      retryable: false,
    });
  }
  const columns = [...new Set(rows.data.flatMap((row) => Object.keys(row)))];
  const checked = checkColumns(kind, columns);
  if (!checked.ok) return checked;
  return ok(
    rows.data.map((record, index) => {
      const fields = new Map<string, string>();
      for (const [column, cell] of Object.entries(record)) {
        if (cell === null) continue;
        fields.set(
          column,
          Array.isArray(cell) ? cell.join(',') : typeof cell === 'boolean' ? (cell ? 'yes' : 'no') : String(cell),
        );
      }
      return { row: index + 1, fields };
    }),
  );
}

/** An import file's rows, or why the file as a whole cannot be read (no rule has been applied yet). */
export function readRecords(kind: TransferKind, format: TransferFormat, text: string): Result<ImportRecord[]> {
  return format === 'csv' ? readCsv(kind, text) : readJson(kind, text);
}
