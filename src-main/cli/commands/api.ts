import type { Command } from '../command';
import { EXIT, UsageError } from '../command';
import { findBoxByName } from '../box-lookup';
import { printJson, reportError } from '../output';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
type HttpMethod = (typeof METHODS)[number];

/** `K=V` pairs; the value may itself contain `=`. */
export function parseData(items: string[]): Array<[string, string]> {
  return items.map((item) => {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`--data takes KEY=VALUE, not "${item}".`);
    return [item.slice(0, at), item.slice(at + 1)];
  });
}

export const apiCommand: Command = {
  path: ['api'],
  usage: 'boxfleet api --box NAME METHOD PATH [--data K=V]... [--json]',
  summary: "Call a box's management API, authenticated with its API key (for scripting)",
  options: { box: { type: 'string' }, data: { type: 'string', multiple: true } },
  positionals: ['METHOD', 'PATH'],
  json: true,
  async run({ core, io, json, positionals, values }) {
    if (typeof values.box !== 'string') throw new UsageError('api needs --box NAME.');
    const method = (positionals[0] as string).toUpperCase();
    if (!METHODS.includes(method as HttpMethod))
      throw new UsageError(`METHOD is one of ${METHODS.join(', ')}, not "${positionals[0]}".`);
    const path = positionals[1] as string;
    if (!path.startsWith('/')) throw new UsageError(`PATH starts with / (for example /mail/users), not "${path}".`);
    const data = parseData(
      Array.isArray(values.data) ? values.data.filter((d): d is string => typeof d === 'string') : [],
    );
    const opened = await core();
    const found = await findBoxByName(opened, values.box);
    if (!found.ok) return reportError(io, found.error);
    const api = await opened.boxes.api(found.value.id);
    if (!api.ok) return reportError(io, api.error);
    const [pathOnly, search] = path.split('?', 2) as [string, string | undefined];
    // GET parameters go in the query string, everything else in a form body (§3.1).
    const query = {
      ...Object.fromEntries(new URLSearchParams(search ?? '')),
      ...(method === 'GET' ? Object.fromEntries(data) : {}),
    };
    const request = {
      method: method as HttpMethod,
      path: pathOnly,
      speed: 'slow' as const,
      ...(Object.keys(query).length ? { query } : {}),
      ...(data.length && method !== 'GET' ? { form: data } : {}),
    };
    const answer = await api.value.sendRaw(request);
    if (!answer.ok) return reportError(io, answer.error);
    const { status, body } = answer.value;
    if (json) printJson(io, { status, contentType: answer.value.headers['content-type'] ?? null, body });
    else io.out(body.endsWith('\n') || body === '' ? body : body + '\n');
    if (status >= 400) {
      io.err(`boxfleet: the box answered HTTP ${status}.\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  },
};
