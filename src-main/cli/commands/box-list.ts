import type { Box } from '../../../src-shared/domain/box';
import type { Command } from '../command';
import { EXIT } from '../command';
import { formatTable, printJson, reportError } from '../output';

export const boxListCommand: Command = {
  path: ['box', 'list'],
  usage: 'boxfleet box list [--json]',
  summary: 'List the boxes in the fleet',
  options: {},
  positionals: [],
  json: true,
  async run({ core, io, json }) {
    const result = await (await core()).router.call('boxes.list', {}, { face: 'cli' });
    if (!result.ok) return reportError(io, result.error);
    const boxes = result.value as Box[];
    if (json) printJson(io, boxes);
    else if (boxes.length === 0)
      io.out('No boxes yet. Add one with: boxfleet box add NAME --host HOST --user USER --key FILE\n');
    else
      io.out(
        formatTable(
          ['NAME', 'HOST', 'USER', 'MAIL-IN-A-BOX', 'TAGS'],
          boxes.map((b) => [
            b.name,
            b.port === 22 ? b.host : `${b.host}:${b.port}`,
            b.user,
            b.detected ? `${b.detected.flavour} ${b.detected.version}` : '?',
            b.tags.join(','),
          ]),
        ),
      );
    return EXIT.ok;
  },
};
