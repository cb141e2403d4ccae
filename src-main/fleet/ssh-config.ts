import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { matchHostPatterns } from '../../src-shared/host-patterns';

export interface SshConfigHost {
  alias: string;
  host: string;
  port: number;
  user?: string;
  identityFile?: string;
  proxyJump?: string;
}

interface Block {
  patterns: string[];
  options: Map<string, string>;
}

function splitLine(line: string): [string, string] | null {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#')) return null;
  const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(trimmed);
  if (!m) return null;
  return [(m[1] as string).toLowerCase(), (m[2] as string).trim().replace(/^"(.*)"$/, '$1')];
}

function expandHome(path: string, home: string): string {
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/**
 * Parses OpenSSH client config text into the concrete hosts it names (wildcard-only blocks are defaults, not hosts).
 * Values follow ssh's rule: for each host, the first value from any matching block wins.
 */
export function parseSshConfig(text: string, home: string = homedir()): SshConfigHost[] {
  const blocks: Block[] = [{ patterns: ['*'], options: new Map() }];
  let inMatch = false;
  for (const line of text.split(/\r?\n/)) {
    const kv = splitLine(line);
    if (!kv) continue;
    const [key, value] = kv;
    if (key === 'host') {
      inMatch = false;
      blocks.push({ patterns: value.split(/\s+/).filter(Boolean), options: new Map() });
    } else if (key === 'match') {
      inMatch = true; // Match conditions need a live connection to evaluate; their options are not guessed at.
    } else if (!inMatch) {
      const block = blocks[blocks.length - 1] as Block;
      if (!block.options.has(key)) block.options.set(key, value);
    }
  }
  const aliases = new Set<string>();
  for (const b of blocks) for (const p of b.patterns) if (!/[*?!]/.test(p)) aliases.add(p);
  const hosts: SshConfigHost[] = [];
  for (const alias of aliases) {
    const get = (key: string) =>
      blocks.find((b) => matchHostPatterns(b.patterns, alias) && b.options.has(key))?.options.get(key);
    const port = Number(get('port') ?? 22);
    const entry: SshConfigHost = {
      alias,
      host: get('hostname') ?? alias,
      port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 22,
    };
    const user = get('user');
    const identityFile = get('identityfile');
    const proxyJump = get('proxyjump');
    if (user) entry.user = user;
    if (identityFile) entry.identityFile = expandHome(identityFile, home);
    if (proxyJump && proxyJump.toLowerCase() !== 'none') entry.proxyJump = proxyJump;
    hosts.push(entry);
  }
  return hosts;
}

/** Reads ~/.ssh/config, following `Include` lines one level deep. A missing file is an empty list. */
export async function readSshConfig(home: string = homedir()): Promise<SshConfigHost[]> {
  const load = async (path: string) => readFile(path, 'utf8').catch(() => '');
  const main = await load(join(home, '.ssh', 'config'));
  const parts: string[] = [];
  for (const line of main.split(/\r?\n/)) {
    const kv = splitLine(line);
    if (kv && kv[0] === 'include') {
      for (const file of kv[1].split(/\s+/)) {
        const path = expandHome(file, home);
        if (!/[*?]/.test(path)) parts.push(await load(isAbsolute(path) ? path : join(home, '.ssh', path)));
      }
    } else parts.push(line);
  }
  return parseSshConfig(parts.join('\n'), home);
}
