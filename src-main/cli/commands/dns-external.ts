import { writeFile } from 'node:fs/promises';
import type { CheckFinding, CheckReport, ZoneDelegation } from '../../../src-shared/contract/dns';
import type { Command, Io } from '../command';
import { EXIT, str } from '../command';
import { formatTable, printJson, reportError } from '../output';
import { DNS_REFUSAL } from './dns';
import { addressList, openBox } from './mail-common';
import { followStarted } from './status';

export const dnsZonefileCommand: Command = {
  path: ['dns', 'zonefile'],
  usage: 'boxfleet dns zonefile --box NAME ZONE [-o FILE]',
  summary: "Print (or save) a zone's file as the box serves it, unsigned, in BIND syntax",
  options: { box: { type: 'string' }, output: { type: 'string', short: 'o' } },
  optionHelp: { output: 'write the zone file to FILE instead of standard output (conventionally <zone>.txt)' },
  details: ['ZONE is one of the zones `boxfleet dns ds` or `dns dump` list.', DNS_REFUSAL],
  positionals: ['ZONE'],
  json: false,
  async run(input) {
    const opened = await openBox(input, 'dns zonefile');
    if (!opened.ok) return opened.code;
    const zone = input.positionals[0] as string;
    const result = await opened.api.dns.zonefile({ boxId: opened.box.id, zone });
    if (!result.ok) return reportError(input.io, result.error);
    const file = str(input.values, 'output');
    if (file === undefined) {
      input.io.out(result.value.text.endsWith('\n') ? result.value.text : result.value.text + '\n');
      return EXIT.ok;
    }
    try {
      await writeFile(file, result.value.text, { mode: 0o644 });
    } catch (error) {
      return reportError(input.io, {
        code: 'internal',
        message: `${file} could not be written: ${error instanceof Error ? error.message : String(error)}`,
        retryable: false,
      });
    }
    input.io.out(`Saved the zone file of ${result.value.filename.replace(/\.txt$/, '')} to ${file}.\n`);
    return EXIT.ok;
  },
};

export const dnsDumpCommand: Command = {
  path: ['dns', 'dump'],
  usage: 'boxfleet dns dump --box NAME [--json]',
  summary: 'The records the box wants the world to see, per zone (its External DNS page)',
  options: { box: { type: 'string' } },
  details: [
    'For a box whose DNS is hosted elsewhere: set these records at the DNS provider. Each zone is printed in ' +
      'BIND syntax (absolute names), each record after a comment with the box\'s explanation ("Required.", ' +
      '"Recommended." or "Optional." first). TXT values are quoted as one string; split longer ones as the ' +
      'provider asks.',
    'JSON: a list of {zone, records: [{qname, rtype, value, explanation}]}.',
  ],
  positionals: [],
  json: true,
  async run(input) {
    const opened = await openBox(input, 'dns dump');
    if (!opened.ok) return opened.code;
    const result = await opened.api.dns.dump({ boxId: opened.box.id });
    if (!result.ok) return reportError(input.io, result.error);
    if (input.json) {
      printJson(input.io, result.value);
      return EXIT.ok;
    }
    for (const { zone, records } of result.value) {
      input.io.out(`; ${zone}\n`);
      for (const r of records) {
        const value = r.rtype === 'TXT' ? `"${r.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : r.value;
        input.io.out(`; ${r.explanation}\n${r.qname}.\tIN\t${r.rtype}\t${value}\n`);
      }
      input.io.out('\n');
    }
    return EXIT.ok;
  },
};

function printDelegation(io: Io, zone: ZoneDelegation): void {
  io.out(`${zone.zone}\n${'='.repeat(zone.zone.length)}\n`);
  io.out(`Nameservers at the registrar: ${zone.nameservers.join(', ')}\n`);
  for (const glue of zone.glue) {
    const addresses = [glue.ipv4, glue.ipv6].filter((a): a is string => a !== null).join(', ');
    io.out(`Glue: ${glue.host} → ${addresses || '(no address)'}\n`);
  }
  const offered = zone.ds.filter((d) => d.rank !== null);
  if (offered.length > 0) {
    io.out('DS records (use the first option your registrar takes):\n');
    io.out(
      formatTable(
        ['OPTION', 'KEY TAG', 'ALGORITHM', 'DIGEST TYPE', 'DIGEST'],
        offered.map((d, i) => [
          String(i + 1),
          String(d.keyTag),
          `${d.algorithm} (${d.algorithmName})`,
          `${d.digestType} (${d.digestTypeName})`,
          d.digest,
        ]),
      ),
    );
  }
  if (zone.publicKey !== null) io.out(`Public key (flags 257, KSK): ${zone.publicKey}\n`);
  if (zone.problem !== null) io.out(`Note: ${zone.problem}\n`);
  io.out('\n');
}

export const dnsDsCommand: Command = {
  path: ['dns', 'ds'],
  usage: 'boxfleet dns ds --box NAME [--json]',
  summary: 'What to give the registrar per zone: nameservers, glue and the DS records (DNSSEC)',
  options: { box: { type: 'string' } },
  details: [
    "The DS records come from the files the box writes when it signs a zone, ranked as the box's status page " +
      'offers them; the ones it must not offer (SHA-1) are left out of the text. The public key of the ' +
      'signing key is root-only on the box: a login other than root reads it through the sudoers line printed ' +
      'when it is missing.',
    'JSON: a list of {zone, ds: [{keyTag, algorithm, algorithmName, digestType, digestTypeName, digest, record, ' +
      'rank (null = not to be offered)}], publicKey, nameservers, glue: [{host, ipv4, ipv6}], problem}.',
  ],
  positionals: [],
  json: true,
  async run(input) {
    const opened = await openBox(input, 'dns ds');
    if (!opened.ok) return opened.code;
    const result = await opened.api.dns.delegation({ boxId: opened.box.id });
    if (!result.ok) return reportError(input.io, result.error);
    if (input.json) printJson(input.io, result.value);
    else for (const zone of result.value) printDelegation(input.io, zone);
    return EXIT.ok;
  },
};

const MARK: Record<CheckFinding['status'], string> = { ok: '✓', problem: '✖', unknown: '?' };

function printFinding(io: Io, f: CheckFinding): void {
  const from = `${f.askedFrom.role} ${f.askedFrom.name} (${f.askedFrom.address}:${f.askedFrom.port})`;
  io.out(`  ${MARK[f.status]} [${f.area}] ${f.title} — asked ${from}\n`);
  if (f.status === 'problem') {
    io.out(`      expected: ${f.expected.join(' | ') || '(nothing)'}\n`);
    io.out(`      found:    ${f.actual.join(' | ') || '(nothing)'}\n`);
  }
}

/** Problems and unknowns per zone; what matched is counted, not listed. Returns the totals. */
function printReport(io: Io, report: CheckReport): { problems: number; unknown: number; failed: number } {
  let problems = 0;
  let unknown = 0;
  let failed = 0;
  io.out(`Resolvers asked: ${report.resolvers.join(', ') || '(none)'}\n`);
  for (const box of report.boxes) {
    if (box.error) {
      failed++;
      io.out(`${box.boxName}: could not be checked: ${box.error.message}\n`);
    }
    for (const zone of box.zones) {
      problems += zone.problems;
      unknown += zone.unknown;
      const ok = zone.findings.length - zone.problems - zone.unknown;
      io.out(`${box.boxName} ${zone.zone}: ${zone.problems} wrong, ${zone.unknown} unknown, ${ok} right\n`);
      for (const f of zone.findings) if (f.status !== 'ok') printFinding(io, f);
    }
  }
  return { problems, unknown, failed };
}

export const dnsCheckCommand: Command = {
  path: ['dns', 'check'],
  usage: 'boxfleet dns check --box NAME [--resolver IP[:PORT]]... [--json]',
  summary: "Check from this computer what the world sees of a box's zones",
  options: { box: { type: 'string' }, resolver: { type: 'string', multiple: true } },
  optionHelp: {
    resolver: 'a resolver to ask as well (repeatable; default: the saved setting, else this computer’s own)',
  },
  details: [
    "Asks the box's nameservers, the parent zones and resolvers directly and compares what they serve with " +
      'what the box intends (records, delegation, DS, reverse DNS, MX, SPF, DKIM, DMARC, MTA-STS, TLSA). A ' +
      'question that gets no answer is "unknown", never wrong. Every finding says whom it asked.',
    'JSON: the report: {jobId, startedAt, endedAt, resolvers, boxes: [{boxId, boxName, error?, zones: [{zone, ' +
      'findings, problems, unknown}]}]}.',
    'Exit status: 0 when nothing is wrong (some answers may be unknown: the text says so), 1 when something is ' +
      'wrong or the box could not be checked, 2 usage error.',
  ],
  positionals: [],
  json: true,
  async run(input) {
    const resolvers = addressList(input.values, 'resolver');
    const opened = await openBox(input, 'dns check');
    if (!opened.ok) return opened.code;
    const started = await opened.api.dns.check.start({
      boxIds: [opened.box.id],
      ...(resolvers.length > 0 ? { resolvers } : {}),
    });
    if (!started.ok) return reportError(input.io, started.error);
    const ended = await followStarted(opened.core, input.io, input.json, started);
    if (!ended.ok) return reportError(input.io, ended.error);
    const report = await opened.api.dns.check.result({ jobId: started.value.jobId });
    if (!report.ok) return reportError(input.io, report.error);
    if (input.json) {
      printJson(input.io, report.value);
      const wrong = report.value.boxes.some((b) => b.error || b.zones.some((z) => z.problems > 0));
      return wrong ? EXIT.failed : EXIT.ok;
    }
    const totals = printReport(input.io, report.value);
    if (totals.problems > 0 || totals.failed > 0) {
      input.io.out(
        `Something is wrong: ${totals.problems} wrong${totals.failed ? ', the box could not be checked' : ''}.\n`,
      );
      return EXIT.failed;
    }
    input.io.out(
      totals.unknown > 0
        ? `Nothing wrong found, but ${totals.unknown} questions got no answer (unknown): check again later.\n`
        : 'All right: everything asked matched what the box intends.\n',
    );
    return EXIT.ok;
  },
};
