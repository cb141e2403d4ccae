import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { authorizeCommand, generateEd25519KeyPair, shellQuote } from '../../../src-main/ssh/key-pairs';
import { hostKeyAlgorithmOrder } from '../../../src-main/ssh/connect';

function runInHome(home: string, command: string): void {
  execFileSync('/bin/sh', ['-c', command], { env: { HOME: home, PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
}

describe('generateEd25519KeyPair', () => {
  it('makes an OpenSSH private key whose public half is the authorized_keys line', () => {
    const pair = generateEd25519KeyPair('boxfleet@test');
    expect(pair.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(pair.publicKeyLine).toMatch(/^ssh-ed25519 [A-Za-z0-9+/]+ boxfleet@test$/);
    const parsed = utils.parseKey(pair.privateKey);
    if (parsed instanceof Error) throw parsed;
    expect(parsed.type).toBe('ssh-ed25519');
    expect(`ssh-ed25519 ${parsed.getPublicSSH().toString('base64')} boxfleet@test`).toBe(pair.publicKeyLine);
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
