/**
 * Werkzeug-style URL matching (§3.3): `<name>` and `<path:name>` rules, 405 with `Allow` for a known path with
 * another method, 308 to the slashed URL for rules declared with a trailing slash, and 404 otherwise.
 */
import type { Flavour, RouteDef } from './types';

interface CompiledRoute {
  def: RouteDef;
  re: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: 'route'; def: RouteDef; params: Record<string, string>; allow: string[] }
  | { kind: 'options'; allow: string[] }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'redirect'; path: string }
  | { kind: 'not-found' };

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(def: RouteDef): CompiledRoute {
  const names: string[] = [];
  let source = '';
  let rest = def.path;
  for (let m = /<(?:(\w+):)?(\w+)>/.exec(rest); m; m = /<(?:(\w+):)?(\w+)>/.exec(rest)) {
    source += escapeRe(rest.slice(0, m.index));
    names.push(m[2] as string);
    source += m[1] === 'path' ? '([^/].*?)' : '([^/]+)';
    rest = rest.slice(m.index + m[0].length);
  }
  source += escapeRe(rest);
  return { def, re: new RegExp(`^${source}$`), names };
}

/** The methods a rule answers: its own, HEAD with GET, and OPTIONS (Flask's automatic options). */
function ruleMethods(def: RouteDef): string[] {
  return def.method === 'GET' ? ['GET', 'HEAD', 'OPTIONS'] : [def.method, 'OPTIONS'];
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(defs: readonly RouteDef[], flavour: Flavour) {
    // Werkzeug tries static parts before converters, and `path` converters last.
    const weight = (d: RouteDef): [number, number, number] => [
      (d.path.match(/<path:/g) ?? []).length,
      (d.path.match(/</g) ?? []).length,
      -d.path.replace(/<[^>]*>/g, '').length,
    ];
    this.routes = defs
      .filter((d) => d.flavours.includes(flavour))
      .map((d) => ({ d, w: weight(d) }))
      .sort((a, b) => a.w[0] - b.w[0] || a.w[1] - b.w[1] || a.w[2] - b.w[2])
      .map(({ d }) => compile(d));
  }

  private matching(path: string): Array<{ route: CompiledRoute; params: Record<string, string> }> {
    const out: Array<{ route: CompiledRoute; params: Record<string, string> }> = [];
    for (const route of this.routes) {
      const m = route.re.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.names.forEach((n, i) => (params[n] = m[i + 1] as string));
      out.push({ route, params });
    }
    return out;
  }

  match(method: string, path: string): RouteMatch {
    const hits = this.matching(path);
    const allow = [...new Set(hits.flatMap((h) => ruleMethods(h.route.def)))].sort();
    if (hits.length > 0) {
      if (method === 'OPTIONS') return { kind: 'options', allow };
      const want = method === 'HEAD' ? 'GET' : method;
      const hit = hits.find((h) => h.route.def.method === want);
      if (hit) return { kind: 'route', def: hit.route.def, params: hit.params, allow };
      return { kind: 'method-not-allowed', allow };
    }
    if (!path.endsWith('/')) {
      const want = method === 'HEAD' ? 'GET' : method;
      const slashed = this.matching(path + '/');
      if (slashed.some((h) => method === 'OPTIONS' || h.route.def.method === want)) {
        return { kind: 'redirect', path: path + '/' };
      }
    }
    return { kind: 'not-found' };
  }
}
