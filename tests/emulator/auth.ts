/**
 * The daemon's AuthService (§2): the system API key, the bounded expiring session map, password + TOTP checks and
 * the failure responses of protected routes.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PyValueError, parseBasicAuth, pyStrip } from './auth-header';
import { boxPath } from './box-root';
import { verifyPassword } from './passwords';
import { pyDumps } from './respond';
import { verifyTotp } from './totp';
import type { EmuBox, EmuRequest, EmuResponse, UserRecord } from './types';

export { PyValueError } from './auth-header';

export const AUTH_REALM = 'Mail-in-a-Box Management Server';
const MAX_SESSIONS = 64;
const SESSION_MS = 2 * 24 * 3600 * 1000;

export type SessionType = 'login' | 'cookie';

interface Session {
  email: string;
  passwordToken: string;
  type: SessionType;
  setAt: number;
}

export interface Identity {
  /** null for the system API key. */
  email: string | null;
  privileges: string[];
  via: 'api-key' | 'password' | 'session';
}

/** 32 characters of 0-9a-fA-F, like the start script's key (§2.2). */
export function newApiKey(): string {
  const digits = '0123456789abcdefABCDEF';
  return Array.from({ length: 32 }, () => digits[randomInt(digits.length)]).join('');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class AuthService {
  key = newApiKey();
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly box: EmuBox) {}

  /** What a service restart does: a new key and no sessions. */
  rotate(): void {
    this.key = newApiKey();
    this.sessions.clear();
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  private user(email: string | null): UserRecord | undefined {
    return this.box.state.users.find((u) => u.email === email);
  }

  /** create_user_password_state_token: changes whenever the password hash or the MFA devices change. */
  private stateToken(email: string | null): string {
    const user = this.user(email);
    if (!user) throw new PyValueError(`That's not a user (${email ?? 'None'}).`);
    const mfa = user.mfa.map((d) => ({ id: d.id, secret: d.secret, type: d.type }));
    return createHmac('sha256', this.key)
      .update(user.password + ' ' + JSON.stringify(mfa))
      .digest('hex');
  }

  /** ExpiringDict.__setitem__: a full map drops its oldest entry on any write; an existing key keeps its place. */
  private store(key: string, session: Session): void {
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next();
      if (!oldest.done) this.sessions.delete(oldest.value);
    }
    this.sessions.set(key, { ...session, setAt: this.box.now().getTime() });
  }

  private lookup(key: string): Session | undefined {
    const s = this.sessions.get(key);
    if (s && this.box.now().getTime() - s.setAt >= SESSION_MS) {
      this.sessions.delete(key);
      return undefined;
    }
    return s;
  }

  createSession(email: string | null, type: SessionType): string {
    const token = randomBytes(32).toString('hex');
    this.store(token, { email: email as string, passwordToken: this.stateToken(email), type, setAt: 0 });
    return token;
  }

  /** get_session: the session if it exists, matches email (login) and type, and the user's state is unchanged. */
  getSession(email: string | null, key: string, type: SessionType): Session | undefined {
    const s = this.lookup(key);
    if (!s) return undefined;
    if (type === 'login' && s.email !== email) return undefined;
    if (s.type !== type) return undefined;
    if (s.passwordToken !== this.stateToken(s.email)) return undefined;
    return s;
  }

  /** AuthService.authenticate: the identity, or a PyValueError whose message is the failure reason. */
  authenticate(headers: EmuRequestHeaders, mode: { loginOnly?: boolean; logout?: boolean } = {}): Identity {
    const [username, password] = parseBasicAuth(headers['authorization'] ?? '');
    if (username === null || username === '') throw new PyValueError('Authorization header invalid.');
    if (pyStrip(username) === '' && pyStrip(password) === '') {
      throw new PyValueError('No email address, password, session key, or API key provided.');
    }
    if (!mode.loginOnly && safeEqual(username, this.key)) return { email: null, privileges: ['admin'], via: 'api-key' };

    const session = mode.loginOnly ? undefined : this.getSession(username, password, 'login');
    if (session) {
      if (mode.logout) {
        this.sessions.delete(password);
        return { email: username, privileges: [], via: 'session' };
      }
      this.store(password, session);
    } else if (pyStrip(password) === '') {
      throw new PyValueError('Enter a password.');
    } else {
      this.checkUserAuth(username, password, headers['x-auth-token']);
    }
    const user = this.user(username);
    if (!user) throw new PyValueError(`That's not a user (${username}).`);
    return { email: username, privileges: [...user.privileges], via: session ? 'session' : 'password' };
  }

  private checkUserAuth(email: string, password: string, token: string | undefined): void {
    const user = this.user(email);
    if (!user || !verifyPassword(password, user.password)) {
      throw new PyValueError('Incorrect email address or password.');
    }
    if (user.mfa.length === 0) return;
    const hints = new Set<string>();
    const epoch = Math.floor(this.box.now().getTime() / 1000);
    for (const device of user.mfa) {
      if (!token) {
        hints.add('missing-totp-token');
        continue;
      }
      if (safeEqual(token, device.mruToken ?? '') || !verifyTotp(device.secret, token, epoch)) {
        hints.add('invalid-totp-token');
        continue;
      }
      device.mruToken = token;
      return;
    }
    throw new PyValueError([...hints].join(','));
  }
}

export type EmuRequestHeaders = Record<string, string | undefined>;

/** The daemon's failed-login warning (§2.8), appended to <root>/var/log/syslog. */
export function logFailedLogin(box: EmuBox, req: EmuRequest): void {
  const ip = req.headers['x-forwarded-for']?.split(',')[0]?.trim() || req.remoteAddress || '127.0.0.1';
  const file = boxPath(box.root, '/var/log/syslog');
  mkdirSync(dirname(file), { recursive: true });
  const ts = (box.now().getTime() / 1000).toFixed(6);
  appendFileSync(file, `Mail-in-a-Box Management Daemon: Failed login attempt from ip ${ip} - timestamp ${ts}\n`);
}

const services = new WeakMap<EmuBox, AuthService>();

/** The auth service of a running box (route modules use it for sessions, e.g. the munin cookie). */
export function authFor(box: EmuBox): AuthService {
  const s = services.get(box);
  if (!s) throw new Error('no auth service registered for this box');
  return s;
}

export function registerAuth(box: EmuBox, service: AuthService): void {
  services.set(box, service);
}

/** The 401/403 a protected route answers (§2.6). */
export function authFailure(reason: string, headers: EmuRequestHeaders): EmuResponse {
  const xhr = headers['x-requested-with'] === 'XMLHttpRequest';
  const status = xhr ? 403 : 401;
  const extra: Record<string, string> | undefined = xhr
    ? undefined
    : { 'WWW-Authenticate': `Basic realm="${AUTH_REALM}"`, 'X-Reason': reason };
  const accept = headers['accept'];
  const asText = accept === undefined || accept === '' || accept === '*/*';
  // json.dumps({"status": ..., "reason": ...}) keeps insertion order and its default ", " / ": " separators.
  const body = asText ? reason + '\n' : `{"status": "error", "reason": ${pyDumps(reason)}}\n`;
  const r: EmuResponse = {
    status,
    contentType: asText ? 'text/plain; charset=utf-8' : 'application/json',
    body,
  };
  if (extra) r.headers = extra;
  return r;
}
