import { resolve } from 'node:path';
import type { z } from 'zod';
import type { hostKeyCheckSchema, detectionSchema } from '../../../src-shared/contract/boxes';
import type { Box } from '../../../src-shared/domain/box';
import type { CredentialInput } from '../../../src-shared/domain/credentials';
import { fail, type Result } from '../../../src-shared/contract/result';
import type { Command, CommandInput, OptionSpec } from '../command';
import { EXIT, UsageError } from '../command';
import { printJson, reportError } from '../output';
import { describeDetection } from './describe';

export type HostKeyCheck = z.infer<typeof hostKeyCheckSchema>;

export function str(values: CommandInput['values'], name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

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

/** Decides whether to trust a host key at first contact: the flag, a prompt on a terminal, or a refusal that says how. */
export async function confirmHostKey(input: CommandInput, host: string, check: HostKeyCheck): Promise<Result<string>> {
  const accept = str(input.values, 'accept-host-key');
  if (check.status === 'trusted') return { ok: true, value: check.fingerprint };
  if (check.status === 'mismatch') {
    if (accept === check.fingerprint) return { ok: true, value: check.fingerprint };
    return fail(
      'host-key-mismatch',
      `The host key of ${host} changed: it was ${check.expected ?? 'different'}, it is now ${check.keyType} ${check.fingerprint}. ` +
        'This can mean someone is intercepting the connection. Verify the new key on the box (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub); ' +
        `if it is right, run again with --accept-host-key ${check.fingerprint}.`,
    );
  }
  if (accept !== undefined) {
    if (accept === check.fingerprint) return { ok: true, value: accept };
    return fail(
      'host-key-mismatch',
      `${host} presented ${check.keyType} ${check.fingerprint}, not the ${accept} you said to accept. Nothing was sent to it.`,
    );
  }
  const question = `The host key of ${host} is ${check.keyType} ${check.fingerprint}.\nDoes it match the box's key (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the box)? [y/N] `;
  const answer = await input.io.prompt?.(question, { secret: false });
  if (answer !== undefined && /^y(es)?$/i.test(answer.trim())) return { ok: true, value: check.fingerprint };
  return fail(
    'host-key-unknown',
    answer === undefined
      ? `${host} is not known yet: its key is ${check.keyType} ${check.fingerprint}. Verify it on the box, then run again with --accept-host-key ${check.fingerprint}.`
      : 'Host key not confirmed; nothing was sent to the host.',
    { detail: { fingerprint: check.fingerprint, keyType: check.keyType } },
  );
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
    if (!host || !user) throw new UsageError('box add needs --host and --user.');
    const port = parsePort(str(values, 'port'), '--port', 22);
    const jump = str(values, 'jump');
    const jumpHost = jump === undefined ? undefined : parseJump(jump);
    const credential = await credentialFrom(input);
    const core = await input.core();
    const call = (method: string, request: unknown) => core.router.call(method, request, { face: 'cli' });

    const probe = await call('boxes.probe', { host, port, jumpHost, ...(jumpHost ? { credential } : {}) });
    if (!probe.ok) return reportError(io, probe.error);
    const confirmed = await confirmHostKey(input, host, probe.value as HostKeyCheck);
    if (!confirmed.ok) return reportError(io, confirmed.error);

    const connected = await call('boxes.connect', {
      host,
      port,
      user,
      jumpHost,
      apiPort: parsePort(str(values, 'api-port'), '--api-port', 10222),
      paths: pathsFrom(values),
      credential,
      acceptHostKey: confirmed.value,
    });
    if (!connected.ok) return reportError(io, connected.error);
    const { draftId, detection } = connected.value as { draftId: string; detection: z.infer<typeof detectionSchema> };
    const tags = Array.isArray(values.tag) ? values.tag.filter((t): t is string => typeof t === 'string') : [];
    const saved = await call('boxes.save', { draftId, name: positionals[0], tags });
    if (!saved.ok) {
      await call('boxes.discard', { draftId });
      return reportError(io, saved.error);
    }
    const box = saved.value as Box;
    if (input.json) printJson(io, { box, detection });
    else io.out(`Added ${box.name} (${box.user}@${box.host}). ${describeDetection(detection)}\n`);
    return EXIT.ok;
  },
};
