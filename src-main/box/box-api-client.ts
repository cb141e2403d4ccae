import type { Duplex } from 'node:stream';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { Flavour } from '../../src-shared/domain/box';
import { isAuthFailure, mapHttpFailure, reasonOf, STALE_KEY_REASON } from './api-errors';
import { readApiKey, type BoxExec } from './api-key';
import type { ApiAuth, ApiCaller, ApiRequest, BoxInfo, RouteSpeed } from './api-request';
import { exchange, type RawResponse } from './http-exchange';
import { createRoutes, type BoxRoutes } from './routes';
import { TunnelAgent } from './tunnel-agent';

/** What the client needs from the SSH pool. */
export interface BoxSsh extends BoxExec {
  forwardOut(boxId: string, host: string, port: number): Promise<Result<Duplex>>;
}

export interface BoxApiProfile {
  readonly id: string;
  readonly user: string;
  readonly apiPort: number;
  readonly paths: { readonly apiKey: string };
  /** Seeds the flavour/version cache from the registry so a known box is not probed again. */
  readonly detected?: BoxInfo;
}

export interface BoxApiClientDeps {
  ssh: BoxSsh;
  profile: BoxApiProfile;
  timeoutsMs?: Partial<Record<RouteSpeed, number>>;
  maxBodyBytes?: number;
  /** How long a channel opened ahead for the next call may wait for it (see TunnelAgentOptions). */
  spareIdleMs?: number;
}

/** Longer than gunicorn's 630 s worker timeout, so a slow route ends with the box's own answer rather than ours. */
const DEFAULT_TIMEOUTS: Record<RouteSpeed, number> = { normal: 30_000, kick: 120_000, slow: 660_000 };

function basic(user: string, password: string): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
}

function formBody(form: NonNullable<ApiRequest['form']>): string {
  const params = new URLSearchParams();
  const pairs: ReadonlyArray<readonly [string, string | undefined]> = Array.isArray(form) ? form : Object.entries(form);
  for (const [name, value] of pairs) if (value !== undefined) params.append(name, value);
  return params.toString();
}

function pathWithQuery(request: ApiRequest): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) params.append(name, value);
  const query = params.toString();
  return query ? `${request.path}?${query}` : request.path;
}

/**
 * The management API of one box, reached through an SSH tunnel to 127.0.0.1:<apiPort> and authenticated with the
 * box's system API key. Calls are serialised: the daemon has a single worker (§1), so parallel calls would only queue there.
 */
export class BoxApiClient implements ApiCaller {
  readonly boxId: string;
  readonly routes: BoxRoutes;
  private readonly ssh: BoxSsh;
  private readonly profile: BoxApiProfile;
  private readonly agent: TunnelAgent;
  private readonly timeouts: Record<RouteSpeed, number>;
  private readonly maxBodyBytes: number;
  private apiKey: string | undefined;
  private info: BoxInfo | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(deps: BoxApiClientDeps) {
    this.ssh = deps.ssh;
    this.profile = deps.profile;
    this.boxId = deps.profile.id;
    this.info = deps.profile.detected;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeoutsMs };
    this.maxBodyBytes = deps.maxBodyBytes ?? 64 * 1024 * 1024;
    this.agent = new TunnelAgent(() => this.openTunnel(), { spareIdleMs: deps.spareIdleMs });
    this.routes = createRoutes(this);
  }

  private async openTunnel(): Promise<Result<Duplex>> {
    const opened = await this.ssh.forwardOut(this.boxId, '127.0.0.1', this.profile.apiPort);
    if (opened.ok || opened.error.detail?.['stage'] !== 'channel') return opened;
    return fail(
      'box-api-error',
      `Nothing answers on 127.0.0.1:${this.profile.apiPort} on the box: the Mail-in-a-Box management daemon is not running (systemctl status mailinabox).`,
      {
        retryable: true,
        detail: { apiPort: this.profile.apiPort, cause: opened.error.detail['cause'] },
      },
    );
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async key(): Promise<Result<string>> {
    if (this.apiKey !== undefined) return ok(this.apiKey);
    const read = await readApiKey(this.ssh, this.boxId, { user: this.profile.user, path: this.profile.paths.apiKey });
    if (read.ok) this.apiKey = read.value;
    return read;
  }

  private async once(request: ApiRequest, auth: ApiAuth): Promise<Result<RawResponse>> {
    const headers: Record<string, string> = {
      // A 403 without a WWW-Authenticate challenge (§2.6): no Basic-auth prompt can ever pop up in an Electron window.
      'X-Requested-With': 'XMLHttpRequest',
      // Exactly */* gives plain-text failure reasons (§2.6); success bodies do not depend on it.
      Accept: '*/*',
    };
    if (auth === 'api-key') {
      const key = await this.key();
      if (!key.ok) return key;
      headers['Authorization'] = basic(key.value, '');
    } else if (auth !== 'none') {
      headers['Authorization'] = basic(auth.email, auth.password);
      if (auth.totp !== undefined) headers['X-Auth-Token'] = auth.totp;
    }
    let body: string | undefined;
    if (request.form !== undefined) {
      body = formBody(request.form);
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (request.rawBody !== undefined) {
      body = request.rawBody;
      headers['Content-Type'] = 'text/plain; charset=utf-8';
    }
    return exchange(this.agent, this.profile.apiPort, {
      method: request.method,
      path: pathWithQuery(request),
      headers,
      ...(body !== undefined ? { body } : {}),
      timeoutMs: this.timeouts[request.speed ?? 'normal'],
      maxBodyBytes: this.maxBodyBytes,
      ...(request.signal ? { signal: request.signal } : {}),
    });
  }

  /** The answer whatever its status, after one key re-read if the daemon was restarted and rotated its key (§2.2). */
  sendRaw(request: ApiRequest): Promise<Result<RawResponse>> {
    return this.serialised(async () => {
      const auth = request.auth ?? 'api-key';
      const first = await this.once(request, auth);
      if (auth !== 'api-key' || !first.ok || !isAuthFailure(first.value) || reasonOf(first.value) !== STALE_KEY_REASON)
        return first;
      this.apiKey = undefined;
      return this.once(request, auth);
    });
  }

  async send(request: ApiRequest): Promise<Result<RawResponse>> {
    const answer = await this.sendRaw(request);
    if (!answer.ok) return answer;
    if (answer.value.status >= 200 && answer.value.status < 300) return answer;
    return mapHttpFailure(`${request.method} ${request.path}`, answer.value);
  }

  /** The cached flavour and version, if known. */
  known(): BoxInfo | undefined {
    return this.info;
  }

  /**
   * Flavour first, from a route only Power has (asked without credentials, answered before auth on upstream),
   * then the version: the version numbers of the two flavours overlap (§6.1).
   */
  async detect(options: { refresh?: boolean } = {}): Promise<Result<BoxInfo>> {
    if (this.info && !options.refresh) return ok(this.info);
    const probe = await this.sendRaw({ method: 'GET', path: '/system/default-quota', auth: 'none' });
    if (!probe.ok) return probe;
    let flavour: Flavour;
    if (probe.value.status === 404) flavour = 'upstream';
    else if (probe.value.status === 401 || probe.value.status === 403) flavour = 'power';
    else
      return fail(
        'not-a-box',
        `What answers on 127.0.0.1:${this.profile.apiPort} is not a Mail-in-a-Box management daemon (HTTP ${probe.value.status} to the flavour probe).`,
        { retryable: false },
      );
    const version = await this.send({ method: 'GET', path: '/system/version' });
    if (!version.ok) return version;
    const text = version.value.body.trim();
    if (!/^[A-Za-z0-9._+-]{1,64}$/.test(text))
      return fail('not-a-box', 'The box reported a version Boxfleet does not understand.', {
        retryable: false,
        detail: { version: text.slice(0, 100) },
      });
    this.info = { flavour, version: text };
    return ok(this.info);
  }

  /** Drops the tunnel (the SSH connection stays in the pool) and forgets the key. */
  close(): void {
    this.apiKey = undefined;
    this.agent.destroy();
  }
}
