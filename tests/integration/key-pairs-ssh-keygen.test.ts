import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { generateEd25519KeyPair, type GeneratedKeyPair } from '../../src-main/ssh/key-pairs';

jest.setTimeout(600_000);

const PAIRS = 10_000;

function fingerprintOf(publicKeyLine: string): string {
  const blob = Buffer.from(publicKeyLine.split(' ')[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * Runs `ssh-keygen -y` on every private key file, two at a time. Each answer is printed with one printf, well under
 * the pipe's atomic write size, so the lines of the two workers never mix.
 */
function derivePublicLines(dir: string, names: readonly string[]): Map<string, string> {
  const script = `cd "$0" && for f; do out=$(ssh-keygen -y -f "$f" 2>&1 | tr '\\n' ' '); printf '%s\\t%s\\n' "$f" "$out"; done`;
  const output = execFileSync('xargs', ['-0', '-n', '500', '-P', '2', 'sh', '-c', script, dir], {
    input: names.join('\0'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = new Map<string, string>();
  for (const line of output.split('\n').filter(Boolean)) {
    const [name = '', publicLine = ''] = line.split('\t');
    lines.set(name, publicLine.trim());
  }
  return lines;
}

describe(`${PAIRS} generated ed25519 key pairs`, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bf-keypairs-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are all accepted by OpenSSH and ssh2, each public half matching its private half', () => {
    const pairs = new Map<string, GeneratedKeyPair>();
    for (let i = 0; i < PAIRS; i++) {
      const name = `k${i}`;
      const pair = generateEd25519KeyPair(name);
      pairs.set(name, pair);
      writeFileSync(join(dir, name), pair.privateKey, { mode: 0o600 });
    }

    // ssh2's parseKey: the library that logs in with these keys must read every private half.
    const unreadable = [...pairs].filter(([, pair]) => utils.parseKey(pair.privateKey) instanceof Error);
    expect(unreadable.map(([name]) => name)).toEqual([]);

    // ssh-keygen -l reads an authorized_keys file: one call checks every public half.
    const authorizedKeys = join(dir, 'authorized_keys');
    writeFileSync(authorizedKeys, [...pairs.values()].map((pair) => pair.publicKeyLine).join('\n') + '\n');
    const listed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', authorizedKeys], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
      .split('\n')
      .filter(Boolean);
    expect(listed).toHaveLength(PAIRS);
    const expectedListing = [...pairs].map(
      ([name, pair]) => `256 ${fingerprintOf(pair.publicKeyLine)} ${name} (ED25519)`,
    );
    expect(listed).toEqual(expectedListing);

    // ssh-keygen -y derives the public line from each private half: it must be the line we hand out.
    const derived = derivePublicLines(dir, [...pairs.keys()]);
    const mismatched = [...pairs].filter(([name, pair]) => derived.get(name) !== pair.publicKeyLine);
    expect(
      mismatched.map(([name, pair]) => `${name}: ${derived.get(name) ?? 'no answer'} vs ${pair.publicKeyLine}`),
    ).toEqual([]);
  });
});
