import type { ApiCaller } from '../api-request';
import { dnsRoutes } from './dns';
import { aliasesRoutes, usersRoutes } from './mail';
import { powerRoutes } from './power';
import { mfaRoutes, sslRoutes, webRoutes } from './ssl-web-mfa';
import { backupRoutes, sessionRoutes, systemRoutes } from './system';

/** Typed functions for every route of the management API (reference §4.0 and §6.4), grouped as the reference groups them. */
export function createRoutes(api: ApiCaller) {
  return {
    users: usersRoutes(api),
    aliases: aliasesRoutes(api),
    dns: dnsRoutes(api),
    ssl: sslRoutes(api),
    mfa: mfaRoutes(api),
    web: webRoutes(api),
    system: systemRoutes(api),
    backup: backupRoutes(api),
    session: sessionRoutes(api),
    power: powerRoutes(api),
  };
}

export type BoxRoutes = ReturnType<typeof createRoutes>;
export type { NewMailUser, AliasChange } from './mail';
export type { CustomDnsChange } from './dns';
export type { BackupConfigChange } from './system';
export type { SmtpRelayChange } from './power';
