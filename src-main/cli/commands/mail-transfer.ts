import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ImportRow, TransferFormat, TransferKind } from '../../../src-shared/contract/mail-fleet';
import type { Command, CommandInput } from '../command';
import { EXIT, UsageError, str } from '../command';
import { formatTable, printJson, reportError } from '../output';
import { followStarted } from './status';
import { needBox, openBox } from './mail-common';

const COLUMNS: Record<TransferKind, { export: string; import: string }> = {
  users: {
    export: 'email, status, admin, quota, used, percent, messages, mailbox (never a password)',
    import: "email, password, admin (yes/no), quota; an empty password leaves an existing user's password as it is",
  },
  aliases: {
    export: 'address, forwards_to, permitted_senders (lists comma-separated inside the field)',
    import: 'address, forwards_to, permitted_senders (lists comma-separated inside the field)',
  },
};

/** Why a file could not be read or written: Node's error code where there is one. */
interface FileProblem {
  problem: string;
}

// Checked by shape, not `instanceof Error`: fs errors may come from another realm (a test runner's sandbox).
function fileProblem(error: unknown): FileProblem {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
  };
  if (code === 'ENOENT') return { problem: 'there is no such file' };
  if (code === 'EACCES') return { problem: 'permission denied' };
  if (code === 'EISDIR') return { problem: 'that is a folder' };
  return { problem: typeof message === 'string' ? message : String(error) };
}

const readText = (file: string): Promise<string | FileProblem> => readFile(file, 'utf8').catch(fileProblem);

/** A file that cannot be read or written is a failure of this run (exit 1), said in words, not a stack. */
function fileFailure(input: CommandInput, file: string | undefined, failure: FileProblem): number {
  input.io.err(`boxfleet: ${file ?? 'standard input'}: ${failure.problem}.\n`);
  return EXIT.failed;
}

/** --format, else the file's extension, else (import only) a look at the text, else CSV. */
function formatOf(input: CommandInput, file: string | undefined, text?: string): TransferFormat {
  const given = str(input.values, 'format');
  if (given !== undefined) {
    if (given !== 'csv' && given !== 'json') throw new UsageError(`--format takes csv or json, not "${given}".`);
    return given;
  }
  const ext = file === undefined ? '' : extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  return text !== undefined && /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

function exportCommand(kind: TransferKind): Command {
  return {
    path: [kind, 'export'],
    usage: `boxfleet ${kind} export --box NAME [--format csv|json] [FILE] [--json]`,
    summary: `Write a box's ${kind} as CSV or JSON to FILE, or to standard output`,
    options: { box: { type: 'string' }, format: { type: 'string' } },
    optionHelp: { format: 'csv or json (default: from the FILE extension, else csv)' },
    details: [
      `Columns: ${COLUMNS[kind].export}. JSON is a list of objects with the same fields (lists as arrays).`,
      'JSON output: {box, format, file} when writing FILE; {box, format, filename, text} without FILE.',
      'Exit status: 0 written, 1 failed (reason on stderr), 2 usage error.',
    ],
    positionals: [],
    optionalPositionals: ['FILE'],
    json: true,
    async run(input) {
      const file = input.positionals[0];
      const format = formatOf(input, file);
      const opened = await openBox(input, `${kind} export`);
      if (!opened.ok) return opened.code;
      const result = await opened.api.mail.export({ boxId: opened.box.id, kind, format });
      if (!result.ok) return reportError(input.io, result.error);
      const { text, filename } = result.value;
      const box = opened.box.name;
      if (file === undefined) {
        if (input.json) printJson(input.io, { box, format, filename, text });
        else input.io.out(text.endsWith('\n') ? text : text + '\n');
        return EXIT.ok;
      }
      const written = await writeFile(file, text).then(() => undefined, fileProblem);
      if (written !== undefined) return fileFailure(input, file, written);
      if (input.json) printJson(input.io, { box, format, file });
      else input.io.out(`Wrote the ${kind} of ${box} to ${file} (${format}).\n`);
      return EXIT.ok;
    },
  };
}

const ROW_RESULT = (row: ImportRow) =>
  row.applied === undefined ? row.action : row.applied ? `${row.action}: done` : `${row.action}: not done`;

function printRows(input: CommandInput, rows: ImportRow[], dryRun: boolean): void {
  const table = rows.map((r) => [String(r.row), r.address, ROW_RESULT(r), r.detail]);
  if (table.length) input.io.out(formatTable(['ROW', 'ADDRESS', dryRun ? 'WOULD' : 'RESULT', 'DETAIL'], table));
  const count = (action: ImportRow['action']) => rows.filter((r) => r.action === action).length;
  const counts = `${count('create')} to create, ${count('update')} to update, ${count('skip')} to skip, ${count('error')} errors`;
  if (dryRun) input.io.out(`${counts}. Nothing was sent to the box (dry run).\n`);
  else {
    const failed = rows.filter((r) => r.applied === false).length;
    input.io.out(`${counts}; ${failed} refused by the box.\n`);
  }
}

/** A row that did not (or would not) go through: an error in the file, or the box refusing it. */
const isBad = (row: ImportRow) => row.action === 'error' || row.applied === false;

function importCommand(kind: TransferKind): Command {
  return {
    path: [kind, 'import'],
    usage: `boxfleet ${kind} import --box NAME [--format csv|json] [--dry-run] [FILE] [--json]`,
    summary: `Add or update a box's ${kind} from a CSV or JSON file (standard input without FILE)`,
    options: { box: { type: 'string' }, format: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    optionHelp: {
      format: "the file's format, csv or json (default: from the FILE extension, else from its text)",
      'dry-run': 'show what each row would do (create, update, skip, error) and change nothing',
    },
    details: [
      `Columns: ${COLUMNS[kind].import}. JSON is a list of objects with the same fields.`,
      'Without --dry-run the rows are applied as a job (a progress line on a terminal, none with --json) ' +
        'and each row gets its result. Passwords in the file are never printed, logged or kept.',
      'JSON: {box, dryRun, rows: [{row, address, action (create, update, skip or error), detail, applied ' +
        '(after applying)}]}.',
      'Exit status: 0 every row went (or would go) through or was skipped, 1 some row is an error or was ' +
        'refused by the box (or the import failed), 2 usage error.',
    ],
    positionals: [],
    optionalPositionals: ['FILE'],
    json: true,
    async run(input) {
      const file = input.positionals[0];
      const dryRun = input.values['dry-run'] === true;
      needBox(input.values, `${kind} import`);
      if (file === undefined && input.io.isTty && !input.json)
        input.io.err('Reading the file from standard input (end it with Ctrl-D)...\n');
      const text = file === undefined ? await input.io.readStdin() : await readText(file);
      if (typeof text !== 'string') return fileFailure(input, file, text);
      const format = formatOf(input, file, text);
      const opened = await openBox(input, `${kind} import`);
      if (!opened.ok) return opened.code;
      const request = { boxId: opened.box.id, kind, format, text };
      const box = opened.box.name;
      const show = (rows: ImportRow[], jobId?: string) => {
        if (input.json) printJson(input.io, { box, dryRun, ...(jobId ? { jobId } : {}), rows });
        else printRows(input, rows, dryRun);
        return rows.some(isBad) ? EXIT.failed : EXIT.ok;
      };
      if (dryRun) {
        const planned = await opened.api.mail.planImport(request);
        return planned.ok ? show(planned.value.rows) : reportError(input.io, planned.error);
      }
      const started = await opened.api.mail.applyImport(request);
      if (!started.ok) return reportError(input.io, started.error);
      const { jobId } = started.value;
      const ended = await followStarted(opened.core, input.io, input.json, started);
      const result = await opened.api.mail.importResult({ jobId });
      if (!ended.ok) {
        // A cancelled or failed job may still have applied some rows: show them before the reason.
        if (result.ok && result.value.rows.length) show(result.value.rows, jobId);
        return reportError(input.io, ended.error);
      }
      return result.ok ? show(result.value.rows, jobId) : reportError(input.io, result.error);
    },
  };
}

export const usersExportCommand = exportCommand('users');
export const usersImportCommand = importCommand('users');
export const aliasesExportCommand = exportCommand('aliases');
export const aliasesImportCommand = importCommand('aliases');
