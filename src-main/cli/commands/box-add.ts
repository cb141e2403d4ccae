import { resolve } from 'node:path';
import type { AppError } from '../../../src-shared/contract/result';
import type { CredentialInput } from '../../../src-shared/domain/credentials';
import type { Command, CommandInput, OptionSpec } from '../command';
import { EXIT, UsageError, str } from '../command';
import { printJson, reportError } from '../output';
import { connectAndSave } from './connect-flow';
import { describeDetection } from './describe';

export function parsePort(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`${flag} takes a port number from 1 to 65535, not "${value}".`);
  return port;
}

/** `user@host[:port]`, as ssh's ProxyJump writes it. */
export function parseJump(value: string): { host: string; port: number; user: string } {
  const m = /^([^@\s]+)@([^:\s]+)(?::(\d+))?$/.exec(value);
  if (!m) throw new UsageError(`--jump takes USER@HOST[:PORT], not "${value}".`);
  return { user: m[1] as string, host: m[2] as string, port: parsePort(m[3], '--jump', 22) };
}

/** A box with a non-standard layout names its files; all three or none, so a half-set profile cannot happen. */
export function pathsFrom(
  values: CommandInput['values'],
): { apiKey: string; conf: string; storageRoot: string } | undefined {
  const apiKey = str(values, 'api-key-file');
  const conf = str(values, 'conf-file');
  const storageRoot = str(values, 'storage-root');
  if (apiKey === undefined && conf === undefined && storageRoot === undefined) return undefined;
  if (!apiKey || !conf || !storageRoot)
    throw new UsageError('--api-key-file, --conf-file and --storage-root go together.');
  return { apiKey, conf, storageRoot };
}

async function readSecret(input: CommandInput, fromStdin: boolean, question: string): Promise<string | undefined> {
  if (fromStdin) return (await input.io.readStdin()).replace(/\r?\n$/, '');
  return input.io.prompt?.(question, { secret: true });
}

export async function credentialFrom(input: CommandInput): Promise<CredentialInput> {
  const { values } = input;
  const kinds = [values.key !== undefined, values['password-stdin'] === true, values.agent === true].filter(
    Boolean,
  ).length;
  if (kinds !== 1) throw new UsageError('Choose one way to log in: --key FILE, --password-stdin or --agent.');
  if (values['passphrase-stdin'] && values.key === undefined)
    throw new UsageError('--passphrase-stdin goes with --key FILE.');
  const key = str(values, 'key');
  if (key !== undefined) {
    const passphrase = values['passphrase-stdin'] ? await readSecret(input, true, '') : undefined;
    return passphrase === undefined
      ? { kind: 'key-file', path: resolve(key) }
      : { kind: 'key-file', path: resolve(key), passphrase };
  }
  if (values['password-stdin']) {
    const password = await readSecret(input, true, '');
    if (!password) throw new UsageError('--password-stdin read an empty password.');
    return { kind: 'password', password };
  }
  return { kind: 'agent' };
}

/** Where and how to log in: the flags `box add` and `box edit` share. */
export const CONNECTION_OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  user: { type: 'string' },
  key: { type: 'string' },
  'passphrase-stdin': { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  agent: { type: 'boolean' },
  'accept-host-key': { type: 'string' },
  tag: { type: 'string', multiple: true },
  jump: { type: 'string' },
  'api-port': { type: 'string' },
  'api-key-file': { type: 'string' },
  'conf-file': { type: 'string' },
  'storage-root': { type: 'string' },
} satisfies OptionSpec;

/** A duplicate server: say how to reach the box that already exists instead of adding a second one. */
function withOpenHint(error: AppError): AppError {
  const name = error.code === 'conflict' ? error.detail?.['name'] : undefined;
  if (typeof name !== 'string') return error;
  return {
    ...error,
    message:
      `${error.message} See it with \`boxfleet box show ${name}\`; change its login or address with ` +
      `\`boxfleet box edit ${name} ...\`.`,
  };
}

export const boxAddCommand: Command = {
  path: ['box', 'add'],
  usage:
    'boxfleet box add NAME --host H [--port P] --user U (--key FILE [--passphrase-stdin] | --password-stdin | --agent) [--accept-host-key SHA256:...] [--tag T]... [--jump USER@HOST[:PORT]] [--api-port P] [--api-key-file PATH --conf-file PATH --storage-root PATH] [--json]',
  summary: 'Add a Mail-in-a-Box to the fleet (the credential goes to the OS keychain)',
  options: CONNECTION_OPTIONS,
  positionals: ['NAME'],
  json: true,
  async run(input) {
    const { values, positionals, io } = input;
    const host = str(values, 'host');
    const user = str(values, 'user');
    if (!host || !user) {
      const missing = [host ? undefined : '--host HOST', user ? undefined : '--user USER'].filter(Boolean);
      throw new UsageError(`box add needs ${missing.join(' and ')}.`);
    }
    const port = parsePort(str(values, 'port'), '--port', 22);
    const jump = str(values, 'jump');
    const jumpHost = jump === undefined ? undefined : parseJump(jump);
    const credential = await credentialFrom(input);
    const tags = Array.isArray(values.tag) ? values.tag.filter((t): t is string => typeof t === 'string') : [];
    const target = {
      host,
      port,
      user,
      jumpHost,
      apiPort: parsePort(str(values, 'api-port'), '--api-port', 10222),
      paths: pathsFrom(values),
    };
    const done = await connectAndSave(input, await input.core(), target, credential, {
      name: positionals[0] as string,
      tags,
    });
    if (!done.ok) return reportError(io, withOpenHint(done.error));
    const { box, detection } = done.value;
    if (input.json) printJson(io, { box, detection });
    else io.out(`Added ${box.name} (${box.user}@${box.host}). ${describeDetection(detection)}\n`);
    return EXIT.ok;
  },
};
