import { parseArgs } from 'node:util';
import { createCore, type Core } from '../compose/core';
import { appVersion } from '../compose/app-version';
import { resolveDataDir } from '../store/data-dir';
import { EXIT, UsageError, type Command, type Io } from './command';
import { COMMANDS } from './commands';
import { commandHelp, globalHelp } from './help';
import { terminalSafeIo } from './output';
import { processIo } from './process-io';

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const DATA_DIR_NEEDS_VALUE = '--data-dir needs a folder: --data-dir DIR.';

/** The usage error when no command was recognised: says what is missing rather than naming an empty command. */
function withoutCommand(argv: string[], words: string[]): string {
  const dataDirAt = argv.indexOf('--data-dir');
  if (dataDirAt !== -1 && (dataDirAt === argv.length - 1 || (argv[dataDirAt + 1] ?? '').startsWith('-')))
    return DATA_DIR_NEEDS_VALUE;
  if (argv.includes('--data-dir=')) return DATA_DIR_NEEDS_VALUE;
  if (words.length === 0)
    return 'No command given (options alone do nothing). Run `boxfleet --help` for the list of commands.';
  return `Unknown command "${words.join(' ')}". Run \`boxfleet --help\` for the list.`;
}

/** Finds the command whose words start the positionals (options may sit anywhere). */
function findCommand(words: string[]): Command | undefined {
  return COMMANDS.find((c) => c.path.every((w, i) => words[i] === w));
}

/** First pass: which words are the command, without knowing the command's own options yet. */
function commandWords(argv: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (arg === '--data-dir') i++;
      continue;
    }
    words.push(arg);
    if (words.length === 2) break;
  }
  return words;
}

/** Runs one CLI invocation and returns its exit status. */
export async function main(
  argv: string[],
  terminal: Io = processIo(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const io = terminalSafeIo(terminal);
  const words = commandWords(argv);
  const command = findCommand(words);
  let opened: Core | undefined;
  try {
    if (!command) {
      const quick = parseArgs({ args: argv, options: GLOBAL_OPTIONS, strict: false, allowPositionals: true });
      if (quick.values.version) {
        io.out(`boxfleet ${appVersion()}\n`);
        return EXIT.ok;
      }
      if (quick.values.help || argv.length === 0) {
        io.out(globalHelp(COMMANDS));
        return argv.length === 0 ? EXIT.usage : EXIT.ok;
      }
      throw new UsageError(withoutCommand(argv, words));
    }
    const parsed = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      strict: true,
      allowPositionals: true,
    });
    if (parsed.values.help) {
      io.out(commandHelp(command));
      return EXIT.ok;
    }
    const positionals = parsed.positionals.slice(command.path.length);
    const most = command.repeatedPositional
      ? Infinity
      : command.positionals.length + (command.optionalPositionals?.length ?? 0);
    if (positionals.length < command.positionals.length || positionals.length > most) {
      throw new UsageError(`Usage: ${command.usage}`);
    }
    if (parsed.values.json && !command.json)
      throw new UsageError(`\`${command.path.join(' ')}\` has no --json output.`);
    const dataDirFlag = typeof parsed.values['data-dir'] === 'string' ? parsed.values['data-dir'] : undefined;
    if (dataDirFlag === '') throw new UsageError(DATA_DIR_NEEDS_VALUE);
    const dataDir = resolveDataDir(dataDirFlag, env);
    return await command.run({
      values: parsed.values,
      positionals,
      json: parsed.values.json === true,
      dataDir,
      io,
      core: async () =>
        (opened ??= await createCore({ dataDir, mode: command.face ?? 'cli', env, log: (m) => io.err(m + '\n') })),
    });
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`boxfleet: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    io.err(`boxfleet: ${(error as Error).message}\n`);
    return EXIT.failed;
  } finally {
    await opened?.close();
  }
}
