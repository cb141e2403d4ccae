import type { InstallAnswers, PreflightFacts } from '../../src-shared/contract/install';
import type { Flavour } from '../../src-shared/domain/box';
import { checkAnswers as checkInstallAnswers, checkHostname } from '../../src-shared/domain/install-answers';
import { checkNameAndTags, suggestName } from './add-server-form';

/** What the admin typed in the answers step, as typed. The password lives here only until `install.start`. */
export interface AnswersForm {
  readonly flavour: Flavour;
  readonly version: string;
  readonly hostname: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  readonly publicIp: string;
  readonly publicIpv6: string;
  readonly storageRoot: string;
  readonly name: string;
  readonly tagsText: string;
}

export type AnswerField = Exclude<keyof AnswersForm, 'flavour'>;
export type AnswerErrors = Partial<Record<AnswerField, string>>;

/** Setup's own default (§8.2): used when the field is left as it is. */
export const DEFAULT_STORAGE_ROOT = '/home/user-data';

export const EMPTY_ANSWERS: AnswersForm = {
  flavour: 'upstream',
  version: '',
  hostname: '',
  adminEmail: '',
  adminPassword: '',
  publicIp: '',
  publicIpv6: '',
  storageRoot: DEFAULT_STORAGE_ROOT,
  name: '',
  tagsText: '',
};

/** A name `hostname --fqdn` gave that setup would take as the box's hostname. */
function isFqdn(text: string): boolean {
  return checkHostname(text) === null;
}

/**
 * The answers prefilled from what preflight found, without touching anything the admin already typed: going back
 * to preflight and on again must not undo their work.
 */
export function prefillAnswers(form: AnswersForm, facts: PreflightFacts, host: string): AnswersForm {
  const fqdn = facts.fqdn && isFqdn(facts.fqdn) ? facts.fqdn : '';
  const hostname = form.hostname || fqdn;
  return {
    ...form,
    hostname,
    publicIp: form.publicIp || (facts.ipv4 ?? ''),
    publicIpv6: form.publicIpv6 || (facts.ipv6 ?? ''),
    name: form.name || suggestName(hostname, host),
  };
}

export type CheckedAnswers =
  | {
      readonly ok: true;
      readonly answers: InstallAnswers;
      readonly name: string;
      readonly tags: string[];
    }
  | { readonly ok: false; readonly errors: AnswerErrors };

/**
 * Checks the answers with main's own rules (src-shared/domain/install-answers, §8.2) field by field, plus the box's
 * name and tags as `boxes.save` checks them, and builds the `install.start` request.
 */
export function checkAnswers(form: AnswersForm): CheckedAnswers {
  const version = form.version.trim();
  const storageRoot = form.storageRoot.trim();
  const answers: InstallAnswers = {
    flavour: form.flavour,
    ...(version === '' ? {} : { version }),
    hostname: form.hostname.trim().toLowerCase().replace(/\.$/, ''),
    adminEmail: form.adminEmail.trim(),
    adminPassword: form.adminPassword,
    publicIp: form.publicIp.trim(),
    publicIpv6: form.publicIpv6.trim(),
    // Setup's default is left to setup: sent only when it differs.
    ...(storageRoot === '' || storageRoot === DEFAULT_STORAGE_ROOT ? {} : { storageRoot }),
  };
  const errors: AnswerErrors = {};
  for (const problem of checkInstallAnswers(answers)) {
    if (problem.field !== 'flavour') errors[problem.field] ??= problem.message;
  }
  const named = checkNameAndTags(form.name.trim(), form.tagsText);
  if (!named.ok) {
    if (named.errors.name) errors.name = named.errors.name;
    if (named.errors.tags) errors.tagsText = named.errors.tags;
  }
  if (Object.keys(errors).length > 0 || !named.ok) return { ok: false, errors };
  return { ok: true, answers, name: named.name, tags: named.tags };
}

const FIELDS: readonly string[] = [
  'version',
  'hostname',
  'adminEmail',
  'adminPassword',
  'publicIp',
  'publicIpv6',
  'storageRoot',
  'name',
  'tagsText',
];

/** Main's `validation` naming a field of the answers (`detail.field`, `tags` meaning the tags text). */
export function answerFieldOf(field: unknown): AnswerField | null {
  if (field === 'tags') return 'tagsText';
  return typeof field === 'string' && FIELDS.includes(field) ? (field as AnswerField) : null;
}
