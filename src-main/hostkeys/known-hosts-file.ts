import { createHmac } from 'node:crypto';
import { sha256Fingerprint } from './fingerprint';
import { matchHostPatterns } from '../../src-shared/host-patterns';

/** One usable line of an OpenSSH known_hosts file. */
export interface KnownHostsLine {
  readonly marker: 'revoked' | null;
  readonly patterns: string;
  readonly keyType: string;
  readonly fingerprint: string;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` elsewhere. */
export function knownHostsName(host: string, port: number): string {
  const lower = host.toLowerCase();
  return port === 22 ? lower : `[${lower}]:${port}`;
}

/**
 * Parses known_hosts text. Lines it cannot use (comments, @cert-authority, broken base64) are skipped:
 * they can only ever make a key untrusted, never trusted.
 */
export function parseKnownHosts(text: string): KnownHostsLine[] {
  const lines: KnownHostsLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostsLine['marker'] = null;
    if (fields[0]?.startsWith('@')) {
      if (fields[0] !== '@revoked') continue;
      marker = 'revoked';
      fields.shift();
    }
    const [patterns, keyType, keyBase64] = fields;
    if (patterns === undefined || keyType === undefined || keyBase64 === undefined) continue;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(keyBase64)) continue;
    lines.push({ marker, patterns, keyType, fingerprint: sha256Fingerprint(Buffer.from(keyBase64, 'base64')) });
  }
  return lines;
}

function matchesHashed(entry: string, name: string): boolean {
  const parts = entry.split('|');
  if (parts.length !== 4 || parts[1] !== '1' || parts[2] === undefined || parts[3] === undefined) return false;
  const digest = createHmac('sha1', Buffer.from(parts[2], 'base64')).update(name).digest('base64');
  return digest === parts[3];
}

/** OpenSSH's rule: a host matches if one pattern matches and no negated (`!`) pattern does; `|1|` entries are hashed. */
export function patternsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return matchesHashed(patterns, name);
  return matchHostPatterns(patterns.split(','), name);
}

/** The lines that apply to host:port. */
export function linesFor(lines: readonly KnownHostsLine[], host: string, port: number): KnownHostsLine[] {
  const name = knownHostsName(host, port);
  return lines.filter((line) => patternsMatch(line.patterns, name));
}
