import type { Command } from '../command';
import { str } from '../command';
import { reportError } from '../output';
import { followInstall } from './install-follow';
import { openBox } from './mail-common';

export const upgradeCommand: Command = {
  path: ['upgrade'],
  usage: 'boxfleet upgrade --box NAME [--version TAG] [--json]',
  summary: "Re-run setup on a box of the fleet, or upgrade it to another release; the box's daemon restarts",
  options: { box: { type: 'string' }, version: { type: 'string' } },
  optionHelp: { version: "the release tag to move to (default: the bootstrap's choice, i.e. the newest for its OS)" },
  details: [
    "Runs the bootstrap again on the box (with TAG when --version is given), with the box's own hostname and " +
      'addresses from /etc/mailinabox.conf, detached, and follows it as `install` does. The management daemon ' +
      'restarts and its API key rotates: sessions on the box end. `boxfleet install attach --box NAME` follows ' +
      'it again after a dropped connection.',
    'Output and exit status as for `install`.',
  ],
  positionals: [],
  json: true,
  async run(input) {
    const opened = await openBox(input, 'upgrade');
    if (!opened.ok) return opened.code;
    const version = str(input.values, 'version');
    if (!input.json)
      input.io.err(
        `Re-running setup on ${opened.box.name}${version ? ` (to ${version})` : ''}: its daemon restarts and its API key rotates.\n`,
      );
    const started = await opened.api.install.upgrade({ boxId: opened.box.id, ...(version ? { version } : {}) });
    if (!started.ok) return reportError(input.io, started.error);
    const code = await followInstall(
      opened.core,
      input.io,
      input.json,
      started.value,
      `boxfleet install attach --box ${opened.box.name}`,
    );
    return code;
  },
};
