/**
 * Alias routes and the mail domain list (§4.3, §5.6).
 */
import { mailDomains } from '../domains';
import { emailDomain, isDcvAddress, prettifyIdnEmail, sanitizeIdnEmail, validateEmail } from '../email-syntax';
import { aliasRows, kick } from '../kick';
import { sortDomains } from '../ordering';
import { json, text } from '../respond';
import type { EmuBox, EmuRequest, EmuResponse, RouteDef } from '../types';

const BOTH = ['upstream', 'power'] as const;

function listAliases(req: EmuRequest, box: EmuBox): EmuResponse {
  const rows = aliasRows(box.state);
  if (req.query.get('format') !== 'json') {
    return text(rows.map((r) => `${r.source}\t${r.destination}\t${r.permittedSenders ?? ''}\n`).join(''));
  }
  const groups = new Map<string, Array<Record<string, unknown>>>();
  for (const r of rows) {
    // The @unicode → @punycode maps are not informative in the control panel.
    if (r.auto && r.source.startsWith('@')) continue;
    const domain = emailDomain(r.source);
    const list = groups.get(domain) ?? [];
    list.push({
      address: r.source,
      address_display: prettifyIdnEmail(r.source),
      forwards_to: r.destination.split(',').map((d) => prettifyIdnEmail(d.trim())),
      permitted_senders:
        r.permittedSenders === null ? null : r.permittedSenders.split(',').map((s) => prettifyIdnEmail(s.trim())),
      auto: r.auto,
    });
    groups.set(domain, list);
  }
  return json(
    sortDomains([...groups.keys()], box.state.hostname).map((domain) => ({
      domain,
      aliases: (groups.get(domain) ?? []).sort((a, b) => {
        const x = a['address'] as string;
        const y = b['address'] as string;
        return Number(a['auto']) - Number(b['auto']) || (x < y ? -1 : x > y ? 1 : 0);
      }),
    })),
  );
}

function splitList(value: string): string[] {
  return value
    .split('\n')
    .flatMap((line) => line.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** mailconfig.add_mail_alias: the kick report or a (message, 400). */
function addAlias(req: EmuRequest, box: EmuBox): EmuResponse {
  const state = box.state;
  const address = sanitizeIdnEmail(req.form.get('address') ?? '')
    .toLowerCase()
    .trim();
  if (address === '') return text('No email address provided.', 400);
  if (!validateEmail(address, 'alias')) return text(`Invalid email address (${address}).`, 400);

  const forwardsTo = (req.form.get('forwards_to') ?? '').trim();
  const dcvSource = isDcvAddress(address);
  const destinations: string[] = [];
  const single = sanitizeIdnEmail(forwardsTo);
  if (validateEmail(single, 'alias') && !dcvSource) {
    destinations.push(single);
  } else {
    for (const part of splitList(forwardsTo)) {
      const email = sanitizeIdnEmail(part);
      const privileged = email.replace(/(?=\+)[^@]*(?=@)/g, '');
      if (!validateEmail(email)) return text(`Invalid receiver email address (${email}).`, 400);
      const admin = state.users.find((u) => u.email === privileged)?.privileges.includes('admin') ?? false;
      if (dcvSource && !isDcvAddress(email) && !admin) {
        return text(
          'This alias can only have administrators of this system as destinations because the address is frequently used for domain control validation.',
          400,
        );
      }
      destinations.push(email);
    }
  }

  const logins = new Set(state.users.map((u) => u.email));
  const senders: string[] = [];
  for (const login of splitList((req.form.get('permitted_senders') ?? '').trim())) {
    if (!logins.has(login)) return text(`Invalid permitted sender: ${login} is not a user on this system.`, 400);
    senders.push(login);
  }
  if (destinations.length + senders.length === 0) {
    return text('The alias must either forward to an address or have a permitted sender.', 400);
  }

  const record = {
    source: address,
    destination: destinations.join(','),
    permittedSenders: senders.length ? senders.join(',') : null,
  };
  const existing = state.aliases.find((a) => a.source === address);
  if (existing && req.form.get('update_if_exists') !== '1') return text(`Alias already exists (${address}).`, 400);
  if (existing) Object.assign(existing, record);
  else state.aliases.push(record);
  return text(kick(box, existing ? 'alias updated' : 'alias added'));
}

function removeAlias(req: EmuRequest, box: EmuBox): EmuResponse {
  const address = sanitizeIdnEmail(req.form.get('address') ?? '');
  const state = box.state;
  if (!state.aliases.some((a) => a.source === address)) return text(`That's not an alias (${address}).`, 400);
  state.aliases = state.aliases.filter((a) => a.source !== address);
  return text(kick(box, 'alias removed'));
}

function listDomains(_req: EmuRequest, box: EmuBox): EmuResponse {
  return text(
    mailDomains(box.state)
      .map((d) => d + '\n')
      .join(''),
  );
}

export const aliasRoutes: RouteDef[] = [
  { method: 'GET', path: '/mail/aliases', auth: 'admin', flavours: BOTH, handler: listAliases },
  { method: 'POST', path: '/mail/aliases/add', auth: 'admin', flavours: BOTH, handler: addAlias },
  { method: 'POST', path: '/mail/aliases/remove', auth: 'admin', flavours: BOTH, handler: removeAlias },
  { method: 'GET', path: '/mail/domains', auth: 'admin', flavours: BOTH, handler: listDomains },
];
