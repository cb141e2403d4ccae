import { ok, type Result } from '../../../src-shared/contract/result';
import {
  mfaStatusSchema,
  sslProvisionSchema,
  sslStatusSchema,
  webDomainsSchema,
  type MfaStatus,
  type SslInstallOutcome,
  type SslProvision,
  type SslStatus,
  type WebDomain,
} from '../../../src-shared/domain/miab';
import type { ApiCaller } from '../api-request';
import { expectOk, json, segment, text } from './helpers';

/** §4.5.3: /ssl/install answers 200 for every outcome; these are the texts that mean it refused. */
const INSTALL_REFUSALS = [
  'Invalid domain name.',
  'There is a problem with the certificate',
  'The certificate is for the wrong domain name.',
  'The private key file ',
  'The certificate does not correspond to the private key',
  "This is a self-signed certificate. I can't install that.",
  'The certificate has expired or is not yet valid.',
  'The certificate is missing an intermediate chain',
  'The certificate is expiring soon',
];

export function classifySslInstall(body: string): SslInstallOutcome {
  const message = body.trim();
  return { installed: !INSTALL_REFUSALS.some((prefix) => message.startsWith(prefix)), message };
}

/** §4.5 TLS certificates. */
export function sslRoutes(api: ApiCaller) {
  return {
    status: (): Promise<Result<SslStatus>> =>
      json(api, { method: 'GET', path: '/ssl/status', speed: 'slow' }, sslStatusSchema),
    /** A PEM CSR made with the box's private key. */
    csr: (domain: string, countryCode: string): Promise<Result<string>> =>
      text(api, { method: 'POST', path: `/ssl/csr/${segment(domain)}`, form: { countrycode: countryCode } }),
    install: async (domain: string, cert: string, chain = ''): Promise<Result<SslInstallOutcome>> => {
      // `chain` must be present even when empty: a missing field is a 500 (§4.5.3).
      const body = await text(api, {
        method: 'POST',
        path: '/ssl/install',
        speed: 'kick',
        form: { domain, cert, chain },
      });
      return body.ok ? ok(classifySslInstall(body.value)) : body;
    },
    provision: (): Promise<Result<SslProvision>> =>
      json(api, { method: 'POST', path: '/ssl/provision', speed: 'slow' }, sslProvisionSchema),
  };
}

/** §4.6 multi-factor authentication. With the API key, always name the user (§2.7). */
export function mfaRoutes(api: ApiCaller) {
  return {
    status: (user: string): Promise<Result<MfaStatus>> =>
      json(api, { method: 'POST', path: '/mfa/status', form: { user } }, mfaStatusSchema),
    /** Enables TOTP for the calling user, so it needs that user's own credentials, not the API key. */
    enableTotp: (
      auth: { email: string; password: string; totp?: string },
      secret: string,
      token: string,
      label?: string,
    ): Promise<Result<void>> =>
      expectOk(api, { method: 'POST', path: '/mfa/totp/enable', auth, form: { secret, token, label } }),
    /** Without mfaId every device of the user is removed. */
    disable: (user: string, mfaId?: number): Promise<Result<void>> =>
      expectOk(api, {
        method: 'POST',
        path: '/mfa/disable',
        form: { user, 'mfa-id': mfaId === undefined ? undefined : String(mfaId) },
      }),
  };
}

/** §4.7 web. */
export function webRoutes(api: ApiCaller) {
  return {
    domains: (): Promise<Result<WebDomain[]>> =>
      json(api, { method: 'GET', path: '/web/domains', speed: 'slow' }, webDomainsSchema),
    /** `web updated\n` when nginx changed, empty otherwise. */
    update: (): Promise<Result<string>> => text(api, { method: 'POST', path: '/web/update', speed: 'kick' }),
  };
}
