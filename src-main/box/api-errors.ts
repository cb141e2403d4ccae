import { fail, type Fail } from '../../src-shared/contract/result';
import type { RawResponse } from './http-exchange';

/** §2.6: the reasons the auth wrapper gives. Anything else in a 401/403 is a Power view's ValueError (§6.2), not bad credentials. */
const AUTH_REASONS = [
  'Authorization header invalid.',
  'No email address, password, session key, or API key provided.',
  'Enter a password.',
  'Incorrect email address or password.',
  'missing-totp-token',
  'invalid-totp-token',
  'You are not an administrator.',
];

/** A stale (rotated) API key is refused with exactly this reason (§2.2). */
export const STALE_KEY_REASON = 'Enter a password.';

/** The failure reason of a 401/403: X-Reason when present (absent on the XHR 403), else the text or JSON body. */
export function reasonOf(response: RawResponse): string {
  const header = response.headers['x-reason'];
  if (typeof header === 'string' && header !== '') return header;
  const body = response.body.trim();
  if (body.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        typeof (parsed as Record<string, unknown>)['reason'] === 'string'
      ) {
        return (parsed as Record<string, string>)['reason'] ?? body;
      }
    } catch {
      // not JSON after all: use the text
    }
  }
  return body;
}

export function isAuthReason(reason: string): boolean {
  return AUTH_REASONS.includes(reason) || /^That's not a user \(.*\)\.$/.test(reason);
}

export function isAuthFailure(response: RawResponse): boolean {
  return (response.status === 401 || response.status === 403) && isAuthReason(reasonOf(response));
}

function isHtml(response: RawResponse): boolean {
  return /^\s*<(!doctype|html)/i.test(response.body);
}

function shortText(text: string): string {
  const collapsed = text.trim();
  return collapsed.length > 500 ? collapsed.slice(0, 500) + '…' : collapsed;
}

/** The one place a non-success HTTP answer becomes a Boxfleet error. */
export function mapHttpFailure(route: string, response: RawResponse): Fail {
  const detail = { route, status: response.status };
  const status = response.status;
  if (status === 401 || status === 403) {
    const reason = reasonOf(response);
    if (isAuthReason(reason))
      return fail('auth-failed', `The box refused the credentials for ${route}: ${reason}`, {
        retryable: false,
        detail: { ...detail, reason },
      });
    // Power reports a view's ValueError as a 401/403 (§6.2): it is the box's answer to the request, not a login problem.
    return fail('box-api-error', shortText(reason), { retryable: false, detail: { ...detail, reason } });
  }
  if (status === 404)
    return fail('not-found', `The box has no ${route}: the route or the item does not exist on this box.`, {
      retryable: false,
      detail,
    });
  if (status === 405) return fail('not-supported', `The box does not accept ${route}.`, { retryable: false, detail });
  if (status === 400)
    return fail('box-api-error', shortText(response.body) || `The box rejected ${route}.`, {
      retryable: false,
      detail,
    });
  if (status >= 500) {
    const message =
      isHtml(response) || response.body.trim() === ''
        ? `The box failed with an internal error (HTTP ${status}) on ${route}; its journal (journalctl -u mailinabox) has the details.`
        : shortText(response.body);
    return fail('box-api-error', message, { retryable: true, detail });
  }
  return fail('box-api-error', `The box answered ${route} with HTTP ${status}.`, { retryable: false, detail });
}
