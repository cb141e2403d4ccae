import { ok, type Result } from '../../../src-shared/contract/result';
import {
  aliasesSchema,
  mailUsersSchema,
  userQuotaSchema,
  type AliasGroup,
  type MailUserGroup,
} from '../../../src-shared/domain/miab';
import type { ApiCaller } from '../api-request';
import { expectOk, json, lines, requireQuotaSupport, text } from './helpers';

export interface NewMailUser {
  email: string;
  password: string;
  privileges?: readonly string[];
  /** Omit for the box's default; an empty string is an error on the box (§4.2.2). */
  quota?: string;
}

export interface AliasChange {
  address: string;
  forwardsTo: readonly string[];
  permittedSenders: readonly string[];
  /** Replace an existing alias (both lists are replaced, §4.3.2). */
  updateIfExists?: boolean;
}

/** §4.2 mail users. Mutations answer with the box's change report (§4.12). */
export function usersRoutes(api: ApiCaller) {
  return {
    list: (): Promise<Result<MailUserGroup[]>> =>
      json(api, { method: 'GET', path: '/mail/users', query: { format: 'json' } }, mailUsersSchema),
    /** Active users only (§4.2.1 text form). */
    listEmails: async (): Promise<Result<string[]>> => {
      const body = await text(api, { method: 'GET', path: '/mail/users' });
      return body.ok ? ok(lines(body.value)) : body;
    },
    add: (user: NewMailUser): Promise<Result<string>> =>
      text(api, {
        method: 'POST',
        path: '/mail/users/add',
        speed: 'kick',
        form: {
          email: user.email,
          password: user.password,
          privileges: user.privileges?.join('\n'),
          quota: user.quota,
        },
      }),
    remove: (email: string): Promise<Result<string>> =>
      text(api, { method: 'POST', path: '/mail/users/remove', speed: 'kick', form: { email } }),
    setPassword: (email: string, password: string): Promise<Result<void>> =>
      expectOk(api, { method: 'POST', path: '/mail/users/password', form: { email, password } }),
    getQuota: async (email: string): Promise<Result<string>> => {
      const supported = await requireQuotaSupport(api);
      if (!supported.ok) return supported;
      // The JSON form answers 200 with an error array for an unknown user (§4.2.3); the text form gives a real 400.
      return text(api, { method: 'GET', path: '/mail/users/quota', query: { email, text: '1' } });
    },
    /** The JSON form, for callers that want the box's exact shape. */
    getQuotaJson: async (email: string): Promise<Result<{ email: string; quota: string }>> => {
      const supported = await requireQuotaSupport(api);
      if (!supported.ok) return supported;
      return json(api, { method: 'GET', path: '/mail/users/quota', query: { email } }, userQuotaSchema);
    },
    setQuota: async (email: string, quota: string): Promise<Result<void>> => {
      const supported = await requireQuotaSupport(api);
      if (!supported.ok) return supported;
      return expectOk(api, { method: 'POST', path: '/mail/users/quota', form: { email, quota } });
    },
    privileges: async (email: string): Promise<Result<string[]>> => {
      const body = await text(api, { method: 'GET', path: '/mail/users/privileges', query: { email } });
      return body.ok ? ok(lines(body.value)) : body;
    },
    addPrivilege: (email: string, privilege: string): Promise<Result<void>> =>
      expectOk(api, { method: 'POST', path: '/mail/users/privileges/add', form: { email, privilege } }),
    removePrivilege: (email: string, privilege: string): Promise<Result<void>> =>
      expectOk(api, { method: 'POST', path: '/mail/users/privileges/remove', form: { email, privilege } }),
  };
}

/** §4.3 aliases and mail domains. */
export function aliasesRoutes(api: ApiCaller) {
  return {
    list: (): Promise<Result<AliasGroup[]>> =>
      json(api, { method: 'GET', path: '/mail/aliases', query: { format: 'json' } }, aliasesSchema),
    /** The text form: `source\tdestination\tpermitted senders` rows, including auto aliases and IDN maps (§4.3.1). */
    listRaw: async (): Promise<Result<Array<{ source: string; destination: string; permittedSenders: string }>>> => {
      const body = await text(api, { method: 'GET', path: '/mail/aliases' });
      if (!body.ok) return body;
      return ok(
        lines(body.value).map((line) => {
          const [source = '', destination = '', permittedSenders = ''] = line.split('\t');
          return { source, destination, permittedSenders };
        }),
      );
    },
    add: (alias: AliasChange): Promise<Result<string>> =>
      text(api, {
        method: 'POST',
        path: '/mail/aliases/add',
        speed: 'kick',
        form: {
          address: alias.address,
          forwards_to: alias.forwardsTo.join(','),
          permitted_senders: alias.permittedSenders.join(','),
          update_if_exists: alias.updateIfExists ? '1' : '0',
        },
      }),
    /** Send the stored (lowercase) address: remove does not lowercase (§4.3.3). */
    remove: (address: string): Promise<Result<string>> =>
      text(api, { method: 'POST', path: '/mail/aliases/remove', speed: 'kick', form: { address } }),
    /** Every mail domain, punycode, in no particular order (§4.3.4). */
    domains: async (): Promise<Result<string[]>> => {
      const body = await text(api, { method: 'GET', path: '/mail/domains' });
      return body.ok ? ok(lines(body.value)) : body;
    },
  };
}
