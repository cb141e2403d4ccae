import type { ZoneDelegation, ZoneRecords } from '../../src-shared/contract/dns';
import type { Result } from '../../src-shared/contract/result';

/**
 * What a box intends the world to see, gathered over its SSH connection: the input of the outside check. The check
 * itself never talks to the box; it asks nameservers and resolvers from this computer and compares with this.
 */
export interface OutsideFacts {
  /** PRIMARY_HOSTNAME from /etc/mailinabox.conf: the box's nameservers are ns1./ns2. under it. */
  hostname: string;
  /** PUBLIC_IP and PUBLIC_IPV6 (null when empty): where ns1/ns2 answer, and what PTR/FCrDNS is checked for. */
  ipv4: string;
  ipv6: string | null;
  /** `/dns/dump`, per zone, in the box's zone order. */
  zones: ZoneRecords[];
  /** DS records, nameservers and glue per zone, as the registrar should have them. */
  delegation: ZoneDelegation[];
  /** Secondary nameserver hostnames (the `xfr:` entries dropped: they are not nameservers of the zone). */
  secondaryNameservers: string[];
}

/** Supplied by the DNS service; the check asks it once per box. */
export type OutsideFactsSource = (boxId: string) => Promise<Result<OutsideFacts>>;
