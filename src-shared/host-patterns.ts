function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * OpenSSH's host pattern rule, shared by `Host` lines in ssh_config and host lists in known_hosts: a name matches
 * when one pattern matches (`*` and `?` wildcards, case-insensitive) and no negated (`!`) pattern does.
 */
export function matchHostPatterns(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern === '') continue;
    const negated = pattern.startsWith('!');
    if (globToRegExp(negated ? pattern.slice(1) : pattern).test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}
