import { fail, ok, type Result } from '../../../src-shared/contract/result';
import {
  customDnsRecordsSchema,
  dnsDumpSchema,
  dnsZonesSchema,
  secondaryNameserversSchema,
  type CustomDnsRecord,
  type DnsDump,
  type DnsRecordType,
} from '../../../src-shared/domain/miab';
import type { ApiCaller, ApiRequest } from '../api-request';
import { json, segment, text } from './helpers';

export interface CustomDnsChange {
  /** Lowercase punycode; the box does not normalise it (§4.4.7). */
  qname: string;
  rtype: DnsRecordType;
  value: string;
  /** Power only (§6.3.4). */
  ttl?: number;
}

type Verb = 'add' | 'set' | 'delete';
const METHOD: Record<Verb, ApiRequest['method']> = { add: 'POST', set: 'PUT', delete: 'DELETE' };

/** §4.4 DNS. Custom-record writes use the flavour's encoding: a raw body upstream, form fields on Power (§9.12). */
export function dnsRoutes(api: ApiCaller) {
  const change = async (
    verb: Verb,
    record: Omit<CustomDnsChange, 'value'> & { value?: string },
  ): Promise<Result<string>> => {
    const info = await api.detect();
    if (!info.ok) return info;
    const value = record.value ?? '';
    // An empty A/AAAA value falls back to X-Forwarded-For, which a tunnel never sends: the box would answer OK and do nothing.
    if (verb !== 'delete' && value.trim() === '')
      return fail('validation', `A ${record.rtype} record needs a value.`, { retryable: false });
    const path = `/dns/custom/${segment(record.qname)}/${segment(record.rtype)}`;
    if (info.value.flavour === 'power') {
      const form: Record<string, string | undefined> = {
        value: value === '' ? undefined : value,
        ttl: record.ttl === undefined ? undefined : String(record.ttl),
      };
      return text(api, { method: METHOD[verb], path, speed: 'kick', form });
    }
    if (record.ttl !== undefined)
      return fail('not-supported', 'Custom TTLs need Power Mail-in-a-Box; upstream always uses the zone default.', {
        retryable: false,
      });
    return text(api, { method: METHOD[verb], path, speed: 'kick', rawBody: value });
  };
  return {
    zones: (): Promise<Result<string[]>> => json(api, { method: 'GET', path: '/dns/zones' }, dnsZonesSchema),
    update: (force = false): Promise<Result<string>> =>
      text(api, { method: 'POST', path: '/dns/update', speed: 'kick', form: { force: force ? '1' : undefined } }),
    secondaryNameservers: async (): Promise<Result<string[]>> => {
      const answer = await json(api, { method: 'GET', path: '/dns/secondary-nameserver' }, secondaryNameserversSchema);
      return answer.ok ? ok(answer.value.hostnames) : answer;
    },
    /** Hostnames and `xfr:<ip|cidr>` entries; an empty list clears the setting (§4.4.4). */
    setSecondaryNameservers: (hostnames: readonly string[]): Promise<Result<string>> =>
      text(api, {
        method: 'POST',
        path: '/dns/secondary-nameserver',
        speed: 'slow',
        form: { hostnames: hostnames.join(' ') },
      }),
    custom: (): Promise<Result<CustomDnsRecord[]>> =>
      json(api, { method: 'GET', path: '/dns/custom' }, customDnsRecordsSchema),
    /** Always names the type: without one the box filters on A only (§4.4.6). */
    customFor: (qname: string, rtype: DnsRecordType): Promise<Result<CustomDnsRecord[]>> =>
      json(api, { method: 'GET', path: `/dns/custom/${segment(qname)}/${segment(rtype)}` }, customDnsRecordsSchema),
    /** Adds a value unless the same one exists. The answer is the DNS update report or `OK` when nothing changed. */
    customAdd: (record: CustomDnsChange): Promise<Result<string>> => change('add', record),
    /** Makes this the only value of (qname, rtype). */
    customSet: (record: CustomDnsChange): Promise<Result<string>> => change('set', record),
    /** Removes one value, or every value of (qname, rtype) when no value is given. */
    customDelete: (record: Omit<CustomDnsChange, 'value' | 'ttl'> & { value?: string }): Promise<Result<string>> =>
      change('delete', record),
    dump: (): Promise<Result<DnsDump>> => json(api, { method: 'GET', path: '/dns/dump' }, dnsDumpSchema),
    zonefile: (zone: string): Promise<Result<string>> =>
      text(api, { method: 'GET', path: `/dns/zonefile/${segment(zone)}` }),
  };
}
