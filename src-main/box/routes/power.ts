import { ok, type Result } from '../../../src-shared/contract/result';
import {
  defaultQuotaSchema,
  pgpDeleteSchema,
  pgpImportSchema,
  pgpKeySchema,
  pgpKeyringSchema,
  smtpRelaySchema,
  wkdSchema,
  type PgpKey,
  type PgpKeyring,
  type SmtpRelay,
  type WkdConfig,
} from '../../../src-shared/domain/miab';
import type { z } from 'zod';
import type { ApiCaller } from '../api-request';
import { expectOk, json, requireFlavour, segment, text } from './helpers';

export interface SmtpRelayChange {
  enabled: boolean;
  host: string;
  /** Required even when disabling (§6.4.2). */
  port: number;
  user: string;
  /** Empty keeps the stored password. */
  key: string;
  authorizedServers: readonly string[];
  spfRecord?: string;
  dkimSelector: string;
  dkimRr: string;
}

/** §6.4 routes only Power Mail-in-a-Box has. Each checks the flavour first and answers `not-supported` on upstream. */
export function powerRoutes(api: ApiCaller) {
  const power = async <T>(feature: string, run: () => Promise<Result<T>>): Promise<Result<T>> => {
    const info = await requireFlavour(api, 'power', feature);
    return info.ok ? run() : info;
  };
  return {
    smtpRelay: (): Promise<Result<SmtpRelay>> =>
      power('The SMTP relay', () => json(api, { method: 'GET', path: '/system/smtp/relay' }, smtpRelaySchema)),
    setSmtpRelay: (relay: SmtpRelayChange): Promise<Result<string>> =>
      power('The SMTP relay', () =>
        text(api, {
          method: 'POST',
          path: '/system/smtp/relay',
          speed: 'kick',
          form: {
            enabled: relay.enabled ? 'true' : 'false',
            host: relay.host,
            port: String(relay.port),
            user: relay.user,
            key: relay.key,
            authorized_servers: relay.authorizedServers.join(' '),
            spf_record: relay.spfRecord,
            dkim_selector: relay.dkimSelector,
            dkim_rr: relay.dkimRr,
          },
        }),
      ),
    pgpKeys: (): Promise<Result<PgpKeyring>> =>
      power('The PGP keyring', () => json(api, { method: 'GET', path: '/system/pgp/' }, pgpKeyringSchema)),
    pgpKey: (fingerprint: string): Promise<Result<PgpKey>> =>
      power('The PGP keyring', () =>
        json(api, { method: 'GET', path: `/system/pgp/${segment(fingerprint)}` }, pgpKeySchema),
      ),
    /** The emails whose WKD binding went away with the key. */
    pgpDelete: (fingerprint: string): Promise<Result<string[]>> =>
      power('The PGP keyring', () =>
        json(api, { method: 'DELETE', path: `/system/pgp/${segment(fingerprint)}` }, pgpDeleteSchema),
      ),
    pgpExport: (fingerprint: string): Promise<Result<string>> =>
      power('The PGP keyring', () => text(api, { method: 'GET', path: `/system/pgp/${segment(fingerprint)}/export` })),
    pgpImport: (armoredKey: string): Promise<Result<z.infer<typeof pgpImportSchema>>> =>
      power('The PGP keyring', () =>
        json(api, { method: 'POST', path: '/system/pgp/import', form: { key: armoredKey } }, pgpImportSchema),
      ),
    wkd: (): Promise<Result<WkdConfig>> =>
      power('WKD', () => json(api, { method: 'GET', path: '/system/pgp/wkd' }, wkdSchema)),
    /** Replaces the whole WKD configuration: pass every binding to keep; '' removes one (§6.4.9). */
    setWkd: (bindings: Readonly<Record<string, string>>): Promise<Result<void>> =>
      power('WKD', () => expectOk(api, { method: 'POST', path: '/system/pgp/wkd', form: Object.entries(bindings) })),
    defaultQuota: (): Promise<Result<string>> =>
      power('The default quota', async () => {
        const answer = await json(api, { method: 'GET', path: '/system/default-quota' }, defaultQuotaSchema);
        return answer.ok ? ok(answer.value['default-quota']) : answer;
      }),
    setDefaultQuota: (quota: string): Promise<Result<void>> =>
      power('The default quota', () =>
        expectOk(api, { method: 'POST', path: '/system/default-quota', form: { default_quota: quota } }),
      ),
    /** Runs a backup inside the request, stopping mail services meanwhile (§6.4.11). */
    backupNow: (full: boolean): Promise<Result<string>> =>
      power('Starting a backup', () =>
        text(api, {
          method: 'POST',
          path: '/system/backup/new',
          speed: 'slow',
          form: { full: full ? 'true' : 'false' },
        }),
      ),
  };
}
