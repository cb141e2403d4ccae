import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import {
  authorizeCommand,
  encodeEd25519KeyPair,
  generateEd25519KeyPair,
  shellQuote,
  type GeneratedKeyPair,
} from '../../../src-main/ssh/key-pairs';
import { hostKeyAlgorithmOrder } from '../../../src-main/ssh/connect';

function runInHome(home: string, command: string): void {
  execFileSync('/bin/sh', ['-c', command], { env: { HOME: home, PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
}

/** A fixed seed whose ed25519 public key starts with two zero bytes: the case ssh2 1.17.0's generator breaks. */
const ZERO_LEADING_SEED = Buffer.from('80a99d40e686df7be47a8ffb3c212b5cc567ca2deb07164500b28ce547b83a03', 'hex');
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function keyFromSeed(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function blobOfLine(line: string): Buffer {
  return Buffer.from(line.split(' ')[1] ?? '', 'base64');
}

/** Checks one pair the way an SSH client would read it: ssh2 parses the private half and derives the public line. */
function expectConsistent(pair: GeneratedKeyPair, comment: string): void {
  const blob = blobOfLine(pair.publicKeyLine);
  // "ssh-ed25519" (4 + 11 bytes) and the 32-byte key (4 + 32 bytes): never shorter.
  expect(blob.length).toBe(51);
  const parsed = utils.parseKey(pair.privateKey);
  if (parsed instanceof Error) throw parsed;
  expect(parsed.type).toBe('ssh-ed25519');
  expect(parsed.comment).toBe(comment);
  expect(parsed.getPublicSSH().equals(blob)).toBe(true);
}

describe('generateEd25519KeyPair', () => {
  it('makes an OpenSSH private key whose public half is the authorized_keys line', () => {
    const pair = generateEd25519KeyPair('boxfleet@test');
    expect(pair.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    expect(pair.publicKeyLine).toMatch(/^ssh-ed25519 [A-Za-z0-9+/]+ boxfleet@test$/);
    expectConsistent(pair, 'boxfleet@test');
  });

  it('keeps leading zero bytes of the public key (ssh2 1.17.0 drops them in about one pair in 256)', () => {
    let zeroLeading = 0;
    for (let i = 0; i < 20_000 && zeroLeading < 3; i++) {
      const pair = generateEd25519KeyPair();
      expectConsistent(pair, 'boxfleet');
      if (blobOfLine(pair.publicKeyLine)[19] === 0) zeroLeading++;
    }
    expect(zeroLeading).toBe(3);
  });

  it('refuses comments that could break the authorized_keys line', () => {
    expect(() => generateEd25519KeyPair('a b')).toThrow();
    expect(() => generateEd25519KeyPair('x\nssh-rsa AAAA')).toThrow();
  });
});

describe('encodeEd25519KeyPair', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bf-keypair-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('encodes a key whose public half starts with zero bytes so that ssh2 and ssh-keygen read it', () => {
    const key = keyFromSeed(ZERO_LEADING_SEED);
    const pair = encodeEd25519KeyPair(key, 'zero@lead');
    const blob = blobOfLine(pair.publicKeyLine);
    expect(blob.subarray(19, 21)).toEqual(Buffer.from([0, 0]));
    expectConsistent(pair, 'zero@lead');
    const file = join(dir, 'id_zero');
    writeFileSync(file, pair.privateKey, { mode: 0o600 });
    expect(execFileSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' }).trim()).toBe(pair.publicKeyLine);
  });

  it('signs with the same key node:crypto holds', () => {
    const key = keyFromSeed(ZERO_LEADING_SEED);
    const parsed = utils.parseKey(encodeEd25519KeyPair(key).privateKey);
    if (parsed instanceof Error) throw parsed;
    const data = Buffer.from('boxfleet');
    expect(parsed.sign(data).equals(sign(null, data, key))).toBe(true);
  });

  it('refuses keys that are not ed25519', () => {
    expect(() => encodeEd25519KeyPair(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey)).toThrow();
  });
});

describe('authorizeCommand', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'home-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('creates ~/.ssh/authorized_keys with private modes and adds the key once', () => {
    const { publicKeyLine } = generateEd25519KeyPair();
    runInHome(home, authorizeCommand(publicKeyLine));
    runInHome(home, authorizeCommand(publicKeyLine));
    const file = join(home, '.ssh', 'authorized_keys');
    expect(readFileSync(file, 'utf8')).toBe(publicKeyLine + '\n');
    expect(statSync(join(home, '.ssh')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('starts a new line when the existing file lacks a final newline', () => {
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh', 'authorized_keys'), 'ssh-ed25519 AAAAexisting old@key');
    const { publicKeyLine } = generateEd25519KeyPair();
    runInHome(home, authorizeCommand(publicKeyLine));
    expect(readFileSync(join(home, '.ssh', 'authorized_keys'), 'utf8')).toBe(
      `ssh-ed25519 AAAAexisting old@key\n${publicKeyLine}\n`,
    );
  });

  it('refuses anything but one public key line', () => {
    expect(() => authorizeCommand("ssh-ed25519 AAAA x'; rm -rf ~; echo '")).toThrow();
    expect(() => authorizeCommand('ssh-ed25519 AAAA\nssh-ed25519 BBBB')).toThrow();
    expect(() => authorizeCommand('command="sh" ssh-ed25519 AAAA')).toThrow();
  });

  it('quotes for a POSIX shell', () => {
    expect(execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote("it's $HOME `x`")}`], { encoding: 'utf8' })).toBe(
      "it's $HOME `x`",
    );
  });
});

describe('hostKeyAlgorithmOrder', () => {
  it('asks for known key types first and keeps the others', () => {
    const order = hostKeyAlgorithmOrder(['ssh-rsa']);
    expect(order.slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(order).toContain('ssh-ed25519');
    expect(hostKeyAlgorithmOrder([])[0]).toBe('ssh-ed25519');
  });
});
