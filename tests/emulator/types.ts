/**
 * Shapes shared by every part of the box emulator. The emulator stands in for the Mail-in-a-Box management
 * daemon (see ../shared/reference/miab-management-api.md); route modules are plain functions over these types.
 */

export type Flavour = 'upstream' | 'power';

/** Who a request authenticated as (§2.1). `apiKey` has no email and privileges ['admin']. */
export type Caller =
  | { kind: 'api-key'; privileges: ['admin'] }
  | { kind: 'user'; email: string; privileges: string[]; via: 'password' | 'session' };

export interface EmuRequest {
  method: string;
  /** Path without the query string, exactly as received (no decoding of %xx beyond what routing needs). */
  path: string;
  query: URLSearchParams;
  /** Parsed application/x-www-form-urlencoded body (empty when the body is not a form). */
  form: URLSearchParams;
  rawBody: Buffer;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** Path parameters from the route pattern, e.g. { qname, rtype }. */
  params: Record<string, string>;
  /** Set by the auth wrapper for protected routes. */
  caller?: Caller;
  /** TCP peer address (the failed-login log uses it when there is no X-Forwarded-For). */
  remoteAddress?: string;
}

export interface EmuResponse {
  status: number;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

/** `admin`: API key or admin user. `user`: any authenticated user (Power self-service). `none`: no auth. `munin-cookie`. */
export type RouteAuth = 'admin' | 'user' | 'none' | 'munin-cookie' | 'admin-user';

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Flask-style pattern: `/dns/custom/<qname>/<rtype>`, `/munin/<path:path>`. A trailing slash is significant (§3.3). */
  path: string;
  auth: RouteAuth;
  flavours: readonly Flavour[];
  /** Extra latency this route adds when the emulator is configured with `slowRoutesMs` (status checks, provisioning, updates). */
  slow?: boolean;
  handler: (req: EmuRequest, box: EmuBox) => EmuResponse | Promise<EmuResponse>;
}

export interface MfaDevice {
  id: number;
  type: 'totp';
  secret: string;
  mruToken: string | null;
  label: string | null;
}

export interface UserRecord {
  id: number;
  email: string;
  /** `{SHA512-CRYPT}$6$salt$hash`, as the box stores it (§7.3). */
  password: string;
  privileges: string[];
  quota: string;
  /** From the user's maildirsize: null means the file is missing (→ "?"). */
  maildirsize: { quotaBytes: number; usedBytes: number; messages: number } | null;
  mfa: MfaDevice[];
}

export interface AliasRecord {
  source: string;
  destination: string;
  permittedSenders: string | null;
}

export interface CustomDnsRecord {
  qname: string;
  rtype: string;
  value: string;
  /** Power only; undefined = no TTL stored. */
  ttl?: number;
}

export interface CertRecord {
  /** File name under STORAGE_ROOT/ssl. */
  fileName: string;
  pem: string;
  /** Subject CN and SANs. */
  names: string[];
  notBefore: Date;
  notAfter: Date;
  selfSigned: boolean;
}

export interface BackupEntry {
  date: Date;
  full: boolean;
  size: number;
  volumes: number;
}

export interface BackupState {
  /** Stored target: `local`, `off`, or a URL (§4.9.2). */
  target: string;
  targetUser: string;
  targetPass: string;
  minAgeInDays: number;
  rsyncPort: number;
  history: BackupEntry[];
  /** When set, GET /system/backup/status answers {"error": this}. */
  statusError?: string;
  /** Seeds /root/.ssh/id_rsa_miab.pub at start instead of the generated key's (what the config GET returns). */
  sshPubKey?: string;
}

export interface StatusItem {
  type: 'heading' | 'ok' | 'warning' | 'error' | 'na';
  text: string;
  extra: Array<{ monospace: boolean; text: string }>;
}

export interface PgpKeyRecord {
  fingerprint: string;
  armored: string;
}

export interface SmtpRelayState {
  enabled: boolean;
  host: string;
  port: number | null;
  user: string;
  password: string | null;
  authorizedServers: string[];
  spfRecord: string | null;
  dkimSelector: string | null;
  dkimRr: string;
}

/** Everything a test can seed and read back. Plain data: tests build it, routes mutate it. */
export interface BoxState {
  flavour: Flavour;
  version: string;
  hostname: string;
  publicIp: string;
  publicIpv6: string;
  /** STORAGE_ROOT as the box reports it in paths (e.g. /home/user-data), independent of where the files live on this machine. */
  storageRoot: string;
  users: UserRecord[];
  aliases: AliasRecord[];
  autoAliases: AliasRecord[];
  /** Power: noreply addresses (§6.3.2). */
  noreply: string[];
  /** Maildirs left behind by removed users: `<domain>/<localpart>` with their maildirsize. */
  leftoverMailboxes: Array<{ domain: string; localpart: string; maildirsize: UserRecord['maildirsize'] }>;
  customDns: CustomDnsRecord[];
  secondaryNameservers: string[];
  certs: CertRecord[];
  privacy: boolean;
  defaultQuota: string;
  backup: BackupState;
  status: StatusItem[];
  updates: Array<{ package: string; version: string }>;
  rebootRequired: boolean;
  latestUpstreamVersion: string | null;
  pgp: { daemon: PgpKeyRecord | null; imported: PgpKeyRecord[]; wkd: Record<string, string> };
  smtpRelay: SmtpRelayState;
  /** www/custom.yaml: names whose `/` is proxied or redirected (static_enabled false). */
  webCustomRoots: string[];
  /** Last generated zone text per zone and nginx config text, so updates can report what changed. */
  generated: {
    zones: Record<string, string>;
    nginx: string;
    /** nsd.conf zone list + transfer ACLs and the OpenDKIM tables as last written (set by dns-zones.ts). */
    nsdConf?: string;
    opendkim?: string;
  };
}

/** A running emulated box: its state plus the on-disk root and the clock. */
export interface EmuBox {
  state: BoxState;
  /** Directory on this machine that mirrors `/` of the box (api.key, mailinabox.conf, STORAGE_ROOT). */
  root: string;
  /** Absolute path on this machine of STORAGE_ROOT (root + state.storageRoot). */
  storageDir: string;
  now(): Date;
}
