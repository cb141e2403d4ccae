import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Finds Boxfleet's own package.json upward from here: the layout differs between build/, asar and jest. */
export function appVersion(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'boxfleet' && pkg.version) return pkg.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}
