import { fail, ok, type ContractHandlers, type Result } from '../../../src-shared/contract';
import type { MailCapabilities, MailDomainUsers, MailUser } from '../../../src-shared/contract/mailboxes';
import { checkPassword, checkUserAddress, MAIL_MESSAGES, parseQuota } from '../../../src-shared/domain/mail-rules';

type MailboxesHandlers = ContractHandlers<null>['mailboxes'];

/**
 * Main's side of the mail user methods for renderer tests: one box's users in memory, refusing as the box does
 * (its own texts, from the shared rules) and answering with its change reports. Aliases are another file's.
 */
export function fakeMailUsers(options: {
  users?: MailDomainUsers[];
  capabilities?: MailCapabilities;
  /** Main's check that the box exists and can be reached; a failure here is what every method answers. */
  reach: (boxId: string) => Result<unknown> | null;
}) {
  const groups: MailDomainUsers[] = structuredClone(options.users ?? []);
  const capabilities: MailCapabilities = options.capabilities ?? {
    flavour: 'upstream',
    version: 'v75',
    quotas: true,
    quotasAbsentReason: null,
    defaultQuota: null,
  };
  const find = (email: string): MailUser | undefined =>
    groups.flatMap((group) => group.users).find((user) => user.email === email && user.status === 'active');
  const notAUser = (email: string) => fail('box-api-error', MAIL_MESSAGES.notAUser(email), { retryable: false });
  const refuse = (message: string) => fail('box-api-error', message, { retryable: false });
  const guard = (boxId: string) => {
    const failure = options.reach(boxId);
    return failure && !failure.ok ? failure : null;
  };

  const handlers: Omit<MailboxesHandlers, 'aliases'> = {
    capabilities: async ({ boxId }) => guard(boxId) ?? ok(capabilities),
    domains: async ({ boxId }) =>
      guard(boxId) ??
      ok(
        groups.map((group) => ({
          domain: group.domain,
          ascii: group.domain,
          users: group.users.filter((user) => user.status === 'active').length,
          archived: group.users.filter((user) => user.status === 'inactive').length,
          aliases: 0,
          autoAliases: 0,
        })),
      ),
    guide: async ({ boxId }) =>
      guard(boxId) ??
      ok({
        hostname: 'box1.example.com',
        username: 'Your full email address',
        entries: [
          {
            protocol: 'imap',
            label: 'IMAP',
            host: 'box1.example.com',
            port: 993,
            security: 'SSL/TLS',
            url: null,
            note: null,
          },
        ],
      }),
    users: {
      list: async ({ boxId }) => guard(boxId) ?? ok(structuredClone(groups)),
      add: async ({ boxId, email, password, admin, quota }) => {
        const failure = guard(boxId);
        if (failure) return failure;
        const problem =
          checkUserAddress(
            email,
            groups.some((group) => group.users.length > 0),
          ) ?? checkPassword(password);
        if (problem) return refuse(problem);
        const parsed = quota === undefined ? null : parseQuota(quota);
        if (parsed && !parsed.ok) return refuse(parsed.message);
        if (find(email)) return refuse(MAIL_MESSAGES.userExists);
        const domain = email.split('@')[1] ?? '';
        let group = groups.find((g) => g.domain === domain);
        if (!group) {
          group = { domain, users: [] };
          groups.push(group);
        }
        // Re-adding an archived address restores its mailbox.
        group.users = group.users.filter((user) => user.email !== email);
        group.users.push({
          email,
          status: 'active',
          privileges: admin ? ['admin'] : [],
          quota: parsed?.ok ? parsed.value : (capabilities.defaultQuota ?? '0'),
          quotaBytes: null,
          usedDisplay: null,
          percent: null,
          messages: null,
        });
        return ok({ report: `mail user added\nupdated DNS: ${domain}\n` });
      },
      archive: async ({ boxId, email }) => {
        const failure = guard(boxId);
        if (failure) return failure;
        const user = find(email);
        if (!user) return notAUser(email);
        const [local = '', domain = ''] = email.split('@');
        Object.assign(user, {
          status: 'inactive',
          privileges: [],
          mailbox: `/home/user-data/mail/mailboxes/${domain}/${local}`,
        });
        delete user.quota;
        return ok({ report: 'mail user removed\n' });
      },
      setPassword: async ({ boxId, email, password }) => {
        const failure = guard(boxId);
        if (failure) return failure;
        if (!find(email)) return notAUser(email);
        const problem = checkPassword(password);
        return problem ? refuse(problem) : ok({});
      },
      setAdmin: async ({ boxId, email, admin }) => {
        const failure = guard(boxId);
        if (failure) return failure;
        const user = find(email);
        if (!user) return notAUser(email);
        user.privileges = admin ? ['admin'] : user.privileges.filter((p) => p !== 'admin');
        return ok({});
      },
      quota: async ({ boxId, email }) => {
        const failure = guard(boxId);
        if (failure) return failure;
        const user = find(email);
        return user ? ok({ quota: user.quota ?? '0' }) : notAUser(email);
      },
      setQuota: async ({ boxId, email, quota }) => {
        const failure = guard(boxId);
        if (failure) return failure;
        if (!capabilities.quotas) return fail('not-supported', capabilities.quotasAbsentReason ?? 'No quotas here.');
        const user = find(email);
        if (!user) return notAUser(email);
        const parsed = parseQuota(quota);
        if (!parsed.ok) return refuse(parsed.message);
        user.quota = parsed.value;
        return ok({});
      },
    },
  };
  return { handlers, groups };
}
