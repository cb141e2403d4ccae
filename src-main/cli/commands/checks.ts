import type { ChecksChange, ChecksRun } from '../../../src-shared/domain/fleet-health';
import type { StatusItem } from '../../../src-shared/domain/miab';
import { withHeadings } from '../../health/checks-diff';
import type { Command, Io } from '../command';
import { EXIT, UsageError } from '../command';
import { findBoxByName } from '../box-lookup';
import { printJson, reportError } from '../output';
import { followStarted } from './status';

interface ChecksView {
  latest: ChecksRun | null;
  previous: ChecksRun | null;
  changes: ChecksChange[];
}

/** The box's own console symbols (status_checks.py): ✓ ok, ✖ error, ? warning. */
const SYMBOL: Record<StatusItem['type'], string> = { ok: '✓', error: '✖', warning: '?', na: ' ', heading: '' };

/** Texts may hold raw newlines and tab indentation from the box's source; shown as one line, as the box does. */
const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ');

function printRun(io: Io, run: ChecksRun): void {
  const counts = { ok: 0, warning: 0, error: 0 };
  let heading: string | null = null;
  for (const item of withHeadings(run.items)) {
    if (item.heading !== heading) {
      heading = item.heading;
      io.out(`\n${heading}\n${'='.repeat(heading.length)}\n`);
    }
    if (item.type === 'ok' || item.type === 'warning' || item.type === 'error') counts[item.type]++;
    io.out(`${SYMBOL[item.type]}  ${oneLine(item.text)}\n`);
    for (const extra of item.extra) io.out(`     ${oneLine(extra.text)}\n`);
  }
  io.out(`\n${counts.error} errors, ${counts.warning} warnings, ${counts.ok} ok (run at ${run.at}).\n`);
}

function printChanges(io: Io, view: ChecksView): void {
  if (!view.previous) {
    io.out('There is no earlier run to compare with yet.\n');
    return;
  }
  if (view.changes.length === 0) {
    io.out(`Nothing changed between the runs at ${view.previous.at} and ${view.latest?.at ?? '?'}.\n`);
    return;
  }
  io.out(`Changes between the runs at ${view.previous.at} and ${view.latest?.at ?? '?'}:\n`);
  for (const change of view.changes) {
    const line = (sign: string, item: StatusItem | undefined) =>
      item ? `  ${sign} ${SYMBOL[item.type]}  ${oneLine(item.text)}\n` : '';
    io.out(`\n${change.heading}\n`);
    if (!change.before && !change.after) io.out('  This section was removed.\n');
    io.out(line('-', change.before) + line('+', change.after));
  }
}

/** The run as JSON: every item as the box gave it (type, text, extra), with its heading attached. */
const runJson = (run: ChecksRun) =>
  withHeadings(run.items).map(({ heading, type, text, extra }) => ({ heading, type, text, extra }));

function needBox(box: unknown, command: string): string {
  if (typeof box !== 'string') throw new UsageError(`${command} needs --box NAME.`);
  return box;
}

export const checksRunCommand: Command = {
  path: ['checks', 'run'],
  usage: 'boxfleet checks run --box NAME [--json]',
  summary: "Run a box's status checks now (slow: the box's API answers nothing else meanwhile) and print them",
  options: { box: { type: 'string' } },
  details: [
    'JSON: the list of {heading, type, text, extra} in the order the box gives them; type is ok, warning, ' +
      'error or na, and heading is the heading the item stands under (headings are not items of their own).',
    'Exit status: 0 when the checks ran (whatever they found), 1 when they could not be run.',
  ],
  positionals: [],
  json: true,
  async run({ core, io, json, values }) {
    const name = needBox(values.box, 'checks run');
    const opened = await core();
    const found = await findBoxByName(opened, name);
    if (!found.ok) return reportError(io, found.error);
    const boxId = found.value.id;
    const started = await opened.router.call('checks.run', { boxId }, { face: 'cli' });
    const ended = await followStarted(opened, io, json, started);
    if (!ended.ok) return reportError(io, ended.error);
    const shown = await opened.router.call('checks.show', { boxId }, { face: 'cli' });
    if (!shown.ok) return reportError(io, shown.error);
    const { latest } = shown.value as ChecksView;
    if (!latest) return reportError(io, { code: 'internal', message: 'The run was not kept.', retryable: true });
    if (json) printJson(io, runJson(latest));
    else printRun(io, latest);
    return EXIT.ok;
  },
};

export const checksShowCommand: Command = {
  path: ['checks', 'show'],
  usage: 'boxfleet checks show --box NAME [--changes] [--json]',
  summary: "Print a box's newest status-check run as Boxfleet keeps it, or what changed since the run before",
  options: { box: { type: 'string' }, changes: { type: 'boolean' } },
  optionHelp: {
    changes: "only what changed since the previous run, compared the way the box's nightly status mail does",
  },
  details: [
    'JSON: the run as `checks run --json` prints it; with --changes a list of {heading, kind (added, removed or ' +
      'changed), before, after}, where a change with neither before nor after means the heading is gone.',
    'Exit status: 0 when there is a kept run, 1 when the box has none yet (run `boxfleet checks run` first).',
  ],
  positionals: [],
  json: true,
  async run({ core, io, json, values }) {
    const name = needBox(values.box, 'checks show');
    const opened = await core();
    const found = await findBoxByName(opened, name);
    if (!found.ok) return reportError(io, found.error);
    const shown = await opened.router.call('checks.show', { boxId: found.value.id }, { face: 'cli' });
    if (!shown.ok) return reportError(io, shown.error);
    const view = shown.value as ChecksView;
    if (!view.latest) {
      return reportError(io, {
        code: 'not-found',
        message: `No status checks of ${found.value.name} are kept yet. Run them with: boxfleet checks run --box ${found.value.name}`,
        retryable: false,
      });
    }
    if (values.changes === true) {
      if (json) printJson(io, view.changes);
      else printChanges(io, view);
    } else if (json) printJson(io, runJson(view.latest));
    else printRun(io, view.latest);
    return EXIT.ok;
  },
};
