/**
 * Mail user routes (§4.2, Power §6.3.1–§6.3.3).
 */
import { PyValueError } from '../auth';
import {
  addMailUser,
  findUser,
  invalidPrivilege,
  notAUser,
  quotaBytes,
  removeMailUser,
  userEmails,
  usersJson,
  validatePassword,
  validateQuota,
} from '../mail-users';
import type { Failure } from '../mail-users';
import { hashPassword } from '../passwords';
import { json, text } from '../respond';
import type { EmuBox, EmuRequest, EmuResponse, RouteDef } from '../types';

const BOTH = ['upstream', 'power'] as const;

function reply(r: string | Failure): EmuResponse {
  return typeof r === 'string' ? text(r) : text(r.message, r.status);
}

/** Run a view body, turning a ValueError into the (message, 400) the view's own try/except returns. */
function caught(f: () => string | Failure): EmuResponse {
  try {
    return reply(f());
  } catch (e) {
    if (e instanceof PyValueError) return text(e.message, 400);
    throw e;
  }
}

function listUsers(req: EmuRequest, box: EmuBox): EmuResponse {
  if (req.query.get('format') === 'json') return json(usersJson(box.state));
  return text(
    userEmails(box.state)
      .map((e) => e + '\n')
      .join(''),
  );
}

function addUser(req: EmuRequest, box: EmuBox): EmuResponse {
  const f = req.form;
  const quota = f.get('quota') ?? (box.state.flavour === 'power' ? box.state.defaultQuota : '0');
  return caught(() =>
    addMailUser(box, f.get('email') ?? '', f.get('password') ?? '', f.get('privileges') ?? '', quota),
  );
}

function getQuota(req: EmuRequest, box: EmuBox): EmuResponse {
  const email = req.query.get('email') ?? '';
  const user = findUser(box.state, email);
  if (req.query.get('text')) return user ? text(user.quota) : reply(notAUser(email));
  const quota = user ? user.quota : [notAUser(email).message, 400];
  return json({ email, quota });
}

function setQuota(req: EmuRequest, box: EmuBox): EmuResponse {
  const email = req.form.get('email') ?? '';
  const raw = req.form.get('quota');
  // The daemon strips the missing value: an AttributeError, i.e. a 500 on both flavours.
  if (raw === null) throw new Error("'NoneType' object has no attribute 'strip'");
  return caught(() => {
    const quota = validateQuota(raw);
    const user = findUser(box.state, email);
    if (!user) return notAUser(email);
    user.quota = quota;
    if (user.maildirsize) user.maildirsize = { ...user.maildirsize, quotaBytes: quotaBytes(quota) };
    return 'OK';
  });
}

function setPassword(req: EmuRequest, box: EmuBox): EmuResponse {
  const email = req.form.get('email') ?? '';
  const caller = req.caller;
  if (caller?.kind === 'user' && !caller.privileges.includes('admin') && caller.email !== email) {
    return text('You are not an administrator; you can only change your own password!', 403);
  }
  return caught(() => {
    const pw = req.form.get('password') ?? '';
    validatePassword(pw);
    const user = findUser(box.state, email);
    if (!user) return notAUser(email);
    user.password = hashPassword(pw);
    return 'OK';
  });
}

function removeUser(req: EmuRequest, box: EmuBox): EmuResponse {
  return reply(removeMailUser(box, req.form.get('email') ?? ''));
}

function getPrivileges(req: EmuRequest, box: EmuBox): EmuResponse {
  const email = req.query.get('email') ?? '';
  const user = findUser(box.state, email);
  if (!user) return reply(notAUser(email));
  return text(user.privileges.filter((p) => p.trim() !== '').join('\n'));
}

function changePrivilege(action: 'add' | 'remove') {
  return (req: EmuRequest, box: EmuBox): EmuResponse => {
    const email = req.form.get('email') ?? '';
    const priv = req.form.get('privilege') ?? '';
    const bad = invalidPrivilege(priv);
    if (bad) return reply(bad);
    const user = findUser(box.state, email);
    if (!user) return reply(notAUser(email));
    const privs = user.privileges.filter((p) => p.trim() !== '');
    if (action === 'add' && !privs.includes(priv)) privs.push(priv);
    user.privileges = action === 'add' ? privs : privs.filter((p) => p !== priv);
    return text('OK');
  };
}

export const userRoutes: RouteDef[] = [
  { method: 'GET', path: '/mail/users', auth: 'admin', flavours: BOTH, handler: listUsers },
  { method: 'POST', path: '/mail/users/add', auth: 'admin', flavours: BOTH, handler: addUser },
  { method: 'GET', path: '/mail/users/quota', auth: 'admin', flavours: BOTH, handler: getQuota },
  { method: 'POST', path: '/mail/users/quota', auth: 'admin', flavours: BOTH, handler: setQuota },
  { method: 'POST', path: '/mail/users/password', auth: 'admin', flavours: ['upstream'], handler: setPassword },
  { method: 'POST', path: '/mail/users/password', auth: 'user', flavours: ['power'], handler: setPassword },
  { method: 'POST', path: '/mail/users/remove', auth: 'admin', flavours: BOTH, handler: removeUser },
  { method: 'GET', path: '/mail/users/privileges', auth: 'admin', flavours: BOTH, handler: getPrivileges },
  {
    method: 'POST',
    path: '/mail/users/privileges/add',
    auth: 'admin',
    flavours: BOTH,
    handler: changePrivilege('add'),
  },
  {
    method: 'POST',
    path: '/mail/users/privileges/remove',
    auth: 'admin',
    flavours: BOTH,
    handler: changePrivilege('remove'),
  },
];
