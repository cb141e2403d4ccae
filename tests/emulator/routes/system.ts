/**
 * System routes (§4.8, Power §6.3.7): version, status checks, updates, reboot, privacy.
 * Status checks come from state.status; when a test left it empty, a plausible run is derived from the state.
 */
import { mailDomains } from '../domains';
import { aliasRows } from '../kick';
import { sortDomains } from '../ordering';
import { htmlError, json, text } from '../respond';
import type { EmuBox, EmuRequest, EmuResponse, RouteDef, StatusItem } from '../types';

const BOTH = ['upstream', 'power'] as const;

function item(type: StatusItem['type'], textValue: string, extra: StatusItem['extra'] = []): StatusItem {
  return { type, text: textValue, extra };
}

function versionItem(box: EmuBox): StatusItem {
  const s = box.state;
  if (s.privacy) {
    const msg = `You are running version Mail-in-a-Box ${s.version}. Mail-in-a-Box version check disabled by privacy setting.`;
    return item(s.flavour === 'power' ? 'na' : 'warning', msg);
  }
  if (s.latestUpstreamVersion === null) {
    return item('error', 'Could not determine the latest Mail-in-a-Box version.');
  }
  if (s.latestUpstreamVersion === s.version)
    return item('ok', `Mail-in-a-Box is up to date. You are running version ${s.version}.`);
  return item(
    'warning',
    `A new version of Mail-in-a-Box is available. You are running version ${s.version}. The latest version is ${s.latestUpstreamVersion}. For upgrade instructions, see https://mailinabox.email. `,
  );
}

/** A status-check run shaped like status_checks.run_checks, from what the state knows. */
export function defaultStatus(box: EmuBox): StatusItem[] {
  const s = box.state;
  const out: StatusItem[] = [item('heading', 'System'), item('ok', 'All system services are running.')];
  out.push(item('ok', 'SSH disallows password-based login.'));
  if (s.updates.length === 0) out.push(item('ok', 'System software is up to date.'));
  else {
    const lines = s.updates.map((u) => ({ monospace: true, text: `${u.package} (${u.version})` }));
    out.push(item('error', `There are ${s.updates.length} software packages that can be updated.`, lines));
  }
  if (s.rebootRequired)
    out.push(item('error', 'System updates have been installed and a reboot of the machine is required.'));
  out.push(versionItem(box));
  const admin = aliasRows(s).find((a) => a.source === 'administrator@' + s.hostname);
  out.push(
    admin
      ? item(
          'ok',
          `System administrator address exists as a mail alias. [administrator@${s.hostname} \u21a6 ${admin.destination}]`,
        )
      : item('error', `No administrator alias exists with address administrator@${s.hostname}.`),
  );
  out.push(item('ok', 'The disk has 18.52 GB space remaining.'), item('ok', 'System memory is 61% free.'));
  out.push(
    s.backup.target === 'off'
      ? item('warning', 'Backups are disabled. It is recommended to enable a backup for your box.')
      : item('ok', 'Backups are enabled'),
  );
  if (s.flavour === 'power') {
    out.push(item('heading', 'PGP Keyring'));
    out.push(
      s.pgp.imported.length === 0
        ? item('na', 'There are no imported keys here.')
        : item('ok', `There are ${s.pgp.imported.length} imported keys, none of which expire soon.`),
    );
  }
  out.push(item('heading', 'Network'), item('ok', 'Firewall is active.'));
  out.push(item('ok', 'Outbound mail (SMTP port 25) is not blocked.'));
  if (s.flavour === 'power' && !s.smtpRelay.enabled) out.push(item('na', 'No SMTP relay has been set up.'));
  out.push(item('ok', `IPv4 address is not blacklisted by zen.spamhaus.org.`));
  for (const domain of sortDomains([...mailDomains(s), s.hostname], s.hostname)) {
    out.push(item('heading', domain));
    if (domain === s.hostname) {
      out.push(
        item('ok', `Nameserver glue records are correct at registrar. [ns1/ns2.${s.hostname} \u21a6 ${s.publicIp}]`),
      );
    }
    out.push(item('ok', `Domain's email is directed to this domain. [${domain} \u21a6 10 ${s.hostname}]`));
  }
  return out;
}

function status(_req: EmuRequest, box: EmuBox): EmuResponse {
  return json(box.state.status.length > 0 ? box.state.status : defaultStatus(box));
}

function updatePackages(_req: EmuRequest, box: EmuBox): EmuResponse {
  const s = box.state;
  const n = s.updates.length;
  const lines = [
    'Reading package lists...',
    'Building dependency tree...',
    'Reading state information...',
    'Calculating upgrade...',
  ];
  if (n > 0) lines.push('The following packages will be upgraded:', '  ' + s.updates.map((u) => u.package).join(' '));
  lines.push(`${n} upgraded, 0 newly installed, 0 to remove and 0 not upgraded.`);
  for (const u of s.updates) lines.push(`Setting up ${u.package} (${u.version}) ...`);
  s.updates = [];
  return text(lines.join('\n') + '\n');
}

function reboot(_req: EmuRequest, box: EmuBox): EmuResponse {
  if (!box.state.rebootRequired) return text('No reboot is required, so it is not allowed.');
  // shutdown -r prints nothing; the box then comes back with a new API key (the harness restarts the emulator).
  box.state.rebootRequired = false;
  return text('');
}

export const systemRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/system/version',
    auth: 'admin',
    flavours: BOTH,
    handler: (_r, box) => text(box.state.version),
  },
  {
    method: 'POST',
    path: '/system/latest-upstream-version',
    auth: 'admin',
    flavours: BOTH,
    handler: (_r, box) =>
      box.state.latestUpstreamVersion === null ? htmlError(500) : text(box.state.latestUpstreamVersion),
  },
  { method: 'POST', path: '/system/status', auth: 'admin', flavours: BOTH, slow: true, handler: status },
  {
    method: 'GET',
    path: '/system/updates',
    auth: 'admin',
    flavours: BOTH,
    slow: true,
    handler: (_r, box) => text(box.state.updates.map((u) => `${u.package} (${u.version})\n`).join('')),
  },
  {
    method: 'POST',
    path: '/system/update-packages',
    auth: 'admin',
    flavours: BOTH,
    slow: true,
    handler: updatePackages,
  },
  {
    method: 'GET',
    path: '/system/reboot',
    auth: 'admin',
    flavours: BOTH,
    handler: (_r, box) => json(box.state.rebootRequired),
  },
  { method: 'POST', path: '/system/reboot', auth: 'admin', flavours: BOTH, handler: reboot },
  {
    method: 'GET',
    path: '/system/privacy',
    auth: 'admin',
    flavours: BOTH,
    handler: (_r, box) => json(box.state.privacy),
  },
  {
    method: 'POST',
    path: '/system/privacy',
    auth: 'admin',
    flavours: BOTH,
    handler: (req, box) => {
      box.state.privacy = req.form.get('value') === 'private';
      return text('OK');
    },
  },
];
