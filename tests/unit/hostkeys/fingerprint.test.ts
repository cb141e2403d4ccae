import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { generateEd25519KeyPair } from '../../../src-main/ssh/key-pairs';
import { algorithmsForKeyType, keyTypeOfBlob, sha256Fingerprint } from '../../../src-main/hostkeys/fingerprint';

function blobOf(publicLine: string): Buffer {
  return Buffer.from(publicLine.split(' ')[1] ?? '', 'base64');
}

describe('sha256Fingerprint', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fp-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['ed25519', 'ecdsa', 'rsa'] as const)('prints %s fingerprints exactly as ssh-keygen -lf does', (type) => {
    const pair =
      type === 'ecdsa'
        ? utils.generateKeyPairSync('ecdsa', { bits: 256 })
        : type === 'rsa'
          ? utils.generateKeyPairSync('rsa', { bits: 2048 })
          : { public: generateEd25519KeyPair().publicKeyLine };
    const file = join(dir, `${type}.pub`);
    writeFileSync(file, pair.public + '\n');
    const keygen = /(SHA256:\S+)/.exec(
      execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file], { encoding: 'utf8' }),
    )?.[1];
    expect(sha256Fingerprint(blobOf(pair.public))).toBe(keygen);
  });

  it('has no base64 padding', () => {
    expect(sha256Fingerprint(Buffer.from('x'))).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});

describe('keyTypeOfBlob', () => {
  it('reads the type from a wire-format key', () => {
    expect(keyTypeOfBlob(blobOf(generateEd25519KeyPair().publicKeyLine))).toBe('ssh-ed25519');
    expect(keyTypeOfBlob(blobOf(utils.generateKeyPairSync('ecdsa', { bits: 384 }).public))).toBe('ecdsa-sha2-nistp384');
  });

  it('refuses blobs that do not hold a type', () => {
    expect(keyTypeOfBlob(Buffer.alloc(2))).toBeNull();
    expect(keyTypeOfBlob(Buffer.from([0, 0, 0, 200, 1, 2]))).toBeNull();
    expect(keyTypeOfBlob(Buffer.from([0, 0, 0, 3, 0x41, 0x20, 0x42]))).toBeNull();
  });
});

describe('algorithmsForKeyType', () => {
  it('maps RSA keys to their SHA-2 signature algorithms first', () => {
    expect(algorithmsForKeyType('ssh-rsa')).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(algorithmsForKeyType('ssh-ed25519')).toEqual(['ssh-ed25519']);
  });
});
