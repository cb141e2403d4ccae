import type {
  CustomRecord,
  CustomRecordType,
  DnsCapabilities,
  ZoneDelegation,
  ZoneRecords,
} from '../../src-shared/contract/dns';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import { checkQname, checkRecord, DNS_MESSAGES, removalValue } from '../../src-shared/domain/dns-rules';
import type { BoxInfo } from '../box/api-request';
import type { dnsRoutes } from '../box/routes/dns';
import type { ExecOptions, ExecResult } from '../ssh/types';
import { checkSecondaryEntries, toCustomRecord, toZoneRecords, verifyAddressWrite } from './custom-view';
import { readDelegation } from './delegation-reader';
import type { OutsideFacts } from './outside-facts';

/** The routes of one box the DNS service uses (a BoxApiClient has them). */
export interface DnsBoxApi {
  detect(): Promise<Result<BoxInfo>>;
  readonly routes: { readonly dns: ReturnType<typeof dnsRoutes> };
}

export interface DnsServiceDeps {
  /** The management API of a box in the fleet. */
  api(boxId: string): Promise<Result<DnsBoxApi>>;
  /** The saved box: its login user and file paths, and the host name detected when it was added or tested. */
  box(boxId: string): Promise<Result<Box>>;
  /** Runs a command on the box over its SSH connection (delegation reads files the API does not serve). */
  exec(boxId: string, command: string, options?: ExecOptions): Promise<Result<ExecResult>>;
}

export interface RecordChange {
  qname: string;
  rtype: CustomRecordType;
  value: string;
  ttl?: number | undefined;
}

type Report = { report: string };

function invalid(field: string, message: string) {
  return fail('validation', message, { retryable: false, detail: { field } });
}

/**
 * One box's DNS as its Custom DNS and External DNS pages offer it: custom records (checked with the box's rules
 * first; a refusal by the box comes back verbatim), secondary nameservers, the records the box publishes, zone files,
 * and what the registrar needs (DS records, nameservers, glue). Also the facts the outside check compares with.
 */
export class DnsService {
  constructor(private readonly deps: DnsServiceDeps) {}

  private async withApi<T>(boxId: string, work: (api: DnsBoxApi) => Promise<Result<T>>): Promise<Result<T>> {
    const api = await this.deps.api(boxId);
    return api.ok ? work(api.value) : api;
  }

  capabilities(boxId: string): Promise<Result<DnsCapabilities>> {
    return this.withApi(boxId, async (api) => {
      const info = await api.detect();
      if (!info.ok) return info;
      const zones = await api.routes.dns.zones();
      if (!zones.ok) return zones;
      const box = await this.deps.box(boxId);
      if (!box.ok) return box;
      const power = info.value.flavour === 'power';
      return ok({
        flavour: info.value.flavour,
        version: info.value.version,
        ttl: power,
        ttlAbsentReason: power ? null : DNS_MESSAGES.ttlUpstream,
        zones: zones.value,
        primaryHostname: box.value.detected?.hostname ?? null,
      });
    });
  }

  listCustom(boxId: string): Promise<Result<CustomRecord[]>> {
    return this.withApi(boxId, async (api) => {
      const records = await api.routes.dns.custom();
      return records.ok ? ok(records.value.map(toCustomRecord)) : records;
    });
  }

  /** Makes `value` the only value of (qname, type): the box's PUT. */
  setRecord(boxId: string, change: RecordChange): Promise<Result<Report>> {
    return this.write(boxId, 'set', change);
  }

  /** Adds `value` to (qname, type) unless it is there: the box's POST. */
  addRecord(boxId: string, change: RecordChange): Promise<Result<Report>> {
    return this.write(boxId, 'add', change);
  }

  private write(boxId: string, verb: 'set' | 'add', change: RecordChange): Promise<Result<Report>> {
    return this.withApi(boxId, async (api) => {
      const info = await api.detect();
      if (!info.ok) return info;
      if (change.ttl !== undefined && info.value.flavour !== 'power')
        return fail('not-supported', DNS_MESSAGES.ttlUpstream, {
          retryable: false,
          detail: { flavour: info.value.flavour, version: info.value.version },
        });
      const zones = await api.routes.dns.zones();
      if (!zones.ok) return zones;
      const checked = checkRecord(change, { zones: zones.value, ttlSupported: info.value.flavour === 'power' });
      if (!checked.ok) return invalid(checked.field, checked.message);
      const { qname, rtype, value, ttl } = checked.value;
      const record = { qname, rtype, value, ...(ttl !== undefined ? { ttl } : {}) };
      const sent = verb === 'set' ? await api.routes.dns.customSet(record) : await api.routes.dns.customAdd(record);
      if (!sent.ok) return sent;
      const verified = await verifyAddressWrite(api.routes.dns, checked.value, true, sent.value);
      return verified.ok ? ok({ report: sent.value }) : verified;
    });
  }

  /** Removes one value, or every value of (qname, type) when no value is given. */
  removeRecord(
    boxId: string,
    request: { qname: string; rtype: CustomRecordType; value?: string | undefined },
  ): Promise<Result<Report>> {
    return this.withApi(boxId, async (api) => {
      const zones = await api.routes.dns.zones();
      if (!zones.ok) return zones;
      const name = checkQname(request.qname, zones.value);
      if (!name.ok) return invalid(name.field, name.message);
      const qname = name.value.qname;
      const value = request.value === undefined ? '' : removalValue(request.rtype, request.value);
      const removed = await api.routes.dns.customDelete({
        qname,
        rtype: request.rtype,
        ...(value !== '' ? { value } : {}),
      });
      if (!removed.ok) return removed;
      if (value !== '') {
        const verified = await verifyAddressWrite(
          api.routes.dns,
          { qname, rtype: request.rtype, value },
          false,
          removed.value,
        );
        if (!verified.ok) return verified;
      }
      return ok({ report: removed.value });
    });
  }

  secondary(boxId: string): Promise<Result<{ entries: string[] }>> {
    return this.withApi(boxId, async (api) => {
      const entries = await api.routes.dns.secondaryNameservers();
      return entries.ok ? ok({ entries: entries.value }) : entries;
    });
  }

  /** Replaces the entries (hostnames and `xfr:<ip|cidr>`); an empty list clears them. The box resolves hostnames. */
  setSecondary(boxId: string, entries: readonly string[]): Promise<Result<Report>> {
    return this.withApi(boxId, async (api) => {
      const checked = checkSecondaryEntries(entries);
      if (!checked.ok) return invalid('entries', checked.message);
      const set = await api.routes.dns.setSecondaryNameservers(checked.value);
      return set.ok ? ok({ report: set.value }) : set;
    });
  }

  dump(boxId: string): Promise<Result<ZoneRecords[]>> {
    return this.withApi(boxId, async (api) => {
      const dump = await api.routes.dns.dump();
      return dump.ok ? ok(toZoneRecords(dump.value)) : dump;
    });
  }

  /** The zone's file as the box serves it. An unknown zone is refused here: the box answers it with a 500 page. */
  zonefile(boxId: string, zone: string): Promise<Result<{ text: string; filename: string }>> {
    return this.withApi(boxId, async (api) => {
      const zones = await api.routes.dns.zones();
      if (!zones.ok) return zones;
      const name = zone.trim().toLowerCase().replace(/\.$/, '');
      if (!zones.value.includes(name))
        return fail('not-found', `${zone} is not a zone of this box. Its zones are: ${zones.value.join(', ')}.`, {
          retryable: false,
          detail: { zone },
        });
      const text = await api.routes.dns.zonefile(name);
      return text.ok ? ok({ text: text.value, filename: `${name}.txt` }) : text;
    });
  }

  async delegation(boxId: string): Promise<Result<ZoneDelegation[]>> {
    const facts = await this.delegationFacts(boxId);
    return facts.ok ? ok(facts.value.delegation) : facts;
  }

  private delegationFacts(boxId: string) {
    return this.withApi(boxId, async (api) => {
      const box = await this.deps.box(boxId);
      if (!box.ok) return box;
      const zones = await api.routes.dns.zones();
      if (!zones.ok) return zones;
      const entries = await api.routes.dns.secondaryNameservers();
      if (!entries.ok) return entries;
      const secondary = entries.value.filter((e) => !e.startsWith('xfr:'));
      return readDelegation({ exec: this.deps.exec, boxId, box: box.value, zones: zones.value, secondary });
    });
  }

  /** What the box intends the world to see, for the outside check (OutsideFactsSource). */
  async outsideFacts(boxId: string): Promise<Result<OutsideFacts>> {
    const facts = await this.delegationFacts(boxId);
    if (!facts.ok) return facts;
    const zones = await this.dump(boxId);
    if (!zones.ok) return zones;
    const { addresses, delegation, secondary } = facts.value;
    return ok({
      hostname: addresses.hostname,
      ipv4: addresses.ipv4,
      ipv6: addresses.ipv6,
      zones: zones.value,
      delegation,
      secondaryNameservers: secondary,
    });
  }
}
