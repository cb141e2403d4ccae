import type { ParseArgsConfig } from 'node:util';
import type { Core } from '../compose/core';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** Where a command writes; injected so tests read what a person would see. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  isTty: boolean;
  /** Asks on the terminal without echo (secrets) or with echo. Undefined when there is no terminal. */
  prompt?: (question: string, options: { secret: boolean }) => Promise<string>;
}

export interface CommandInput {
  values: OptionValues;
  positionals: string[];
  json: boolean;
  dataDir: string;
  io: Io;
  /** Opens the core lazily: `--help` and usage errors never touch the data directory. */
  core(): Promise<Core>;
}

export interface Command {
  /** Words after `boxfleet`, e.g. ['box', 'list']. */
  path: string[];
  usage: string;
  summary: string;
  options: OptionSpec;
  /** Paragraphs for `--help` after the options: what the output means, exit status where it differs. */
  details?: readonly string[];
  /** What an option means here, where it differs from the shared wording in option-help.ts. */
  optionHelp?: Readonly<Record<string, string>>;
  /** Names of positionals, for help and arity checks. */
  positionals: string[];
  /** Names of trailing positionals that may be left out (`users quota EMAIL [Q]`, `users import [FILE]`). */
  optionalPositionals?: string[];
  /** A trailing positional that may be given any number of times, none included (`dns secondary [HOSTNAME...]`). */
  repeatedPositional?: string;
  /** Whether --json changes the output. */
  json: boolean;
  /** The face the core runs as; `serve` is browser mode, everything else the CLI. */
  face?: 'cli' | 'browser';
  run(input: CommandInput): Promise<number>;
}

export class UsageError extends Error {}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A string option's value, or undefined when absent (parseArgs types every value as a union). */
export function str(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
