import type {
  MailCapabilities,
  MailDomainAliases,
  MailDomainSummary,
  MailDomainUsers,
  MailGuide,
} from '../../src-shared/contract/mailboxes';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { AliasGroup, MailUserGroup } from '../../src-shared/domain/miab';
import {
  checkAlias,
  checkPassword,
  checkUserAddress,
  isDcvAddress,
  normaliseAliasAddress,
  parseQuota,
} from '../../src-shared/domain/mail-rules';
import type { BoxInfo } from '../box/api-request';
import type { AliasChange, NewMailUser } from '../box/routes';
import { hostnameFromAliases, summariseDomains, toMailAliases } from './alias-view';
import { requireQuotas } from '../box/routes/helpers';
import { toCapabilities } from './capabilities';
import { buildMailGuide } from './mail-guide';
import { toMailDomains } from './users-view';

/** The routes of one box the mail service uses (a BoxApiClient has them; tests may pass anything that does). */
export interface MailBoxApi {
  detect(): Promise<Result<BoxInfo>>;
  readonly routes: {
    readonly users: {
      list(): Promise<Result<MailUserGroup[]>>;
      add(user: NewMailUser): Promise<Result<string>>;
      remove(email: string): Promise<Result<string>>;
      setPassword(email: string, password: string): Promise<Result<void>>;
      getQuota(email: string): Promise<Result<string>>;
      setQuota(email: string, quota: string): Promise<Result<void>>;
      addPrivilege(email: string, privilege: string): Promise<Result<void>>;
      removePrivilege(email: string, privilege: string): Promise<Result<void>>;
    };
    readonly aliases: {
      list(): Promise<Result<AliasGroup[]>>;
      add(alias: AliasChange): Promise<Result<string>>;
      remove(address: string): Promise<Result<string>>;
      domains(): Promise<Result<string[]>>;
    };
    readonly power: { defaultQuota(): Promise<Result<string>> };
  };
}

export interface MailServiceDeps {
  /** The management API of a box in the fleet. */
  api(boxId: string): Promise<Result<MailBoxApi>>;
  /** The box's PRIMARY_HOSTNAME as detected over SSH when it was added or tested; null when not known. */
  hostname(boxId: string): Promise<Result<string | null>>;
}

export interface NewUser {
  email: string;
  password: string;
  admin: boolean;
  /** Omitted: the box's default (Power's default quota, upstream unlimited). */
  quota?: string | undefined;
}

export interface AliasRequest {
  address: string;
  forwardsTo: readonly string[];
  permittedSenders: readonly string[];
  update: boolean;
}

type Report = { report: string };

/** A refusal by the rules the box would apply itself: the box's own text, found before the box is asked. */
function invalid(field: string, message: string) {
  return fail('validation', message, { retryable: false, detail: { field } });
}

/**
 * One box's mail users and aliases, as the box's Users and Aliases pages offer them. Input is checked against the
 * box's rules first (same texts as the box); when the box refuses anyway, its text comes back verbatim.
 */
export class MailService {
  constructor(private readonly deps: MailServiceDeps) {}

  private async withApi<T>(boxId: string, work: (api: MailBoxApi) => Promise<Result<T>>): Promise<Result<T>> {
    const api = await this.deps.api(boxId);
    return api.ok ? work(api.value) : api;
  }

  private static async quotaBox(api: MailBoxApi): Promise<Result<BoxInfo>> {
    const info = await api.detect();
    return info.ok ? requireQuotas(info.value) : info;
  }

  capabilities(boxId: string): Promise<Result<MailCapabilities>> {
    return this.withApi(boxId, async (api) => {
      const info = await api.detect();
      if (!info.ok) return info;
      if (info.value.flavour !== 'power') return ok(toCapabilities(info.value, null));
      const quota = await api.routes.power.defaultQuota();
      return quota.ok ? ok(toCapabilities(info.value, quota.value)) : quota;
    });
  }

  domains(boxId: string): Promise<Result<MailDomainSummary[]>> {
    return this.withApi(boxId, async (api) => {
      const users = await api.routes.users.list();
      if (!users.ok) return users;
      const aliases = await api.routes.aliases.list();
      if (!aliases.ok) return aliases;
      const domains = await api.routes.aliases.domains();
      if (!domains.ok) return domains;
      const known = await this.deps.hostname(boxId);
      const hostname = (known.ok ? known.value : null) ?? hostnameFromAliases(aliases.value);
      return ok(summariseDomains(users.value, aliases.value, domains.value, hostname));
    });
  }

  guide(boxId: string): Promise<Result<MailGuide>> {
    return this.withApi(boxId, async (api) => {
      const info = await api.detect();
      if (!info.ok) return info;
      const known = await this.deps.hostname(boxId);
      if (!known.ok) return known;
      let hostname = known.value;
      if (hostname === null) {
        const aliases = await api.routes.aliases.list();
        if (!aliases.ok) return aliases;
        hostname = hostnameFromAliases(aliases.value);
      }
      if (hostname === null)
        return fail('not-found', "The box's host name is not known yet: test the connection to the box first.", {
          retryable: false,
        });
      return ok(buildMailGuide(hostname, info.value));
    });
  }

  listUsers(boxId: string): Promise<Result<MailDomainUsers[]>> {
    return this.withApi(boxId, async (api) => {
      const users = await api.routes.users.list();
      return users.ok ? ok(toMailDomains(users.value)) : users;
    });
  }

  addUser(boxId: string, user: NewUser): Promise<Result<Report>> {
    return this.withApi(boxId, async (api) => {
      // The DCV rule depends on whether the box has users; the list is read only when the rule can apply.
      let hasUsers = false;
      if (isDcvAddress(user.email)) {
        const users = await api.routes.users.list();
        if (!users.ok) return users;
        hasUsers = users.value.some((group) => group.users.some((u) => u.status === 'active'));
      }
      const address = checkUserAddress(user.email, hasUsers);
      if (address !== null) return invalid('email', address);
      const password = checkPassword(user.password);
      if (password !== null) return invalid('password', password);
      if (user.quota !== undefined) {
        const supported = await MailService.quotaBox(api);
        if (!supported.ok) return supported;
        const quota = parseQuota(user.quota);
        if (!quota.ok) return invalid('quota', quota.message);
      }
      const added = await api.routes.users.add({
        email: user.email,
        password: user.password,
        ...(user.admin ? { privileges: ['admin'] } : {}),
        ...(user.quota !== undefined ? { quota: user.quota } : {}),
      });
      return added.ok ? ok({ report: added.value }) : added;
    });
  }

  /** Removes the account; the mailbox stays on disk as an archived user until it is deleted on the box. */
  archiveUser(boxId: string, email: string): Promise<Result<Report>> {
    return this.withApi(boxId, async (api) => {
      const removed = await api.routes.users.remove(email);
      return removed.ok ? ok({ report: removed.value }) : removed;
    });
  }

  setPassword(boxId: string, email: string, password: string): Promise<Result<Record<string, never>>> {
    return this.withApi(boxId, async (api) => {
      const problem = checkPassword(password);
      if (problem !== null) return invalid('password', problem);
      const set = await api.routes.users.setPassword(email, password);
      return set.ok ? ok({}) : set;
    });
  }

  setAdmin(boxId: string, email: string, admin: boolean): Promise<Result<Record<string, never>>> {
    return this.withApi(boxId, async (api) => {
      const changed = admin
        ? await api.routes.users.addPrivilege(email, 'admin')
        : await api.routes.users.removePrivilege(email, 'admin');
      return changed.ok ? ok({}) : changed;
    });
  }

  quota(boxId: string, email: string): Promise<Result<{ quota: string }>> {
    return this.withApi(boxId, async (api) => {
      // The route answers not-supported itself on a box without quota routes.
      const quota = await api.routes.users.getQuota(email);
      return quota.ok ? ok({ quota: quota.value }) : quota;
    });
  }

  setQuota(boxId: string, email: string, quota: string): Promise<Result<Record<string, never>>> {
    return this.withApi(boxId, async (api) => {
      const supported = await MailService.quotaBox(api);
      if (!supported.ok) return supported;
      const parsed = parseQuota(quota);
      if (!parsed.ok) return invalid('quota', parsed.message);
      const set = await api.routes.users.setQuota(email, quota);
      return set.ok ? ok({}) : set;
    });
  }

  listAliases(boxId: string): Promise<Result<MailDomainAliases[]>> {
    return this.withApi(boxId, async (api) => {
      const aliases = await api.routes.aliases.list();
      return aliases.ok ? ok(toMailAliases(aliases.value)) : aliases;
    });
  }

  addAlias(boxId: string, alias: AliasRequest): Promise<Result<Report>> {
    return this.withApi(boxId, async (api) => {
      // Permitted senders and DCV destinations are checked against the box's users; read them only when needed.
      let users: Array<{ email: string; admin: boolean }> = [];
      if (alias.permittedSenders.some((s) => s.trim() !== '') || isDcvAddress(normaliseAliasAddress(alias.address))) {
        const listed = await api.routes.users.list();
        if (!listed.ok) return listed;
        users = listed.value.flatMap((group) =>
          group.users
            .filter((u) => u.status === 'active')
            .map((u) => ({ email: u.email, admin: u.privileges.includes('admin') })),
        );
      }
      const checked = checkAlias(alias, { users });
      if (!checked.ok) return invalid(checked.field ?? 'address', checked.message);
      const added = await api.routes.aliases.add({ ...checked.value, updateIfExists: alias.update });
      return added.ok ? ok({ report: added.value }) : added;
    });
  }

  /** The stored form is lowercase and the box does not lowercase on remove (§4.3.3), so the address is normalised. */
  removeAlias(boxId: string, address: string): Promise<Result<Report>> {
    return this.withApi(boxId, async (api) => {
      const removed = await api.routes.aliases.remove(normaliseAliasAddress(address));
      return removed.ok ? ok({ report: removed.value }) : removed;
    });
  }
}
