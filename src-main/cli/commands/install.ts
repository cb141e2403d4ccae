import type { PreflightCheck, PreflightResult } from '../../../src-shared/contract/install';
import type { Command, CommandInput, OptionSpec } from '../command';
import { EXIT, UsageError, str } from '../command';
import { findBoxByName } from '../box-lookup';
import { formatTable, printJson, reportError } from '../output';
import { credentialFrom, parsePort } from './box-add';
import { connectDraft } from './connect-flow';
import { followInstall, jsonLine, reportInstall } from './install-follow';
import { cliApi } from './mail-common';

const LOGIN_OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  user: { type: 'string' },
  key: { type: 'string' },
  'passphrase-stdin': { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  agent: { type: 'boolean' },
  'accept-host-key': { type: 'string' },
} satisfies OptionSpec;

const INSTALL_OPTIONS = {
  ...LOGIN_OPTIONS,
  flavour: { type: 'string' },
  version: { type: 'string' },
  hostname: { type: 'string' },
  'admin-email': { type: 'string' },
  'admin-password-stdin': { type: 'boolean' },
  'public-ip': { type: 'string' },
  'public-ipv6': { type: 'string' },
  name: { type: 'string' },
  tag: { type: 'string', multiple: true },
  'preflight-only': { type: 'boolean' },
} satisfies OptionSpec;

/**
 * Standard input holds every secret asked for with `-stdin`, one per line, in this order: the SSH key's passphrase
 * or the SSH password, then the admin password. Read once, so both can come through one pipe.
 */
async function stdinSecrets(input: CommandInput): Promise<{ login: string | undefined; admin: string | undefined }> {
  const wantsLogin = input.values['passphrase-stdin'] === true || input.values['password-stdin'] === true;
  const wantsAdmin = input.values['admin-password-stdin'] === true;
  if (!wantsLogin && !wantsAdmin) return { login: undefined, admin: undefined };
  const lines = (await input.io.readStdin()).split(/\r?\n/);
  const login = wantsLogin ? lines.shift() : undefined;
  const admin = wantsAdmin ? lines.shift() : undefined;
  return { login, admin };
}

/** The admin password: from stdin, or asked twice without echo on a terminal; never from the command line. */
async function adminPassword(input: CommandInput, fromStdin: string | undefined): Promise<string> {
  if (input.values['admin-password-stdin'] === true) {
    if (!fromStdin) throw new UsageError('--admin-password-stdin read an empty password.');
    return fromStdin;
  }
  const prompt = input.io.prompt;
  if (!prompt)
    throw new UsageError(
      'install needs the admin password: pass --admin-password-stdin (it is never taken from the command line).',
    );
  const first = await prompt('Admin password for the control panel (at least 8 characters): ', { secret: true });
  const again = await prompt('The same password again: ', { secret: true });
  if (first !== again) throw new UsageError('The two passwords differ.');
  if (first.length < 8) throw new UsageError('The admin password needs at least 8 characters.');
  return first;
}

function flavourOf(input: CommandInput): 'upstream' | 'power' {
  const flavour = str(input.values, 'flavour') ?? 'upstream';
  if (flavour !== 'upstream' && flavour !== 'power')
    throw new UsageError(`--flavour takes upstream or power, not "${flavour}".`);
  return flavour;
}

function printChecks(input: CommandInput, checks: PreflightCheck[]): void {
  const rows = checks.map((c) => [c.result.toUpperCase(), c.id, c.reason + (c.next ? ` (${c.next})` : '')]);
  input.io.err(formatTable(['RESULT', 'CHECK', 'REASON'], rows));
}

/** `--public-ip` / `--public-ipv6`: an address as given; `auto` or nothing = what preflight found on the box. */
function addressAnswer(given: string | undefined, detected: string | null, flag: string): string | undefined {
  if (given !== undefined && given !== 'auto') return given;
  if (detected !== null) return detected;
  return flag === '--public-ipv6' ? '' : undefined;
}

const REATTACH = (host: string): string => `boxfleet install attach --host ${host}`;

export const installCommand: Command = {
  path: ['install'],
  usage:
    'boxfleet install --host H [--port P] --user U (--key FILE [--passphrase-stdin] | --password-stdin | --agent) [--accept-host-key SHA256:...] [--flavour upstream|power] [--version TAG] --hostname FQDN --admin-email EMAIL [--admin-password-stdin] [--public-ip IP|auto] [--public-ipv6 IP|auto] [--name NAME] [--tag T]... [--preflight-only] [--json]',
  summary: 'Install Mail-in-a-Box on a fresh server over SSH and add it to the fleet',
  options: INSTALL_OPTIONS,
  optionHelp: {
    user: 'the SSH login user: root, or a user with passwordless sudo',
    flavour: 'upstream (Ubuntu 22.04) or power (Power Mail-in-a-Box); default upstream',
    version: "the release tag to install (default: the bootstrap's choice for the server's OS)",
    hostname: "the box's primary hostname (PRIMARY_HOSTNAME), e.g. box.example.com",
    'admin-email': 'the first admin account, e.g. me@example.com',
    'admin-password-stdin': 'read its password from standard input (after the SSH secret, if that is read too)',
    'public-ip': 'the public IPv4 address; auto (default) = the address found on the server',
    'public-ipv6': 'the public IPv6 address; auto (default) = the address found on the server, or none',
    name: "the box's name in the fleet (default: the hostname)",
    'preflight-only': 'only check the server: print every check and exit',
  },
  details: [
    'Connects exactly as `box add` does (host key confirmation included), checks the server (OS, architecture, ' +
      'memory, disk, /tmp, ~/.wgetrc, root or sudo, apt lock, outbound port 25, DNS hints, an existing box), then ' +
      'starts setup detached on the server with NONINTERACTIVE=1 and the answers, follows it to the end and adds ' +
      'the box to the fleet. Closing the command or losing the connection does not stop setup: ' +
      '`boxfleet install attach` follows it again.',
    'Secrets come from standard input, one per line (SSH passphrase or password first, then the admin password), ' +
      'or from a prompt without echo on a terminal; never from the command line.',
    'JSON: with --preflight-only an array of {id, result (pass, warn or fail), reason}; otherwise JSON lines: ' +
      '{type: "preflight", checks}, {type: "started", installId, jobId}, {type: "progress", step, fraction}..., ' +
      'and last {type: "result", ok, failingStep, message, next, nextSteps, logTail}.',
    'Exit status: 0 installed (or, with --preflight-only, no check failed), 1 a check failed or setup failed, ' +
      '2 usage error.',
  ],
  positionals: [],
  json: true,
  async run(input) {
    const { values, io } = input;
    const host = str(values, 'host');
    const user = str(values, 'user');
    if (!host || !user) throw new UsageError('install needs --host HOST and --user USER.');
    const preflightOnly = values['preflight-only'] === true;
    const hostname = str(values, 'hostname');
    const adminEmail = str(values, 'admin-email');
    if (!preflightOnly && (!hostname || !adminEmail))
      throw new UsageError('install needs --hostname FQDN and --admin-email EMAIL (or --preflight-only).');
    const flavour = flavourOf(input);
    const port = parsePort(str(values, 'port'), '--port', 22);
    const secrets = await stdinSecrets(input);
    const credential = await credentialFrom({
      ...input,
      io: { ...io, readStdin: () => Promise.resolve(secrets.login ?? '') },
    });
    const password = preflightOnly ? undefined : await adminPassword(input, secrets.admin);

    const core = await input.core();
    const api = cliApi(core);
    const target = { host, port, user, jumpHost: undefined, apiPort: 10222, paths: undefined };
    const connected = await connectDraft(input, core, target, credential);
    if (!connected.ok) return reportError(io, connected.error);
    const { draftId } = connected.value;
    const discard = () => api.boxes.discard({ draftId });

    const checked = await api.install.preflight({ draftId, flavour, ...(hostname ? { hostname } : {}) });
    if (!checked.ok) {
      await discard();
      return reportError(io, checked.error);
    }
    const preflight: PreflightResult = checked.value;
    const failed = preflight.checks.filter((c) => c.result === 'fail');
    if (preflightOnly) {
      await discard();
      if (input.json)
        printJson(
          io,
          preflight.checks.map(({ id, result, reason }) => ({ id, result, reason })),
        );
      else {
        printChecks({ ...input, io: { ...io, err: io.out } }, preflight.checks);
      }
      return failed.length > 0 ? EXIT.failed : EXIT.ok;
    }
    if (input.json) jsonLine(io, { type: 'preflight', checks: preflight.checks });
    else printChecks(input, preflight.checks);
    if (failed.length > 0) {
      await discard();
      const names = failed.map((c) => c.id).join(', ');
      io.err(`boxfleet: preflight failed (${names}); nothing was installed.\n`);
      return EXIT.failed;
    }

    const publicIp = addressAnswer(str(values, 'public-ip'), preflight.facts.ipv4, '--public-ip');
    if (publicIp === undefined) {
      await discard();
      throw new UsageError('No public IPv4 address was found on the server: pass --public-ip IP.');
    }
    const publicIpv6 = addressAnswer(str(values, 'public-ipv6'), preflight.facts.ipv6, '--public-ipv6') ?? '';
    const tags = Array.isArray(values.tag) ? values.tag.filter((t): t is string => typeof t === 'string') : [];
    const version = str(values, 'version');
    const started = await api.install.start({
      draftId,
      answers: {
        flavour,
        ...(version ? { version } : {}),
        hostname: hostname as string,
        adminEmail: adminEmail as string,
        adminPassword: password as string,
        publicIp,
        publicIpv6,
      },
      name: str(values, 'name') ?? (hostname as string),
      tags,
    });
    if (!started.ok) {
      await discard();
      return reportError(io, started.error);
    }
    if (!input.json) io.err(`Setup started on ${host} (install ${started.value.installId}).\n`);
    return followInstall(core, io, input.json, started.value, REATTACH(host));
  },
};

export const installAttachCommand: Command = {
  path: ['install', 'attach'],
  usage: 'boxfleet install attach (--host H [--port P] [--user U] | --box NAME) [--json]',
  summary: 'Follow a running install again (after a dropped connection or a closed app) to its end',
  options: { host: { type: 'string' }, port: { type: 'string' }, user: { type: 'string' }, box: { type: 'string' } },
  optionHelp: {
    host: 'the server the install runs on',
    box: 'the box a re-run or upgrade runs on (or the name the install gives the box)',
  },
  details: [
    'Finds the newest install this computer started on that server (with the login it kept), reconnects and ' +
      'follows it as `install` does. Output and exit status as for `install`.',
  ],
  positionals: [],
  json: true,
  async run(input) {
    const { values, io } = input;
    const host = str(values, 'host');
    const boxName = str(values, 'box');
    if ((host === undefined) === (boxName === undefined))
      throw new UsageError('install attach needs either --host HOST or --box NAME.');
    const port = str(values, 'port') === undefined ? undefined : parsePort(str(values, 'port'), '--port', 22);
    const user = str(values, 'user');
    const core = await input.core();
    const api = cliApi(core);
    let boxId: string | undefined;
    if (boxName !== undefined) {
      const found = await findBoxByName(core, boxName);
      if (found.ok) boxId = found.value.id;
    }
    const list = await api.install.list({});
    if (!list.ok) return reportError(io, list.error);
    const matches = list.value.filter((r) =>
      host !== undefined
        ? r.host === host && (port === undefined || r.port === port) && (user === undefined || r.user === user)
        : (boxId !== undefined && r.boxId === boxId) || r.name.toLowerCase() === (boxName ?? '').toLowerCase(),
    );
    const record = matches.find((r) => r.state === 'running' || r.state === 'unknown') ?? matches[0];
    if (!record) {
      io.err(`boxfleet: no install on ${host ?? boxName} is known here. \`boxfleet install\` starts one.\n`);
      return EXIT.failed;
    }
    const again = host !== undefined ? REATTACH(host) : `boxfleet install attach --box ${boxName ?? ''}`;
    // One that has ended has nothing to follow: its result is what there is to say.
    if (record.state === 'succeeded' || record.state === 'failed')
      return reportInstall(core, io, input.json, record.installId, false, again);
    const attached = await api.install.attach({ installId: record.installId });
    if (!attached.ok) return reportError(io, attached.error);
    if (!input.json) io.err(`Following install ${record.installId} on ${record.host} again.\n`);
    return followInstall(core, io, input.json, { installId: record.installId, jobId: attached.value.jobId }, again);
  },
};
