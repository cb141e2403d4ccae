import { randomInt } from 'node:crypto';
import { createClient } from '../../../src-shared/contract/client';
import type { BoxfleetApi } from '../../../src-shared/contract';
import type { Box } from '../../../src-shared/domain/box';
import type { Core } from '../../compose/core';
import { findBoxByName } from '../box-lookup';
import type { CommandInput, Io, OptionValues } from '../command';
import { EXIT, UsageError, str } from '../command';
import { reportError } from '../output';

/**
 * The contract's typed api over the core's router, as the CLI face: the same calls (and the same answer checks)
 * the app makes, so a command cannot reach a service any other way.
 */
export function cliApi(core: Core): BoxfleetApi {
  return createClient({
    invoke: (method, request) => core.router.call(method, request, { face: 'cli' }),
    subscribe: (name, listener) => core.events.on((event, payload) => event === name && listener(payload)),
  }).api;
}

/** `--box NAME`, which every mail command needs: missing is a usage error (exit 2), not a failure. */
export function needBox(values: OptionValues, command: string): string {
  const name = str(values, 'box');
  if (name === undefined || name === '') throw new UsageError(`${command} needs --box NAME.`);
  return name;
}

/** The box named by --box, with the opened core and its api; a reported failure (exit 1) when there is none. */
export async function openBox(
  input: CommandInput,
  command: string,
): Promise<{ ok: true; box: Box; api: BoxfleetApi; core: Core } | { ok: false; code: number }> {
  const name = needBox(input.values, command);
  const core = await input.core();
  const found = await findBoxByName(core, name);
  if (!found.ok) return { ok: false, code: reportError(input.io, found.error) };
  return { ok: true, box: found.value, api: cliApi(core), core };
}

/** Addresses given as `a@x,b@y`, or by repeating the option, or both; blanks dropped. */
export function addressList(values: OptionValues, name: string): string[] {
  const raw = values[name];
  const given = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return given
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * Asks before a change that cannot be taken back from here: on a terminal a y/N question, with --yes nothing.
 * Without a terminal and without --yes it is a usage error, so a script never removes something by accident.
 */
export async function confirmed(input: CommandInput, question: string, command: string): Promise<boolean> {
  if (input.values.yes === true) return true;
  if (!input.io.prompt) throw new UsageError(`${command} asks before removing; without a terminal, pass --yes.`);
  const answer = await input.io.prompt(`${question} [y/N] `, { secret: false });
  return /^y(es)?$/i.test(answer.trim());
}

/**
 * A password from standard input (one trailing newline dropped, as `echo` or a file leaves it) or typed twice at a
 * no-echo prompt. Undefined when neither is possible: the caller decides (generate one, or refuse). Never argv.
 */
export async function readNewPassword(
  input: CommandInput,
  email: string,
): Promise<{ ok: true; password: string | undefined } | { ok: false; code: number }> {
  const { io, values } = input;
  if (values['password-stdin'] === true) {
    const password = (await io.readStdin()).replace(/\r?\n$/, '');
    if (password === '') throw new UsageError('--password-stdin read an empty password.');
    return { ok: true, password };
  }
  if (!io.prompt) return { ok: true, password: undefined };
  const password = await io.prompt(`New password for ${email}: `, { secret: true });
  if (password === '') return refuse(io, 'No password was typed; nothing was changed.');
  const again = await io.prompt('The same password again: ', { secret: true });
  if (again !== password) return refuse(io, 'The two passwords differ; nothing was changed.');
  return { ok: true, password };
}

function refuse(io: Io, message: string): { ok: false; code: number } {
  io.err(`boxfleet: ${message}\n`);
  return { ok: false, code: EXIT.failed };
}

// No look-alikes (0/O, 1/l/I), so a password read off a screen is typed right the first time.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters from a 56-letter alphabet: about 116 bits, well past the box's 8-character minimum. */
export function generatePassword(length = 20): string {
  let password = '';
  for (let i = 0; i < length; i++) password += ALPHABET[randomInt(ALPHABET.length)];
  return password;
}

/** The box's change report ("mail user added\nupdated DNS: ...") as lines under the command's own sentence. */
export function reportLines(report: string): string {
  const text = report.trim();
  return text === '' ? '' : text + '\n';
}
