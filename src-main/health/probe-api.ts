import type { z } from 'zod';
import type { Flavour } from '../../src-shared/domain/box';
import type { BackupSummary, BoxHealth, TlsSummary } from '../../src-shared/domain/fleet-health';
import {
  aliasesSchema,
  backupStatusSchema,
  mailUsersSchema,
  sslStatusSchema,
  type BackupStatus,
  type SslStatus,
} from '../../src-shared/domain/miab';

/** The API's part of a box's health. */
export type ApiFacts = Pick<BoxHealth, 'flavour' | 'version' | 'backup' | 'tls' | 'counts'>;

export const NO_API_FACTS: ApiFacts = { flavour: null, version: null, backup: null, tls: null, counts: null };

/** `The certificate expires in 80 days on 2026-07-09.` → the date, as midnight UTC. */
function expiryOf(text: string): string | null {
  const match = /expires in -?\d+ days? on (\d{4}-\d{2}-\d{2})/.exec(text);
  if (!match?.[1]) return null;
  const at = new Date(`${match[1]}T00:00:00Z`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** §4.5.1: the soonest expiry the box states, and how many domains it marks warning or danger. */
export function tlsSummary(status: SslStatus): TlsSummary {
  let soonestExpiry: string | null = null;
  let soonestDomain: string | null = null;
  let problems = 0;
  for (const entry of status.status) {
    if (entry.status === 'warning' || entry.status === 'danger') problems += 1;
    // A signed certificate close to expiry is `danger` ("Certificate has a problem: The certificate is expiring
    // soon: The certificate expires in 5 days on …"), so the date is read from every entry that states one.
    const expiry = expiryOf(entry.text);
    if (expiry !== null && (soonestExpiry === null || expiry < soonestExpiry)) {
      soonestExpiry = expiry;
      soonestDomain = entry.domain;
    }
  }
  return { soonestExpiry, soonestDomain, problems };
}

/** duplicity's `20260419T010512Z` → ISO 8601. */
function duplicityDate(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** §4.9.1 (the same shape on Power, §6.3.6): `{}` is "off", `{error}` the box's complaint, else newest first. */
export function backupSummary(status: BackupStatus): BackupSummary {
  if ('error' in status) return { lastAt: null, enabled: true, error: status.error };
  if (!('backups' in status)) return { lastAt: null, enabled: false, error: null };
  const dates = status.backups.map((b) => duplicityDate(b.date)).filter((d): d is string => d !== null);
  dates.sort();
  return { lastAt: dates[dates.length - 1] ?? null, enabled: true, error: null };
}

interface Answer {
  status: number;
  body: string;
}

/**
 * The probe's `api <name> <status> <base64>` lines, or null when the probe could not ask the API itself (no curl,
 * no readable key, or not asked to): then the caller asks through the SSH tunnel instead.
 */
export function parseProbeApi(stdout: string): Map<string, Answer> | null {
  const answers = new Map<string, Answer>();
  for (const line of stdout.split('\n')) {
    if (line.startsWith('api-unavailable')) return null;
    const m = /^api ([a-z]+) (\d{3}) ([A-Za-z0-9+/=]*)$/.exec(line);
    if (m?.[1] && m[2] && m[3] !== undefined) {
      answers.set(m[1], { status: Number(m[2]), body: Buffer.from(m[3], 'base64').toString('utf8') });
    }
  }
  return answers.size > 0 ? answers : null;
}

function jsonAnswer<S extends z.ZodType>(answer: Answer | undefined, schema: S): z.infer<S> | null {
  if (answer?.status !== 200) return null;
  try {
    const checked = schema.safeParse(JSON.parse(answer.body));
    return checked.success ? checked.data : null;
  } catch {
    return null;
  }
}

/** The flavour probe's answer (§6.1): upstream has no such route, Power refuses it without credentials. */
function flavourOf(answer: Answer | undefined): Flavour | null {
  if (answer?.status === 404) return 'upstream';
  if (answer?.status === 401 || answer?.status === 403) return 'power';
  return null;
}

/** The API facts from the probe's answers; each one that failed or does not check out is null. */
export function factsFromAnswers(answers: Map<string, Answer>): ApiFacts {
  const version = answers.get('version');
  const text = version?.status === 200 ? version.body.trim() : '';
  const backup = jsonAnswer(answers.get('backup'), backupStatusSchema);
  const tls = jsonAnswer(answers.get('tls'), sslStatusSchema);
  const users = jsonAnswer(answers.get('users'), mailUsersSchema);
  const aliases = jsonAnswer(answers.get('aliases'), aliasesSchema);
  return {
    flavour: flavourOf(answers.get('flavour')),
    version: /^[A-Za-z0-9._+-]{1,64}$/.test(text) ? text : null,
    backup: backup === null ? null : backupSummary(backup),
    tls: tls === null ? null : tlsSummary(tls),
    counts:
      users !== null && aliases !== null
        ? {
            users: users.reduce((n, d) => n + d.users.length, 0),
            aliases: aliases.reduce((n, d) => n + d.aliases.length, 0),
          }
        : null,
  };
}
