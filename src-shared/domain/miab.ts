import { z } from 'zod';

/**
 * Answers of the Mail-in-a-Box management API (../shared/reference/miab-management-api.md), for upstream v75 and
 * Power v60.5. Everything a box sends is untrusted input: these schemas are what the rest of the app may rely on.
 * Unknown fields are dropped; fields that only some versions send are optional.
 */

const sizeOrUnknown = z.union([z.number(), z.string()]);

// §4.2.1, §6.3.3
export const mailUserSchema = z.object({
  email: z.string(),
  privileges: z.array(z.string()),
  status: z.enum(['active', 'inactive']),
  /** Absent for inactive (archived) users and before upstream v73. */
  quota: z.string().optional(),
  box_quota: sizeOrUnknown.optional(),
  box_size: z.string().optional(),
  percent: z.string().optional(),
  /** Power only. */
  box_count: sizeOrUnknown.optional(),
  /** Inactive users: where the leftover maildir is. */
  mailbox: z.string().optional(),
});
export type MailUser = z.infer<typeof mailUserSchema>;

export const mailUserGroupSchema = z.object({ domain: z.string(), users: z.array(mailUserSchema) });
export const mailUsersSchema = z.array(mailUserGroupSchema);
export type MailUserGroup = z.infer<typeof mailUserGroupSchema>;

// §4.2.3
export const userQuotaSchema = z.object({ email: z.string(), quota: z.string() });

// §4.3.1
export const aliasSchema = z.object({
  address: z.string(),
  address_display: z.string(),
  auto: z.boolean(),
  forwards_to: z.array(z.string()),
  permitted_senders: z.array(z.string()).nullable(),
});
export type Alias = z.infer<typeof aliasSchema>;
export const aliasGroupSchema = z.object({ domain: z.string(), aliases: z.array(aliasSchema) });
export const aliasesSchema = z.array(aliasGroupSchema);
export type AliasGroup = z.infer<typeof aliasGroupSchema>;

// §4.4
export const dnsZonesSchema = z.array(z.string());
export const secondaryNameserversSchema = z.object({ hostnames: z.array(z.string()) });

export const dnsRecordTypeSchema = z.enum(['A', 'AAAA', 'CNAME', 'NS', 'TXT', 'SRV', 'MX', 'SSHFP', 'CAA']);
export type DnsRecordType = z.infer<typeof dnsRecordTypeSchema>;

// §4.4.5, §6.3.4
export const customDnsRecordSchema = z.object({
  qname: z.string(),
  rtype: z.string(),
  value: z.string(),
  zone: z.string().optional(),
  'sort-order': z.object({ created: z.number(), qname: z.number() }).optional(),
  /** Power only: null when the record uses the zone default. */
  ttl: z.number().int().nullable().optional(),
});
export type CustomDnsRecord = z.infer<typeof customDnsRecordSchema>;
export const customDnsRecordsSchema = z.array(customDnsRecordSchema);

// §4.4.8
export const dnsDumpRecordSchema = z.object({
  explanation: z.string(),
  qname: z.string(),
  rtype: z.string(),
  value: z.string(),
});
export const dnsDumpSchema = z.array(z.tuple([z.string(), z.array(dnsDumpRecordSchema)]));
export type DnsDump = z.infer<typeof dnsDumpSchema>;

// §4.5
export const sslStatusValueSchema = z.enum(['success', 'warning', 'danger', 'not-applicable']);
export const sslStatusSchema = z.object({
  can_provision: z.array(z.string()),
  status: z.array(z.object({ domain: z.string(), status: z.string(), text: z.string() })),
});
export type SslStatus = z.infer<typeof sslStatusSchema>;
export const sslProvisionSchema = z.object({
  requests: z.array(
    z.union([
      z.object({
        domains: z.array(z.string()),
        log: z.array(z.string()),
        result: z.enum(['skipped', 'installed', 'error']),
      }),
      z.string(),
    ]),
  ),
});
export type SslProvision = z.infer<typeof sslProvisionSchema>;
/** §4.5.3: every outcome of /ssl/install is a 200; success is "none of the error texts". */
export interface SslInstallOutcome {
  installed: boolean;
  message: string;
}

// §4.6
export const mfaStatusSchema = z.object({
  enabled_mfa: z.array(z.object({ id: z.number(), label: z.string().nullable(), type: z.string() })),
  new_mfa: z
    .object({ totp: z.object({ qr_code_base64: z.string(), secret: z.string(), type: z.string() }) })
    .optional(),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

// §4.7.1
export const webDomainSchema = z.object({
  domain: z.string(),
  root: z.string(),
  custom_root: z.string(),
  ssl_certificate: z.tuple([z.string(), z.string()]),
  static_enabled: z.boolean(),
});
export const webDomainsSchema = z.array(webDomainSchema);
export type WebDomain = z.infer<typeof webDomainSchema>;

// §4.8.3, §6.3.7
export const statusItemSchema = z.object({
  type: z.enum(['heading', 'ok', 'warning', 'error', 'na']),
  text: z.string(),
  extra: z.array(z.object({ monospace: z.boolean(), text: z.string() })),
});
export const statusChecksSchema = z.array(statusItemSchema);
export type StatusItem = z.infer<typeof statusItemSchema>;

/** §4.8.4: `<package> (<new version>)` lines. */
export interface PackageUpdate {
  package: string;
  version: string;
}

export const booleanAnswerSchema = z.boolean();

// §4.9.1
export const backupSchema = z.object({
  date: z.string(),
  date_delta: z.string(),
  date_str: z.string(),
  deleted_in: z.string().optional(),
  full: z.boolean(),
  size: z.number(),
  volumes: z.number(),
});
export const backupStatusSchema = z.union([
  z.object({ backups: z.array(backupSchema), unmatched_file_size: z.number() }),
  z.object({ error: z.string() }),
  z.object({}).strict(),
]);
export type BackupStatus = z.infer<typeof backupStatusSchema>;

// §4.9.2, §6.3.6
export const backupConfigSchema = z.object({
  target: z.string(),
  min_age_in_days: z.number(),
  enc_pw_file: z.string().optional(),
  file_target_directory: z.string().optional(),
  ssh_pub_key: z.string().optional(),
  /** Power only. */
  target_rsync_port: z.number().optional(),
});
export type BackupConfig = z.infer<typeof backupConfigSchema>;
/** §4.9.3: the answer is a JSON string, "OK" or an error text. */
export const jsonStringSchema = z.string();

// §4.1.2
export const loginAnswerSchema = z.object({
  status: z.enum(['ok', 'missing-totp-token', 'invalid']),
  reason: z.string().optional(),
  api_key: z.string().optional(),
  email: z.string().optional(),
  privileges: z.array(z.string()).optional(),
});
export type LoginAnswer = z.infer<typeof loginAnswerSchema>;
export const logoutAnswerSchema = z.object({ status: z.literal('ok') });

// §6.4.1 (Power)
export const smtpRelaySchema = z.object({
  enabled: z.boolean(),
  host: z.string(),
  port: z.number().int().nullable(),
  user: z.string(),
  authorized_servers: z.array(z.string()),
  spf_record: z.string().nullable(),
  dkim_selector: z.string().nullable(),
  dkim_rr: z.string(),
});
export type SmtpRelay = z.infer<typeof smtpRelaySchema>;

// §6.4.3 (Power)
export const pgpSubkeySchema = z.object({
  algorithm: z.string(),
  bits: z.number().nullable(),
  fpr: z.string(),
  master: z.boolean(),
  auth: z.boolean(),
  cert: z.boolean(),
  encr: z.boolean(),
  sign: z.boolean(),
  expired: z.boolean(),
  expires: z.number().nullable(),
  expires_date: z.string().nullable(),
  expires_days: z.number().nullable(),
});
export const pgpKeySchema = z.object({
  master_fpr: z.string(),
  ids: z.array(z.string()),
  ids_emails: z.array(z.string()),
  revoked: z.boolean(),
  subkeys: z.array(pgpSubkeySchema),
});
export type PgpKey = z.infer<typeof pgpKeySchema>;
export const pgpKeyringSchema = z.object({ daemon: pgpKeySchema.nullable(), imported: z.array(pgpKeySchema) });
export type PgpKeyring = z.infer<typeof pgpKeyringSchema>;
export const pgpImportSchema = z.object({
  keys_added: z.number(),
  keys_read: z.number(),
  keys_unchanged: z.number(),
  revs_added: z.number(),
  sigs_added: z.number(),
  uids_added: z.number(),
});
export const pgpDeleteSchema = z.array(z.string());

// §6.4.8 (Power)
export const wkdSchema = z.object({
  keys: z.record(z.string(), pgpKeySchema),
  wkd: z.record(
    z.string(),
    z.record(z.string(), z.object({ options: z.array(z.string()), selected: z.string().nullable() })),
  ),
});
export type WkdConfig = z.infer<typeof wkdSchema>;

// §6.4.10 (Power)
export const defaultQuotaSchema = z.object({ 'default-quota': z.string() });
