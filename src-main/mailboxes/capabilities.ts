import type { MailCapabilities } from '../../src-shared/contract/mailboxes';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { BoxInfo } from '../box/api-request';
import { upstreamMajor } from '../box/routes/helpers';

/** Per-user quotas came to upstream in v73 (§6.1); Power has had them all along. Null when supported. */
export function quotasAbsentReason(info: BoxInfo): string | null {
  if (info.flavour === 'power') return null;
  const major = upstreamMajor(info.version);
  if (major !== null && major >= 73) return null;
  return `Mail user quotas need Mail-in-a-Box v73 or newer; this box runs ${info.version}. Upgrade the box to set quotas.`;
}

/** The `not-supported` answer for a quota request to a box without quota routes. */
export function requireQuotas(info: BoxInfo): Result<BoxInfo> {
  const reason = quotasAbsentReason(info);
  return reason === null
    ? ok(info)
    : fail('not-supported', reason, { retryable: false, detail: { flavour: info.flavour, version: info.version } });
}

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
