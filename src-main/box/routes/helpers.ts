import type { z } from 'zod';
import { fail, ok, type Result } from '../../../src-shared/contract/result';
import type { Flavour } from '../../../src-shared/domain/box';
import type { ApiCaller, ApiRequest, BoxInfo } from '../api-request';

function route(request: ApiRequest): string {
  return `${request.method} ${request.path}`;
}

/** A text answer as the box sent it (most text routes answer with a text/html content type, §3.2). */
export async function text(caller: ApiCaller, request: ApiRequest): Promise<Result<string>> {
  const answer = await caller.send(request);
  return answer.ok ? ok(answer.value.body) : answer;
}

/** A JSON answer, checked against its schema: the box is untrusted input. */
export async function json<S extends z.ZodType>(
  caller: ApiCaller,
  request: ApiRequest,
  schema: S,
): Promise<Result<z.infer<S>>> {
  const answer = await caller.send(request);
  if (!answer.ok) return answer;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.value.body);
  } catch {
    return fail('box-api-error', `The box answered ${route(request)} with something that is not JSON.`, {
      retryable: false,
      detail: { route: route(request) },
    });
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) {
    const issues = checked.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    return fail(
      'box-api-error',
      `The box's answer to ${route(request)} does not have the expected shape (${issues}).`,
      { retryable: false, detail: { route: route(request) } },
    );
  }
  return ok(checked.data);
}

/** Routes whose success body is exactly `OK`; any other 200 text is the box explaining why it did nothing. */
export async function expectOk(caller: ApiCaller, request: ApiRequest): Promise<Result<void>> {
  const body = await text(caller, request);
  if (!body.ok) return body;
  if (body.value.trim() === 'OK') return ok(undefined);
  return fail('box-api-error', body.value.trim() || `The box did not confirm ${route(request)}.`, {
    retryable: false,
    detail: { route: route(request) },
  });
}

/** Newline-separated text answers, without empty lines. */
export function lines(body: string): string[] {
  return body.split('\n').filter((line) => line !== '');
}

export const segment = encodeURIComponent;

export async function requireFlavour(caller: ApiCaller, flavour: Flavour, feature: string): Promise<Result<BoxInfo>> {
  const info = await caller.detect();
  if (!info.ok) return info;
  if (info.value.flavour !== flavour) {
    return fail(
      'not-supported',
      `${feature} needs ${flavour === 'power' ? 'Power Mail-in-a-Box' : 'upstream Mail-in-a-Box'}; this box runs ${info.value.flavour} ${info.value.version}.`,
      {
        retryable: false,
        detail: { flavour: info.value.flavour, version: info.value.version },
      },
    );
  }
  return info;
}

/** Upstream's major version (`v75` → 75, `v57a` → 57); null for anything else. */
export function upstreamMajor(version: string): number | null {
  const match = /^v(\d+)/.exec(version);
  return match?.[1] !== undefined && !version.startsWith('v0.') ? Number(match[1]) : null;
}

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

/** The box's flavour and version, or `not-supported` when it has no quota routes. */
export async function requireQuotaSupport(caller: ApiCaller): Promise<Result<BoxInfo>> {
  const info = await caller.detect();
  return info.ok ? requireQuotas(info.value) : info;
}
