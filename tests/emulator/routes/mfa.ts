/**
 * Multi-factor routes (§4.6, Power self-service §6.3.1).
 */
import { PyValueError } from '../auth';
import { json, text } from '../respond';
import { isBase32Secret, provisionTotp, verifyTotp } from '../totp';
import type { EmuBox, EmuRequest, EmuResponse, Flavour, RouteDef, UserRecord } from '../types';

function callerEmail(req: EmuRequest): string | null {
  return req.caller?.kind === 'user' ? req.caller.email : null;
}

/** Power: a non-admin may only act on their own account. */
function notSelf(req: EmuRequest, target: string | null): EmuResponse | null {
  const c = req.caller;
  if (c?.kind === 'user' && !c.privileges.includes('admin') && target !== c.email) {
    return text('You are not an administrator; you can only view your own MFA status!', 403);
  }
  return null;
}

/** mfa.get_user_id. */
function userOf(box: EmuBox, email: string | null): UserRecord {
  const user = box.state.users.find((u) => u.email === email);
  if (!user) throw new PyValueError('User does not exist.');
  return user;
}

async function status(req: EmuRequest, box: EmuBox): Promise<EmuResponse> {
  const self = callerEmail(req);
  const target = req.form.get('user') ?? self;
  const denied = notSelf(req, target);
  if (denied) return denied;
  try {
    const user = userOf(box, target);
    const resp: Record<string, unknown> = {
      enabled_mfa: user.mfa.map((d) => ({ id: d.id, label: d.label, type: d.type })),
    };
    if (target === self) resp['new_mfa'] = { totp: await provisionTotp(user.email, box.state.hostname) };
    return json(resp);
  } catch (e) {
    if (e instanceof PyValueError) return text(e.message, 400);
    throw e;
  }
}

function enable(req: EmuRequest, box: EmuBox): EmuResponse {
  const secret = req.form.get('secret');
  const token = req.form.get('token');
  const label = req.form.get('label');
  if (token === null) return text('Bad Input', 400);
  if (secret === null || secret.trim() === '') return text('No secret provided.', 400);
  if ([...secret].length !== 32) return text('Secret should be a 32 characters base32 string', 400);
  // pyotp decodes the secret while checking the token: a non-base32 secret is binascii.Error (a ValueError).
  if (!isBase32Secret(secret)) return text('Non-base32 digit found', 400);
  if (!verifyTotp(secret, token, Math.floor(box.now().getTime() / 1000))) return text('Invalid token.', 400);
  const user = box.state.users.find((u) => u.email === callerEmail(req));
  if (!user) return text('User does not exist.', 400);
  const id = box.state.users.flatMap((u) => u.mfa).reduce((m, d) => Math.max(m, d.id), 0) + 1;
  user.mfa.push({ id, type: 'totp', secret, mruToken: null, label });
  return text('OK');
}

function disable(req: EmuRequest, box: EmuBox): EmuResponse {
  const target = req.form.get('user') ?? callerEmail(req);
  const denied = notSelf(req, target);
  if (denied) return denied;
  const user = box.state.users.find((u) => u.email === target);
  if (!user) return text('User does not exist.', 400);
  const rawId = req.form.get('mfa-id') || null;
  const before = user.mfa.length;
  if (rawId === null) user.mfa = [];
  // SQLite compares the text id with the INTEGER column after converting numeric-looking text.
  else user.mfa = user.mfa.filter((d) => !(/^\s*[+-]?\d+\s*$/.test(rawId) && Number(rawId) === d.id));
  return user.mfa.length < before ? text('OK') : text('Invalid user or MFA id.', 400);
}

function both(path: string, handler: RouteDef['handler']): RouteDef[] {
  const up: readonly Flavour[] = ['upstream'];
  const power: readonly Flavour[] = ['power'];
  return [
    { method: 'POST', path, auth: 'admin', flavours: up, handler },
    { method: 'POST', path, auth: 'user', flavours: power, handler },
  ];
}

export const mfaRoutes: RouteDef[] = [
  ...both('/mfa/status', status),
  ...both('/mfa/totp/enable', enable),
  ...both('/mfa/disable', disable),
];
