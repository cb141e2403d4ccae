import { findBoxByName } from '../box-lookup';
import type { Command } from '../command';
import { EXIT, UsageError, str } from '../command';
import { printJson, reportError } from '../output';
import { CONNECTION_OPTIONS, credentialFrom, parseJump, parsePort, pathsFrom } from './box-add';
import { connectAndSave } from './connect-flow';
import { describeDetection } from './describe';

/**
 * `box edit`: logs in with the new settings first and only then replaces the box's connection, so a typo or a
 * wrong password leaves the box as it was. Flags not given keep the box's current value; the credential is always
 * given again, because the saved one never leaves the keychain.
 */
export const boxEditCommand: Command = {
  path: ['box', 'edit'],
  usage:
    'boxfleet box edit NAME (--key FILE [--passphrase-stdin] | --password-stdin | --agent) [--host H] [--port P] [--user U] [--accept-host-key SHA256:...] [--tag T]... [--jump USER@HOST[:PORT] | --no-jump] [--api-port P] [--api-key-file PATH --conf-file PATH --storage-root PATH] [--json]',
  summary: 'Change how Boxfleet reaches a box: address, user, jump host, paths, and its login',
  options: { ...CONNECTION_OPTIONS, 'no-jump': { type: 'boolean' } },
  positionals: ['NAME'],
  json: true,
  async run(input) {
    const { values, positionals, io } = input;
    if (values.jump !== undefined && values['no-jump']) throw new UsageError('Use either --jump or --no-jump.');
    const credential = await credentialFrom(input);
    const core = await input.core();
    const found = await findBoxByName(core, positionals[0] as string);
    if (!found.ok) return reportError(io, found.error);
    const box = found.value;
    const host = str(values, 'host') ?? box.host;
    const port = parsePort(str(values, 'port'), '--port', box.port);
    const user = str(values, 'user') ?? box.user;
    const jump = str(values, 'jump');
    const jumpHost = values['no-jump'] ? undefined : jump === undefined ? box.jumpHost : parseJump(jump);
    const tags = Array.isArray(values.tag) ? values.tag.filter((t): t is string => typeof t === 'string') : box.tags;
    const target = {
      host,
      port,
      user,
      jumpHost,
      apiPort: parsePort(str(values, 'api-port'), '--api-port', box.apiPort),
      paths: pathsFrom(values) ?? box.paths,
    };
    const done = await connectAndSave(input, core, target, credential, { name: box.name, tags, replaces: box.id });
    if (!done.ok) return reportError(io, done.error);
    const { box: edited, detection } = done.value;
    if (input.json) printJson(io, { box: edited, detection });
    else io.out(`Updated ${edited.name} (${edited.user}@${edited.host}). ${describeDetection(detection)}\n`);
    return EXIT.ok;
  },
};
