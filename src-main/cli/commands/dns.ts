import type { BoxfleetApi } from '../../../src-shared/contract';
import type { CustomRecord, CustomRecordType } from '../../../src-shared/contract/dns';
import { customRecordTypeSchema } from '../../../src-shared/contract/dns';
import type { Command, CommandInput, OptionValues } from '../command';
import { EXIT, UsageError, str } from '../command';
import { formatTable, printJson, reportError } from '../output';
import { openBox, reportLines } from './mail-common';

export const DNS_REFUSAL =
  'Exit status: 0 done, 1 refused or failed (the reason on stderr: a refusal by the box is its own text, ' +
  'verbatim), 2 usage error.';

const TYPES = customRecordTypeSchema.options.join(', ');

/** RTYPE as typed (any case); an unknown type is a usage error, not a box refusal. */
function recordType(text: string): CustomRecordType {
  const parsed = customRecordTypeSchema.safeParse(text.toUpperCase());
  if (!parsed.success) throw new UsageError(`${text} is not a record type Boxfleet sets: use one of ${TYPES}.`);
  return parsed.data;
}

/** --ttl in whole seconds; whether the box takes one at all is the box's (and the service's) to say. */
function ttlOption(values: OptionValues): number | undefined {
  const text = str(values, 'ttl');
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`--ttl takes whole seconds, not ${text}.`);
  return Number(text);
}

function sortOption(values: OptionValues): 'name' | 'created' {
  const by = str(values, 'sort') ?? 'name';
  if (by !== 'name' && by !== 'created') throw new UsageError(`--sort takes name or created, not ${by}.`);
  return by;
}

function sortRecords(records: CustomRecord[], by: 'name' | 'created'): CustomRecord[] {
  const key = by === 'created' ? (r: CustomRecord) => r.created : (r: CustomRecord) => r.byName;
  return [...records].sort((a, b) => key(a) - key(b));
}

export const dnsListCommand: Command = {
  path: ['dns', 'list'],
  usage: 'boxfleet dns list --box NAME [--sort name|created] [--json]',
  summary: "List a box's custom DNS records",
  options: { box: { type: 'string' }, sort: { type: 'string' } },
  optionHelp: { sort: "the box page's two orders: name (zone, then name, then type; the default) or created" },
  details: [
    'TTL is the record\'s own TTL on Power boxes, "default" when it uses the zone default (one day); upstream ' +
      'boxes have no per-record TTL. ZONE is "-" for a record outside every zone of the box (never published).',
    'JSON: a list of {qname, rtype, value (as stored: CNAME and NS with their final dot), ttl (null = default), ' +
      'zone, created, byName (the two sort positions)}.',
  ],
  positionals: [],
  json: true,
  async run(input) {
    const sort = sortOption(input.values);
    const opened = await openBox(input, 'dns list');
    if (!opened.ok) return opened.code;
    const result = await opened.api.dns.custom.list({ boxId: opened.box.id });
    if (!result.ok) return reportError(input.io, result.error);
    const records = sortRecords(result.value, sort);
    if (input.json) printJson(input.io, records);
    else if (records.length === 0) input.io.out('No custom DNS records on this box.\n');
    else
      input.io.out(
        formatTable(
          ['QNAME', 'TYPE', 'VALUE', 'TTL', 'ZONE'],
          records.map((r) => [r.qname, r.rtype, r.value, r.ttl === null ? 'default' : String(r.ttl), r.zone ?? '-']),
        ),
      );
    return EXIT.ok;
  },
};

function changeCommand(verb: 'set' | 'add'): Command {
  return {
    path: ['dns', verb],
    usage: `boxfleet dns ${verb} --box NAME QNAME RTYPE VALUE [--ttl S] [--json]`,
    summary:
      verb === 'set'
        ? 'Make VALUE the only value of a name and type (replaces the others)'
        : 'Add a value to a name and type (round-robin A records, several TXT records)',
    options: { box: { type: 'string' }, ttl: { type: 'string' } },
    optionHelp: { ttl: 'the TTL in seconds, 30 to 2592000 (Power boxes only; default: the zone default, one day)' },
    details: [
      `RTYPE is one of ${TYPES}. QNAME is a zone of the box or a name under one (Unicode names are sent in ` +
        'punycode). VALUE by type: A/AAAA an address or "local" (the box\'s own); CNAME and NS a host name (the ' +
        'box adds the final dot; NS only below a zone apex); MX "PRIORITY HOST"; SRV "PRIORITY WEIGHT PORT TARGET"; ' +
        'SSHFP "ALGORITHM TYPE FINGERPRINT"; CAA \'FLAGS TAG "VALUE"\' (tag issue, issuewild or iodef); TXT any ' +
        'ASCII text, which the box splits into strings of 255 bytes itself (a value pasted as quoted strings is ' +
        'sent as the text they hold). A value starting with "-" goes after "--".',
      'JSON: {box, qname, rtype, value, ttl, report (the box change report; "OK" when nothing changed)}.',
      DNS_REFUSAL,
    ],
    positionals: ['QNAME', 'RTYPE', 'VALUE'],
    json: true,
    async run(input) {
      const [qname, rtypeText, value] = input.positionals as [string, string, string];
      const rtype = recordType(rtypeText);
      const ttl = ttlOption(input.values);
      const opened = await openBox(input, `dns ${verb}`);
      if (!opened.ok) return opened.code;
      const request = { boxId: opened.box.id, qname, rtype, value, ...(ttl !== undefined ? { ttl } : {}) };
      const result =
        verb === 'set' ? await opened.api.dns.custom.set(request) : await opened.api.dns.custom.add(request);
      if (!result.ok) return reportError(input.io, result.error);
      const { report } = result.value;
      if (input.json) printJson(input.io, { box: opened.box.name, qname, rtype, value, ttl: ttl ?? null, report });
      else if (report.trim() === 'OK') input.io.out(`${qname} ${rtype} ${value} was already set; nothing changed.\n`);
      else input.io.out(`${verb === 'set' ? 'Set' : 'Added'} ${qname} ${rtype} ${value}.\n${reportLines(report)}`);
      return EXIT.ok;
    },
  };
}

export const dnsSetCommand = changeCommand('set');
export const dnsAddCommand = changeCommand('add');

export const dnsRemoveCommand: Command = {
  path: ['dns', 'remove'],
  usage: 'boxfleet dns remove --box NAME QNAME RTYPE [VALUE] [--json]',
  summary: 'Remove one value of a name and type, or all of them when no VALUE is given',
  options: { box: { type: 'string' } },
  details: ['JSON: {box, qname, rtype, value (null = all), report}.', DNS_REFUSAL],
  positionals: ['QNAME', 'RTYPE'],
  optionalPositionals: ['VALUE'],
  json: true,
  async run(input) {
    const [qname, rtypeText, value] = input.positionals as [string, string, string | undefined];
    const rtype = recordType(rtypeText);
    const opened = await openBox(input, 'dns remove');
    if (!opened.ok) return opened.code;
    const result = await opened.api.dns.custom.remove({
      boxId: opened.box.id,
      qname,
      rtype,
      ...(value !== undefined ? { value } : {}),
    });
    if (!result.ok) return reportError(input.io, result.error);
    const { report } = result.value;
    if (input.json) printJson(input.io, { box: opened.box.name, qname, rtype, value: value ?? null, report });
    else if (report.trim() === 'OK') input.io.out(`There was no such record on ${opened.box.name}; nothing changed.\n`);
    else
      input.io.out(
        `Removed ${value === undefined ? `every ${rtype} record of ${qname}` : `${qname} ${rtype} ${value}`}.\n` +
          reportLines(report),
      );
    return EXIT.ok;
  },
};

const SECONDARY_EXPLANATION =
  'A hostname becomes an extra NS record in every zone and may transfer the zones (the box must be able to ' +
  'resolve it when it is saved); xfr:IP or xfr:CIDR only allows zone transfers. Without secondary nameservers ' +
  'the box is its own secondary (ns2).';

/** The entries as the box now holds them (after a change too, so what is printed is what the box kept). */
async function printSecondary(input: CommandInput, api: BoxfleetApi, boxId: string, boxName: string): Promise<number> {
  const result = await api.dns.secondary.get({ boxId });
  if (!result.ok) return reportError(input.io, result.error);
  if (input.json) printJson(input.io, { box: boxName, entries: result.value.entries });
  else if (result.value.entries.length === 0)
    input.io.out(`${boxName} has no secondary nameservers: it is its own secondary (ns2).\n`);
  else input.io.out(result.value.entries.map((e) => e + '\n').join(''));
  return EXIT.ok;
}

export const dnsSecondaryCommand: Command = {
  path: ['dns', 'secondary'],
  usage: 'boxfleet dns secondary --box NAME [HOSTNAME|xfr:IP[/BITS]...] [--clear] [--json]',
  summary: "Print a box's secondary nameservers, or replace them with the ones given",
  options: { box: { type: 'string' }, clear: { type: 'boolean' } },
  optionHelp: { clear: 'remove every secondary nameserver and xfr: entry' },
  details: [
    SECONDARY_EXPLANATION,
    'Without arguments the entries are printed, one a line. With arguments they replace the stored ones.',
    'JSON: {box, entries} (after a change, also report).',
    DNS_REFUSAL,
  ],
  positionals: [],
  repeatedPositional: 'HOSTNAME',
  json: true,
  async run(input) {
    const clear = input.values.clear === true;
    if (clear && input.positionals.length > 0)
      throw new UsageError('dns secondary takes --clear or entries, not both.');
    const opened = await openBox(input, 'dns secondary');
    if (!opened.ok) return opened.code;
    const boxId = opened.box.id;
    if (!clear && input.positionals.length === 0) return printSecondary(input, opened.api, boxId, opened.box.name);
    const entries = clear ? [] : input.positionals;
    const result = await opened.api.dns.secondary.set({ boxId, entries });
    if (!result.ok) return reportError(input.io, result.error);
    if (input.json) {
      const now = await opened.api.dns.secondary.get({ boxId });
      if (!now.ok) return reportError(input.io, now.error);
      printJson(input.io, { box: opened.box.name, entries: now.value.entries, report: result.value.report });
      return EXIT.ok;
    }
    input.io.out(
      (clear ? `Cleared the secondary nameservers of ${opened.box.name}.\n` : `Saved.\n`) +
        reportLines(result.value.report),
    );
    return clear ? EXIT.ok : printSecondary(input, opened.api, boxId, opened.box.name);
  },
};
