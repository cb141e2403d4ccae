import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src-main/cli/main';
import { COMMANDS } from '../../../src-main/cli/commands';
import { formatTable, printJson, terminalSafe } from '../../../src-main/cli/output';
import { captureIo } from '../../helpers/capture-io';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bf-cli-messages-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io, {});
  return { code, out: io.stdout, err: io.stderr };
}

describe('CLI usage messages', () => {
  it.each([
    [['--data-dir'], 'boxfleet: --data-dir needs a folder: --data-dir DIR.\n'],
    [['--data-dir='], 'boxfleet: --data-dir needs a folder: --data-dir DIR.\n'],
    [['--data-dir', '--json'], 'boxfleet: --data-dir needs a folder: --data-dir DIR.\n'],
    [['box', 'list', '--data-dir='], 'boxfleet: --data-dir needs a folder: --data-dir DIR.\n'],
    [
      ['--json'],
      'boxfleet: No command given (options alone do nothing). Run `boxfleet --help` for the list of commands.\n',
    ],
  ])('%j: says what is missing', async (argv, message) => {
    expect(await run(argv)).toEqual({ code: 2, out: '', err: message });
  });

  it.each([
    [['--user', 'admin'], 'boxfleet: box add needs --host HOST.\n'],
    [['--host', 'box.example.com'], 'boxfleet: box add needs --user USER.\n'],
    [[], 'boxfleet: box add needs --host HOST and --user USER.\n'],
  ])('box add %j names only the missing flags', async (flags, message) => {
    const result = await run(['--data-dir', join(dir, 'unused'), 'box', 'add', 'mail1', ...flags, '--agent']);
    expect(result).toEqual({ code: 2, out: '', err: message });
  });

  it('says in words that --data-dir is a file, without a raw EEXIST', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const result = await run(['--data-dir', file, 'box', 'list']);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `boxfleet: The data directory ${file} cannot be made: it, or a folder above it, is a file. ` +
        'Choose another with --data-dir DIR or BOXFLEET_DATA_DIR.\n',
    );
  });

  it('tightens an existing data directory to 0700', async () => {
    const open = join(dir, 'open');
    mkdirSync(open, { mode: 0o755 });
    expect(statSync(open).mode & 0o777).toBe(0o755);
    expect((await run(['--data-dir', open, 'box', 'list'])).code).toBe(0);
    expect(statSync(open).mode & 0o777).toBe(0o700);
  });
});

describe('CLI help', () => {
  it.each([[['--help']], ...COMMANDS.map((c) => [[...c.path, '--help']])])('%j fits in 100 columns', async (argv) => {
    const { code, out } = await run(argv);
    expect(code).toBe(0);
    const long = out.split('\n').filter((line) => line.length > 100);
    expect(long).toEqual([]);
  });

  it.each(COMMANDS.map((c) => [c.path.join(' '), c] as const))(
    '%s --help explains every option',
    async (_name, command) => {
      const { out } = await run([...command.path, '--help']);
      const lines = out.split('\n');
      for (const option of Object.keys(command.options)) {
        const line = lines.find((l) => l.trimStart().startsWith(`--${option}`));
        // The flag, then at least two spaces, then words: an option listed without a meaning fails.
        expect(line).toMatch(new RegExp(`--${option}\\b.*\\s{2,}\\S+`));
      }
    },
  );

  it('keeps every word of each usage line when wrapping', async () => {
    const { out } = await run(['--help']);
    const flat = out.replace(/\s+/g, ' ');
    for (const command of COMMANDS) expect(flat).toContain(command.usage.replace(/\s+/g, ' '));
  });
});

describe('text from elsewhere on the terminal', () => {
  it('loses control characters, keeping tabs and newlines', () => {
    expect(terminalSafe('box\u001b]0;owned\u0007.example.com\r\n\tok\u009b2J\u202eevil')).toBe(
      'box]0;owned.example.com\n\tok2Jevil',
    );
  });

  it('is escaped, not lost, in JSON output', () => {
    const io = captureIo();
    const value = { hostname: 'a\u009b2J\u202eb\u001bc\nd' };
    printJson(io, value);
    expect(io.stdout).toBe('{\n  "hostname": "a\\u009b2J\\u202eb\\u001bc\\nd"\n}\n');
    expect(JSON.parse(io.stdout)).toEqual(value);
  });

  it('keeps table columns aligned after stripping', () => {
    expect(
      formatTable(
        ['A', 'B'],
        [
          ['x\u001b[1m', 'y'],
          ['long', 'z'],
        ],
      ),
    ).toBe('A     B\nx[1m  y\nlong  z\n');
  });

  it('is stripped from everything a command prints', async () => {
    const name = 'mail\u001b[2J\u001b]0;pwned\u0007';
    const result = await run(['--data-dir', join(dir, 'empty'), 'box', 'show', name]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      'boxfleet: There is no box called "mail[2J]0;pwned". `boxfleet box list` shows the fleet.\n',
    );
  });
});
