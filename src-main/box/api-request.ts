import type { Result } from '../../src-shared/contract/result';
import type { Flavour } from '../../src-shared/domain/box';
import type { RawResponse } from './http-exchange';

/** Who a request authenticates as: the box's system API key (the normal case), nobody, or a mail user (login, self-service). */
export type ApiAuth =
  'api-key' | 'none' | { readonly email: string; readonly password: string; readonly totp?: string };

/** How long a route may take: 30 s, 2 min for changes that rebuild DNS and nginx (§4.12), 11 min for the slow ones (§9.9). */
export type RouteSpeed = 'normal' | 'kick' | 'slow';

export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path with every segment already URL-encoded, without the `/admin` prefix (§1). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  /** Sent as application/x-www-form-urlencoded (§3.1). Pairs allow repeated or dynamic field names. */
  readonly form?: Readonly<Record<string, string | undefined>> | ReadonlyArray<readonly [string, string]>;
  /** Sent verbatim (upstream custom DNS values, §4.4.7). */
  readonly rawBody?: string;
  readonly speed?: RouteSpeed;
  readonly auth?: ApiAuth;
  readonly signal?: AbortSignal;
}

export interface BoxInfo {
  readonly flavour: Flavour;
  readonly version: string;
}

/** What route modules need from the client. */
export interface ApiCaller {
  /** Any 2xx answer; other statuses come back as mapped failures. */
  send(request: ApiRequest): Promise<Result<RawResponse>>;
  /** Flavour and version, probed once per box and cached. */
  detect(): Promise<Result<BoxInfo>>;
}
