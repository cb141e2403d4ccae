import type { MailCapabilities } from '../../src-shared/contract/mailboxes';
import type { BoxInfo } from '../box/api-request';
import { quotasAbsentReason } from '../box/routes/helpers';

/** What the box offers for mail users; `defaultQuota` is Power's setting for new users (§6.4.10), null on upstream. */
export function toCapabilities(info: BoxInfo, defaultQuota: string | null): MailCapabilities {
  const reason = quotasAbsentReason(info);
  return {
    flavour: info.flavour,
    version: info.version,
    quotas: reason === null,
    quotasAbsentReason: reason,
    defaultQuota: info.flavour === 'power' ? defaultQuota : null,
  };
}
