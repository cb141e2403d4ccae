import { z } from 'zod';
import { boxIdSchema } from '../domain/box';
import { method } from './define';
import { appErrorSchema } from './result';
import { changeReportSchema } from './mailboxes';

/** The record types the box's Custom DNS accepts (§4.4.7), in the order its page lists them. */
export const customRecordTypeSchema = z.enum(['A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NS', 'SRV', 'SSHFP', 'TXT']);
export type CustomRecordType = z.infer<typeof customRecordTypeSchema>;

/** Power's TTL bounds (§6.3.4): the box clamps to these, Boxfleet refuses outside them before asking. */
export const TTL_MIN = 30;
export const TTL_MAX = 2_592_000;

/** What this box offers for DNS, so the UI can explain an absent feature (TTLs are Power-only). */
export const dnsCapabilitiesSchema = z.object({
  flavour: z.enum(['upstream', 'power']),
  version: z.string(),
  /** Custom records may carry a TTL (Power, §6.3.4). */
  ttl: z.boolean(),
  /** Why TTLs are absent, in words for the admin; null when supported. */
  ttlAbsentReason: z.string().nullable(),
  /** The box's zones (punycode), in the box's domain order (§4.4.1). */
  zones: z.array(z.string()),
  primaryHostname: z.string().nullable(),
});
export type DnsCapabilities = z.infer<typeof dnsCapabilitiesSchema>;

/** One custom record as `/dns/custom` lists it (§4.4.5), with both of the box's sort orders. */
export const customRecordSchema = z.object({
  qname: z.string(),
  rtype: z.string(),
  /** Exactly as stored (CNAME/NS with their trailing dot, A/AAAA possibly `local`). */
  value: z.string(),
  /** Power only; null = the zone default (86400). Always null on upstream. */
  ttl: z.number().int().nullable(),
  /** The managed zone holding the name; null when none matches (the box then never publishes it). */
  zone: z.string().nullable(),
  /** `sort-order.created` and `sort-order.qname`. */
  created: z.number().int(),
  byName: z.number().int(),
});
export type CustomRecord = z.infer<typeof customRecordSchema>;

const qnameField = z.string().min(1).max(253);
/** TXT values may be long (split into strings by Boxfleet when over 255 bytes); nothing real needs more. */
const valueField = z.string().max(8192);

const recordChange = z.object({
  boxId: boxIdSchema,
  qname: qnameField,
  rtype: customRecordTypeSchema,
  value: valueField,
  /** Power only; omitted = the zone default. */
  ttl: z.number().int().min(TTL_MIN).max(TTL_MAX).optional(),
});

/** One record the box intends the world to see (`/dns/dump`, §4.4.8). */
export const intendedRecordSchema = z.object({
  qname: z.string(),
  rtype: z.string(),
  value: z.string(),
  explanation: z.string(),
});
export type IntendedRecord = z.infer<typeof intendedRecordSchema>;

export const zoneRecordsSchema = z.object({ zone: z.string(), records: z.array(intendedRecordSchema) });
export type ZoneRecords = z.infer<typeof zoneRecordsSchema>;

/** One DS record the registrar can be given, from the box's own `/etc/nsd/zones/<zone>.ds` (KSK, each digest). */
export const dsRecordSchema = z.object({
  keyTag: z.number().int(),
  algorithm: z.number().int(),
  /** `ECDSAP256SHA256`, `RSASHA256` ... */
  algorithmName: z.string(),
  digestType: z.number().int(),
  /** `SHA-256`, `SHA-384`, `SHA-1` */
  digestTypeName: z.string(),
  digest: z.string(),
  /** The whole record line as the box wrote it. */
  record: z.string(),
  /** The box's own order of preference, best first (0); null = one the box says must not be offered. */
  rank: z.number().int().nullable(),
});
export type DsRecord = z.infer<typeof dsRecordSchema>;

export const zoneDelegationSchema = z.object({
  zone: z.string(),
  /** Best first, as the box's status page offers them. Empty when the box has not signed the zone yet. */
  ds: z.array(dsRecordSchema),
  /** The KSK's public key (base64), for registrars that compute the digest themselves; null when unreadable. */
  publicKey: z.string().nullable(),
  /** The nameservers to set at the registrar: ns1/ns2.<PRIMARY_HOSTNAME> plus the secondary nameservers. */
  nameservers: z.array(z.string()),
  /** Glue, only for the zone that holds the box's own nameserver names. */
  glue: z.array(z.object({ host: z.string(), ipv4: z.string().nullable(), ipv6: z.string().nullable() })),
  /** Set when the DS file could not be read, with the next step (e.g. the sudo rule to add). */
  problem: z.string().nullable(),
});
export type ZoneDelegation = z.infer<typeof zoneDelegationSchema>;

/** Where an answer came from: every check result says it. */
export const askedFromSchema = z.object({
  role: z.enum(['box', 'secondary', 'resolver', 'parent']),
  /** A hostname where there is one (ns1.box.example.com, a.gtld-servers.net), else the address. */
  name: z.string(),
  address: z.string(),
  port: z.number().int(),
});
export type AskedFrom = z.infer<typeof askedFromSchema>;

export const checkAreaSchema = z.enum([
  'records',
  'delegation',
  'dnssec',
  'reverse',
  'mx',
  'spf',
  'dkim',
  'dmarc',
  'mta-sts',
  'tlsa',
]);
export type CheckArea = z.infer<typeof checkAreaSchema>;

/**
 * One finding. `unknown` means the question got no answer (timeout, refused, unreachable): never a failure.
 * `kind` says what is wrong with a record set; absent on ok/unknown findings and on checks that are not set diffs.
 */
export const checkFindingSchema = z.object({
  area: checkAreaSchema,
  status: z.enum(['ok', 'problem', 'unknown']),
  kind: z.enum(['missing', 'extra', 'different', 'malformed', 'mismatch']).optional(),
  /** Absolute name asked about, and its type. */
  name: z.string(),
  rtype: z.string(),
  /** One sentence for the admin: what was found and, for a problem, what to do. */
  title: z.string(),
  expected: z.array(z.string()),
  actual: z.array(z.string()),
  askedFrom: askedFromSchema,
});
export type CheckFinding = z.infer<typeof checkFindingSchema>;

export const zoneCheckSchema = z.object({
  zone: z.string(),
  findings: z.array(checkFindingSchema),
  problems: z.number().int(),
  unknown: z.number().int(),
});
export type ZoneCheck = z.infer<typeof zoneCheckSchema>;

export const boxCheckSchema = z.object({
  boxId: boxIdSchema,
  boxName: z.string(),
  /** Set when the box itself could not be asked for what it intends (its zones are then absent). */
  error: appErrorSchema.optional(),
  zones: z.array(zoneCheckSchema),
});
export type BoxCheck = z.infer<typeof boxCheckSchema>;

export const checkReportSchema = z.object({
  jobId: z.string().max(64),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }),
  /** The resolvers asked (`IP:PORT`), so the report says where it looked from. */
  resolvers: z.array(z.string()),
  boxes: z.array(boxCheckSchema),
});
export type CheckReport = z.infer<typeof checkReportSchema>;

/** A resolver as typed: an IPv4 or IPv6 address with an optional port (`1.1.1.1`, `[2606:4700::1111]:53`). */
export const resolverSchema = z.string().min(2).max(64);

const boxRequest = z.object({ boxId: boxIdSchema });
const boxIds = z.array(boxIdSchema).min(1).max(10_000);

export const dnsMethods = {
  capabilities: method(
    'What the box offers for DNS (flavour, TTL support, its zones)',
    boxRequest,
    dnsCapabilitiesSchema,
  ),
  custom: {
    list: method('Custom DNS records of a box (§4.4.5), in file order', boxRequest, z.array(customRecordSchema)),
    set: method(
      'Makes this the only value of (qname, type) (PUT); the answer is the box DNS update report',
      recordChange,
      changeReportSchema,
    ),
    add: method('Adds a value to (qname, type) (POST) unless it exists', recordChange, changeReportSchema),
    remove: method(
      'Removes one value, or every value of (qname, type) when no value is given',
      z.object({ boxId: boxIdSchema, qname: qnameField, rtype: customRecordTypeSchema, value: valueField.optional() }),
      changeReportSchema,
    ),
  },
  secondary: {
    get: method(
      'Secondary nameserver entries, hostnames and xfr:<ip|cidr>, in stored order',
      boxRequest,
      z.object({ entries: z.array(z.string()) }),
    ),
    set: method(
      'Replaces the secondary nameserver entries; an empty list clears them',
      z.object({ boxId: boxIdSchema, entries: z.array(z.string().min(1).max(300)).max(100) }),
      changeReportSchema,
    ),
  },
  dump: method(
    'The records the box wants the world to see, per zone (External DNS, §4.4.8)',
    boxRequest,
    z.array(zoneRecordsSchema),
  ),
  zonefile: method(
    "A zone's unsigned zone file as the box serves it (§4.4.9)",
    z.object({ boxId: boxIdSchema, zone: qnameField }),
    z.object({ text: z.string(), filename: z.string() }),
  ),
  delegation: method(
    'What to give the registrar per zone: DS records, nameservers and glue',
    boxRequest,
    z.array(zoneDelegationSchema),
  ),
  check: {
    start: method(
      'Checks from this computer what the world sees for every zone of the boxes named, as a job',
      z.object({ boxIds, resolvers: z.array(resolverSchema).max(8).optional() }),
      z.object({ jobId: z.string().max(64) }),
    ),
    result: method(
      'The report of an outside check job (kept in memory for recent jobs)',
      z.object({ jobId: z.string().max(64) }),
      checkReportSchema,
    ),
    last: method(
      'The newest finished outside check that covered this box, or null',
      boxRequest,
      checkReportSchema.nullable(),
    ),
    settings: {
      get: method(
        'The resolvers the outside check asks; empty = this computer’s own resolvers',
        z.object({}).strict(),
        z.object({ resolvers: z.array(resolverSchema) }),
      ),
      set: method(
        'Sets the resolvers the outside check asks',
        z.object({ resolvers: z.array(resolverSchema).max(8) }),
        z.object({ resolvers: z.array(resolverSchema) }),
      ),
    },
  },
};
