import { z } from 'zod';
import { boxIdSchema } from '../domain/box';
import { method } from './define';

/** A mail user as the box lists it (§4.2.1 of the API reference), numbers normalised. */
export const mailUserSchema = z.object({
  email: z.string(),
  status: z.enum(['active', 'inactive']),
  privileges: z.array(z.string()),
  /** "0" = unlimited; absent for archived users. */
  quota: z.string().optional(),
  /** Bytes, or null when the box does not know. */
  quotaBytes: z.number().nullable(),
  usedDisplay: z.string().nullable(),
  percent: z.string().nullable(),
  messages: z.number().nullable(),
  /** The leftover maildir of an archived user: re-adding the address restores it, deleting it on the box erases it. */
  mailbox: z.string().optional(),
});
export type MailUser = z.infer<typeof mailUserSchema>;

export const mailDomainUsersSchema = z.object({ domain: z.string(), users: z.array(mailUserSchema) });
export type MailDomainUsers = z.infer<typeof mailDomainUsersSchema>;

/** What kind of alias a row is (§4.3.2): told apart by its address and lists, so the UI can label and edit it. */
export const aliasKindSchema = z.enum(['regular', 'catch-all', 'domain-alias', 'send-only']);
export type AliasKind = z.infer<typeof aliasKindSchema>;

export const mailAliasSchema = z.object({
  /** The stored form (punycode, lowercase): what remove and update send back. */
  address: z.string(),
  /** The same with the domain in Unicode, for display. */
  display: z.string(),
  kind: aliasKindSchema,
  /** System-maintained (postmaster@, admin@, abuse@, hostmaster@ ...): shown, never editable. */
  auto: z.boolean(),
  forwardsTo: z.array(z.string()),
  permittedSenders: z.array(z.string()),
});
export type MailAlias = z.infer<typeof mailAliasSchema>;

export const mailDomainAliasesSchema = z.object({ domain: z.string(), aliases: z.array(mailAliasSchema) });
export type MailDomainAliases = z.infer<typeof mailDomainAliasesSchema>;

export const mailDomainSummarySchema = z.object({
  /** Unicode form, as the box's pages show it. */
  domain: z.string(),
  /** Punycode form, as the box stores it. */
  ascii: z.string(),
  users: z.number().int(),
  archived: z.number().int(),
  /** User-made aliases; automatic ones are counted apart. */
  aliases: z.number().int(),
  autoAliases: z.number().int(),
});
export type MailDomainSummary = z.infer<typeof mailDomainSummarySchema>;

/** What this box offers for mail users, so the UI can explain an absent feature instead of failing. */
export const mailCapabilitiesSchema = z.object({
  flavour: z.enum(['upstream', 'power']),
  version: z.string(),
  /** Quota routes exist (upstream v73+, every Power box). */
  quotas: z.boolean(),
  /** Why quotas are absent, in words for the admin; null when they are supported. */
  quotasAbsentReason: z.string().nullable(),
  /** Power's default quota for new users (§6.4.10); null on upstream, where a new user gets "0". */
  defaultQuota: z.string().nullable(),
});
export type MailCapabilities = z.infer<typeof mailCapabilitiesSchema>;

/** The box's change report (§4.12), verbatim: "mail user added\nupdated DNS: ...\n". */
export const changeReportSchema = z.object({ report: z.string() });

/** Passwords cross the boundary only inside requests; no response ever carries one back. */
export const passwordSchema = z.string().max(1024);
const emailField = z.string().max(320);
const quotaField = z.string().max(32);

export const mailGuideEntrySchema = z.object({
  protocol: z.enum(['imap', 'pop', 'smtp', 'activesync', 'carddav', 'caldav', 'webmail']),
  label: z.string(),
  host: z.string(),
  port: z.number().int().nullable(),
  security: z.string(),
  /** A URL where the protocol takes one (CardDAV, CalDAV, webmail). */
  url: z.string().nullable(),
  note: z.string().nullable(),
});
export type MailGuideEntry = z.infer<typeof mailGuideEntrySchema>;

export const mailGuideSchema = z.object({
  hostname: z.string(),
  /** "Your full email address" and password, as the box's guide says. */
  username: z.string(),
  entries: z.array(mailGuideEntrySchema),
});
export type MailGuide = z.infer<typeof mailGuideSchema>;

const boxRequest = z.object({ boxId: boxIdSchema });
const userRequest = z.object({ boxId: boxIdSchema, email: emailField });

export const mailboxesMethods = {
  capabilities: method(
    'What the box offers for users (flavour, version, quota support, default quota)',
    boxRequest,
    mailCapabilitiesSchema,
  ),
  domains: method("The box's mail domains with user and alias counts", boxRequest, z.array(mailDomainSummarySchema)),
  guide: method(
    "The box's mail client settings (IMAP, SMTP, POP, ActiveSync, DAV, webmail)",
    boxRequest,
    mailGuideSchema,
  ),
  users: {
    list: method('Mail users of a box, grouped by domain', boxRequest, z.array(mailDomainUsersSchema)),
    add: method(
      'Adds a mail user; the answer is the box change report',
      z.object({
        boxId: boxIdSchema,
        email: emailField,
        password: passwordSchema,
        admin: z.boolean(),
        /** Omit for the box default (Power: the default quota; upstream: unlimited). */
        quota: quotaField.optional(),
      }),
      changeReportSchema,
    ),
    archive: method(
      'Removes a user from the box; the mailbox stays on disk (archived) until deleted there',
      userRequest,
      changeReportSchema,
    ),
    setPassword: method(
      "Sets a user's password",
      z.object({ boxId: boxIdSchema, email: emailField, password: passwordSchema }),
      z.object({}),
    ),
    setAdmin: method(
      'Grants or revokes the admin privilege',
      z.object({ boxId: boxIdSchema, email: emailField, admin: z.boolean() }),
      z.object({}),
    ),
    quota: method('A user\'s quota as stored ("0" = unlimited)', userRequest, z.object({ quota: z.string() })),
    setQuota: method(
      'Sets a user\'s quota ("0" = unlimited, M/G suffixes)',
      z.object({ boxId: boxIdSchema, email: emailField, quota: quotaField }),
      z.object({}),
    ),
  },
  aliases: {
    list: method(
      'Aliases of a box, grouped by domain, automatic ones marked',
      boxRequest,
      z.array(mailDomainAliasesSchema),
    ),
    add: method(
      'Adds an alias, or replaces one when update is set (both lists are replaced)',
      z.object({
        boxId: boxIdSchema,
        address: emailField,
        forwardsTo: z.array(emailField).max(1000),
        permittedSenders: z.array(emailField).max(1000),
        update: z.boolean(),
      }),
      changeReportSchema,
    ),
    remove: method(
      'Removes a user-made alias',
      z.object({ boxId: boxIdSchema, address: emailField }),
      changeReportSchema,
    ),
  },
};
