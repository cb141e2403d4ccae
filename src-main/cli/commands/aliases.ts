import type { MailAlias } from '../../../src-shared/contract/mailboxes';
import type { Command } from '../command';
import { EXIT, UsageError } from '../command';
import { formatTable, printJson, reportError } from '../output';
import { addressList, confirmed, openBox, reportLines } from './mail-common';

const REFUSAL =
  'Exit status: 0 done, 1 refused or failed (the reason on stderr: a refusal by the box is its own text, ' +
  'verbatim), 2 usage error.';

const KIND_WORDS: Record<MailAlias['kind'], string> = {
  regular: 'alias',
  'catch-all': 'catch-all',
  'domain-alias': 'domain alias',
  'send-only': 'send-only',
};

function aliasRow(alias: MailAlias): string[] {
  return [
    alias.display,
    KIND_WORDS[alias.kind] + (alias.auto ? ' (automatic)' : ''),
    alias.forwardsTo.join(', ') || '-',
    alias.permittedSenders.join(', ') || '-',
  ];
}

export const aliasesListCommand: Command = {
  path: ['aliases', 'list'],
  usage: 'boxfleet aliases list --box NAME [--json]',
  summary: "List a box's aliases, the automatic ones (postmaster@, abuse@ ...) marked",
  options: { box: { type: 'string' } },
  details: [
    'Addresses are shown with their domain in Unicode. KIND is alias, catch-all (@domain), domain alias ' +
      '(@a.example to @b.example) or send-only; automatic aliases are kept by the box itself and cannot be ' +
      'changed here.',
    'JSON: a list of {domain, aliases: [{address (as stored, punycode), display (Unicode), kind, auto, ' +
      'forwardsTo, permittedSenders}]}.',
  ],
  positionals: [],
  json: true,
  async run(input) {
    const opened = await openBox(input, 'aliases list');
    if (!opened.ok) return opened.code;
    const result = await opened.api.mailboxes.aliases.list({ boxId: opened.box.id });
    if (!result.ok) return reportError(input.io, result.error);
    if (input.json) {
      printJson(input.io, result.value);
      return EXIT.ok;
    }
    const rows = result.value.flatMap((g) => g.aliases.map(aliasRow));
    input.io.out(
      rows.length
        ? formatTable(['ADDRESS', 'KIND', 'FORWARDS TO', 'PERMITTED SENDERS'], rows)
        : 'No aliases on this box.\n',
    );
    return EXIT.ok;
  },
};

export const aliasesAddCommand: Command = {
  path: ['aliases', 'add'],
  usage:
    'boxfleet aliases add --box NAME ADDRESS --to EMAIL[,EMAIL...] [--permitted-senders EMAIL[,...]] [--update] [--json]',
  summary: 'Add an alias (or, with --update, replace an existing one)',
  options: {
    box: { type: 'string' },
    to: { type: 'string', multiple: true },
    'permitted-senders': { type: 'string', multiple: true },
    update: { type: 'boolean' },
  },
  optionHelp: {
    to: 'where mail to the alias goes: addresses separated by commas, or the option repeated',
    'permitted-senders':
      'who may send as the alias (default: the forward-to addresses); alone, without --to, a send-only alias',
    update: 'replace the alias if it exists (both lists are replaced), as the box panel does',
  },
  details: [
    'ADDRESS is user@domain, @domain for a catch-all, or @domain with --to @other-domain for a domain alias. ' +
      'Unicode domains are accepted.',
    'JSON: {address, box, forwardsTo, permittedSenders, report (the box change report)}.',
    REFUSAL,
  ],
  positionals: ['ADDRESS'],
  json: true,
  async run(input) {
    const forwardsTo = addressList(input.values, 'to');
    const permittedSenders = addressList(input.values, 'permitted-senders');
    if (forwardsTo.length === 0 && permittedSenders.length === 0)
      throw new UsageError('aliases add needs --to EMAIL[,EMAIL...] (or --permitted-senders for a send-only alias).');
    const opened = await openBox(input, 'aliases add');
    if (!opened.ok) return opened.code;
    const address = input.positionals[0] as string;
    const update = input.values.update === true;
    const result = await opened.api.mailboxes.aliases.add({
      boxId: opened.box.id,
      address,
      forwardsTo,
      permittedSenders,
      update,
    });
    if (!result.ok) return reportError(input.io, result.error);
    const { report } = result.value;
    if (input.json) printJson(input.io, { address, box: opened.box.name, forwardsTo, permittedSenders, report });
    else {
      const target = forwardsTo.length ? ` → ${forwardsTo.join(', ')}` : ' (send-only)';
      input.io.out(`${update ? 'Saved' : 'Added'} ${address}${target} on ${opened.box.name}.\n${reportLines(report)}`);
    }
    return EXIT.ok;
  },
};

export const aliasesRemoveCommand: Command = {
  path: ['aliases', 'remove'],
  usage: 'boxfleet aliases remove --box NAME ADDRESS [--yes] [--json]',
  summary: 'Remove an alias (automatic aliases cannot be removed)',
  options: { box: { type: 'string' }, yes: { type: 'boolean', short: 'y' } },
  details: [
    'On a terminal the command asks first; without one it needs --yes.',
    'JSON: {address, box, report}.',
    REFUSAL,
  ],
  positionals: ['ADDRESS'],
  json: true,
  async run(input) {
    const opened = await openBox(input, 'aliases remove');
    if (!opened.ok) return opened.code;
    const address = input.positionals[0] as string;
    if (!(await confirmed(input, `Remove the alias ${address} from ${opened.box.name}?`, 'aliases remove'))) {
      input.io.err('Nothing was removed.\n');
      return EXIT.failed;
    }
    const result = await opened.api.mailboxes.aliases.remove({ boxId: opened.box.id, address });
    if (!result.ok) return reportError(input.io, result.error);
    if (input.json) printJson(input.io, { address, box: opened.box.name, report: result.value.report });
    else input.io.out(`Removed ${address} from ${opened.box.name}.\n${reportLines(result.value.report)}`);
    return EXIT.ok;
  },
};
