/**
 * The checklist of the box reference (/work/shared/reference/miab-management-api.md): every fact it marks verified,
 * plus precise statements clients rely on ("from the code"), each run against a fresh emulator over real HTTP for
 * each flavour it applies to. The entries live in ./reference/*-facts.ts, one file per area of the reference.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/server';
import type { Flavour } from '../../emulator/types';
import { aliasFacts } from './reference/alias-facts';
import { authFacts } from './reference/auth-facts';
import { dnsFacts } from './reference/dns-facts';
import { ADMIN, send } from './reference/fact';
import type { Ctx, Fact, Reply, Want } from './reference/fact';
import { mailFacts } from './reference/mail-facts';
import { powerFacts } from './reference/power-facts';
import { systemFacts } from './reference/system-facts';
import { wireFacts } from './reference/wire-facts';

const FACTS: Fact[] = [
  ...authFacts,
  ...wireFacts,
  ...mailFacts,
  ...aliasFacts,
  ...dnsFacts,
  ...systemFacts,
  ...powerFacts,
];

function expected(want: Want): Record<string, unknown> {
  const out: Record<string, unknown> = { status: want.status };
  if (want.type !== undefined) out['type'] = want.type;
  if (want.body !== undefined)
    out['body'] = typeof want.body === 'string' ? want.body : expect.stringMatching(want.body);
  for (const [k, v] of Object.entries(want.headers ?? {})) {
    out[k] = v === null ? undefined : typeof v === 'string' ? v : expect.stringMatching(v);
  }
  if (want.allow) out['allow'] = [...want.allow].sort();
  return out;
}

function actual(reply: Reply, want: Want): Record<string, unknown> {
  const out: Record<string, unknown> = { status: reply.status };
  if (want.type !== undefined) out['type'] = reply.headers['content-type'];
  if (want.body !== undefined) out['body'] = reply.body;
  for (const k of Object.keys(want.headers ?? {})) {
    const v = reply.headers[k];
    // node:http always hands Set-Cookie over as a list.
    out[k] = Array.isArray(v) && v.length === 1 ? v[0] : v;
  }
  if (want.allow) {
    out['allow'] = String(reply.headers['allow'] ?? '')
      .split(',')
      .map((m) => m.trim())
      .sort();
  }
  return out;
}

async function run(fact: Fact, flavour: Flavour): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'boxfleet-ref-'));
  const emu = await startEmulator({
    root,
    flavour,
    ...(fact.admin === false ? {} : { admin: ADMIN }),
    ...(fact.seed ? { seed: fact.seed } : {}),
    ...fact.options,
  });
  const ctx: Ctx = {
    emu,
    flavour,
    send: (req) => send(emu, req),
    login: async (email, password, headers) => {
      const r = await send(emu, {
        method: 'POST',
        path: '/login',
        auth: [email, password],
        ...(headers ? { headers } : {}),
      });
      const parsed = JSON.parse(r.body) as { status: string; api_key?: string };
      expect(parsed.status).toBe('ok');
      return parsed.api_key as string;
    },
  };
  try {
    const req = typeof fact.req === 'function' ? await fact.req(ctx) : fact.req;
    const reply = await send(emu, req);
    expect(actual(reply, fact.want)).toEqual(expected(fact.want));
    if (fact.want.check) await fact.want.check(reply, ctx);
  } finally {
    await emu.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

const cases = FACTS.flatMap((fact) =>
  (fact.flavours ?? (['upstream', 'power'] as const)).map((flavour) => ({
    name: `${fact.ref} [${fact.from}] ${flavour}: ${fact.what}`,
    fact,
    flavour,
  })),
);

describe('reference checklist: the emulator answers exactly what the reference states', () => {
  test.each(cases)('$name', ({ fact, flavour }) => run(fact, flavour));
});
