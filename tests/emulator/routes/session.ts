/**
 * Control panel and session routes (§4.1): `GET /`, `POST /login`, `POST /logout`.
 */
import { PyValueError, authFor, logFailedLogin } from '../auth';
import { json, text } from '../respond';
import type { EmuBox, EmuRequest, EmuResponse, RouteDef } from '../types';

const BOTH = ['upstream', 'power'] as const;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A stand-in for the control panel page: only its liveness and the values it embeds matter to clients. */
function indexPage(_req: EmuRequest, box: EmuBox): EmuResponse {
  const s = box.state;
  const noUsers = s.users.length === 0;
  const noAdmins = !s.users.some((u) => u.privileges.includes('admin'));
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(s.hostname)} - Mail-in-a-Box Control Panel</title>
</head>
<body>
<h1>${escapeHtml(s.hostname)}</h1>
<p>Mail-in-a-Box Control Panel</p>
<script>
var no_users_exist = ${noUsers ? 'true' : 'false'};
var no_admins_exist = ${noAdmins ? 'true' : 'false'};
var storage_root = "${escapeHtml(s.storageRoot)}";
</script>
</body>
</html>
`;
  return text(html);
}

function login(req: EmuRequest, box: EmuBox): EmuResponse {
  const auth = authFor(box);
  try {
    const id = auth.authenticate(req.headers, { loginOnly: true });
    const email = id.email as string;
    return json({ api_key: auth.createSession(email, 'login'), email, privileges: id.privileges, status: 'ok' });
  } catch (e) {
    if (!(e instanceof PyValueError)) throw e;
    if (e.message.includes('missing-totp-token')) return json({ reason: e.message, status: 'missing-totp-token' });
    logFailedLogin(box, req);
    return json({ reason: e.message, status: 'invalid' });
  }
}

function logout(req: EmuRequest, box: EmuBox): EmuResponse {
  try {
    authFor(box).authenticate(req.headers, { logout: true });
  } catch {
    // Any failure still answers ok, like the daemon's `finally: return`.
  }
  return json({ status: 'ok' });
}

export const sessionRoutes: RouteDef[] = [
  { method: 'GET', path: '/', auth: 'none', flavours: BOTH, handler: indexPage },
  { method: 'POST', path: '/login', auth: 'none', flavours: BOTH, handler: login },
  { method: 'POST', path: '/logout', auth: 'none', flavours: BOTH, handler: logout },
];
