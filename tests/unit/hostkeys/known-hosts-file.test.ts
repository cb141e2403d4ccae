import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { sha256Fingerprint } from '../../../src-main/hostkeys/fingerprint';
import { generateEd25519KeyPair } from '../../../src-main/ssh/key-pairs';
import { knownHostsName, linesFor, parseKnownHosts, patternsMatch } from '../../../src-main/hostkeys/known-hosts-file';

const keyA = generateEd25519KeyPair().publicKeyLine;
const keyB = utils.generateKeyPairSync('ecdsa', { bits: 256 }).public;
const fpA = sha256Fingerprint(Buffer.from(keyA.split(' ')[1] ?? '', 'base64'));
const fpB = sha256Fingerprint(Buffer.from(keyB.split(' ')[1] ?? '', 'base64'));
const body = (line: string): string => line.split(' ').slice(0, 2).join(' ');

describe('knownHostsName', () => {
  it('uses the bare host on port 22 and [host]:port elsewhere', () => {
    expect(knownHostsName('Box.Example.com', 22)).toBe('box.example.com');
    expect(knownHostsName('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222');
  });
});

describe('parseKnownHosts', () => {
  it('reads plain entries with comma lists, comments and [host]:port', () => {
    const text = [
      `# a comment`,
      ``,
      `box.example.com,10.0.0.5 ${body(keyA)} admin@laptop`,
      `[127.0.0.1]:2222 ${body(keyB)}`,
    ].join('\n');
    const lines = parseKnownHosts(text);
    expect(lines).toHaveLength(2);
    expect(linesFor(lines, '10.0.0.5', 22).map((l) => l.fingerprint)).toEqual([fpA]);
    expect(linesFor(lines, '127.0.0.1', 2222).map((l) => [l.keyType, l.fingerprint])).toEqual([
      ['ecdsa-sha2-nistp256', fpB],
    ]);
    expect(linesFor(lines, '127.0.0.1', 22)).toHaveLength(0);
  });

  it('matches hashed entries written by ssh-keygen -H, for port 22 and other ports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kh-'));
    try {
      const file = join(dir, 'known_hosts');
      writeFileSync(file, `box.example.com ${body(keyA)}\n[box.example.com]:2222 ${body(keyB)}\n`);
      execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
      const hashed = readFileSync(file, 'utf8');
      expect(hashed).not.toContain('box.example.com');
      const lines = parseKnownHosts(hashed);
      expect(linesFor(lines, 'box.example.com', 22).map((l) => l.fingerprint)).toEqual([fpA]);
      expect(linesFor(lines, 'box.example.com', 2222).map((l) => l.fingerprint)).toEqual([fpB]);
      expect(linesFor(lines, 'other.example.com', 22)).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps @revoked lines, skips @cert-authority and broken lines', () => {
    const text = [
      `@revoked * ${body(keyA)}`,
      `@cert-authority *.example.com ${body(keyB)}`,
      `broken-line`,
      `host ssh-ed25519 not*base64`,
    ].join('\n');
    const lines = parseKnownHosts(text);
    expect(lines).toEqual([{ marker: 'revoked', patterns: '*', keyType: 'ssh-ed25519', fingerprint: fpA }]);
  });
});

describe('patternsMatch', () => {
  it('supports wildcards and negation as OpenSSH does', () => {
    expect(patternsMatch('*.example.com', 'box.example.com')).toBe(true);
    expect(patternsMatch('box?.example.com', 'box1.example.com')).toBe(true);
    expect(patternsMatch('*.example.com,!secret.example.com', 'secret.example.com')).toBe(false);
    expect(patternsMatch('BOX.example.com', 'box.example.com')).toBe(true);
    expect(patternsMatch('box.example.com', 'box.example.com.evil')).toBe(false);
  });
});
