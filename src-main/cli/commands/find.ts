import type { FleetMailHit } from '../../../src-shared/contract/mail-fleet';
import type { Command } from '../command';
import { EXIT } from '../command';
import { formatTable, printJson, reportError } from '../output';
import { cliApi } from './mail-common';

function hitRow(hit: FleetMailHit): string[] {
  const state =
    hit.kind === 'user'
      ? [hit.status === 'active' ? 'active' : 'archived', hit.admin ? 'admin' : ''].filter(Boolean).join(', ')
      : hit.auto
        ? 'automatic'
        : '';
  return [hit.boxName, hit.kind, hit.display, state || '-', hit.forwardsTo.join(', ') || '-'];
}

export const findCommand: Command = {
  path: ['find'],
  usage: 'boxfleet find TEXT [--json]',
  summary: 'Search the users and aliases of every box for TEXT (part of an address, any case)',
  options: {},
  details: [
    'Boxes are asked in parallel; a box that cannot be asked is named on stderr and the others still answer.',
    'JSON: {hits: [{boxId, boxName, kind (user or alias), address (as stored), display (Unicode), domain, ' +
      'status, admin, auto, forwardsTo, permittedSenders}], failures: [{boxId, boxName, error}]}.',
    'Exit status: 0 every box was searched (also when nothing matched), 1 some box could not be searched ' +
      '(what the others found is still printed), 2 usage error.',
  ],
  positionals: ['TEXT'],
  json: true,
  async run({ core, io, json, positionals }) {
    const text = positionals[0] as string;
    const result = await cliApi(await core()).mail.find({ text });
    if (!result.ok) return reportError(io, result.error);
    const { hits, failures } = result.value;
    if (json) printJson(io, { hits, failures });
    else if (hits.length) io.out(formatTable(['BOX', 'KIND', 'ADDRESS', 'STATE', 'FORWARDS TO'], hits.map(hitRow)));
    else io.out(`No user or alias matches "${text}".\n`);
    for (const failure of failures) io.err(`boxfleet: ${failure.boxName} was not searched: ${failure.error.message}\n`);
    return failures.length ? EXIT.failed : EXIT.ok;
  },
};
