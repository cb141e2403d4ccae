/**
 * §3 of the reference (request encodings, response types, framework-level answers), the §6.1 flavour probes and
 * the §9.11 trailing-slash rules, plus the single-worker rule of §1.
 */
import { addUser } from '../../../emulator/state';
import { JSON_TYPE, PLAIN, TEXT, bad, html404, html500, ok, pretty, unauthorized } from './fact';
import type { Fact } from './fact';

const page405 =
  '<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n' +
  '<p>The method is not allowed for the requested URL.</p>\n';
const page404 =
  '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  '<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';

export const wireFacts: Fact[] = [
  // §3.1 request encodings
  {
    ref: '§3.1',
    what: 'a JSON body is ignored: /mail/users/add answers "No email address provided."',
    from: 'verified',
    req: {
      path: '/mail/users/add',
      headers: { 'Content-Type': 'application/json' },
      body: '{"email": "new@example.com", "password": "password1"}',
    },
    want: bad('No email address provided.'),
  },
  {
    ref: '§3.1',
    what: 'query-string parameters are ignored on POST',
    from: 'code',
    req: { path: '/mail/users/add?email=new%40example.com&password=password1', form: {} },
    want: bad('No email address provided.'),
  },
  {
    ref: '§3.1',
    what: 'upstream custom DNS: a form-encoded body is taken literally',
    from: 'verified',
    flavours: ['upstream'],
    req: {
      method: 'POST',
      path: '/dns/custom/www.example.com',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'value=1.2.3.4',
    },
    want: bad("'value=1.2.3.4' does not appear to be an IPv4 or IPv6 address"),
  },
  {
    ref: '§3.1',
    what: 'upstream custom DNS: raw body as ASCII, non-ASCII bytes dropped, trimmed; Content-Type not checked',
    from: 'code',
    flavours: ['upstream'],
    req: async (ctx) => {
      const r = await ctx.send({
        method: 'POST',
        path: '/dns/custom/www.example.com',
        headers: { 'Content-Type': 'application/json' },
        body: Buffer.concat([Buffer.from(' \t1.2.3.4'), Buffer.from('ä', 'utf8'), Buffer.from(' \n')]),
      });
      expect(r.body).toBe('updated DNS: example.com\n');
      return { path: '/dns/custom/www.example.com' };
    },
    want: {
      status: 200,
      type: JSON_TYPE,
      body: pretty([
        {
          qname: 'www.example.com',
          rtype: 'A',
          'sort-order': { created: 0, qname: 0 },
          value: '1.2.3.4',
          zone: 'example.com',
        },
      ]),
    },
  },
  {
    ref: '§3.1/§6.4.10',
    what: 'Power POST /system/default-quota reads the query string too',
    from: 'code',
    flavours: ['power'],
    req: async (ctx) => {
      const r = await ctx.send({ method: 'POST', path: '/system/default-quota?default_quota=5g', form: {} });
      expect(r.body).toBe('OK');
      return { path: '/system/default-quota?text=1' };
    },
    want: ok('5G'),
  },
  {
    ref: '§3.1',
    what: 'GET /mail/users/quota reads only the query string',
    from: 'code',
    req: { method: 'GET', path: '/mail/users/quota?text=1', form: { email: 'me@example.com' } },
    want: bad("That's not a user ()."),
  },
  // §3.2 response types (verified)
  {
    ref: '§3.2',
    what: 'JSON helper: application/json without charset, indent 2, sorted keys, "\\n"',
    from: 'verified',
    seed: (s) => void addUser(s, { email: 'u2@example.com', password: 'password two', quota: '2G' }),
    req: { path: '/mail/users/quota?email=u2%40example.com' },
    want: { status: 200, type: JSON_TYPE, body: '{\n  "email": "u2@example.com",\n  "quota": "2G"\n}\n' },
  },
  {
    ref: '§3.2',
    what: 'a plain string is served as text/html; charset=utf-8, no newline added',
    from: 'verified',
    req: { path: '/system/version' },
    want: { status: 200, type: TEXT, body: /^v(75|60\.5)$/ },
  },
  {
    ref: '§3.2',
    what: 'JSON helper: empty containers as [] and a top-level scalar as "true\\n"',
    from: 'verified',
    req: { path: '/system/privacy' },
    want: { status: 200, type: JSON_TYPE, body: 'true\n' },
  },
  {
    ref: '§3.2',
    what: 'JSON helper escapes non-ASCII',
    from: 'verified',
    admin: false,
    seed: (s) => void addUser(s, { email: 'u3@xn--bcher-kva.de', password: 'password three' }),
    req: { path: '/mail/users?format=json' },
    want: { status: 200, type: JSON_TYPE, body: /^\[\n {2}\{\n {4}"domain": "b\\u00fccher\.de",\n/ },
  },
  // §3.3 framework-level responses (verified)
  {
    ref: '§3.3',
    what: 'unknown path: 404 HTML before auth',
    from: 'verified',
    req: { path: '/no/such/route', auth: 'none' },
    want: { status: 404, type: TEXT, body: page404 },
  },
  {
    ref: '§3.3',
    what: 'known path, wrong method: 405 HTML with Allow, before auth',
    from: 'verified',
    req: { method: 'POST', path: '/mail/users', auth: 'none' },
    want: { status: 405, type: TEXT, body: page405, allow: ['GET', 'HEAD', 'OPTIONS'] },
  },
  {
    ref: '§3.3/§4.10.1',
    what: '/munin → 308 to http://<Host>/munin/',
    from: 'verified',
    req: { path: '/munin', auth: 'none', headers: { Host: 'box.test:8443' } },
    want: { status: 308, headers: { location: 'http://box.test:8443/munin/' } },
  },
  {
    ref: '§3.3/§6.4.3',
    what: 'Power /system/pgp → 308 to /system/pgp/',
    from: 'verified',
    flavours: ['power'],
    req: { path: '/system/pgp', auth: 'none', headers: { Host: 'box.test' } },
    want: { status: 308, headers: { location: 'http://box.test/system/pgp/' } },
  },
  {
    ref: '§3.3/§9.11',
    what: 'a route without a slash requested with one is a 404',
    from: 'verified',
    req: { path: '/mail/users/' },
    want: html404,
  },
  {
    ref: '§9.11',
    what: '/login/ is a 404 too',
    from: 'code',
    req: { method: 'POST', path: '/login/', auth: 'admin' },
    want: html404,
  },
  {
    ref: '§9.11',
    what: 'upstream has no /system/pgp: 404 rather than a redirect',
    from: 'code',
    flavours: ['upstream'],
    req: { path: '/system/pgp', auth: 'none' },
    want: html404,
  },
  {
    ref: '§3.3',
    what: 'an uncaught exception is a 500 HTML page (POST /mail/users/quota without quota)',
    from: 'verified',
    req: { path: '/mail/users/quota', form: { email: 'me@example.com' } },
    want: html500,
  },
  {
    ref: '§3.3/§4.8.2',
    what: 'a view returning None (offline latest-upstream-version) is a 500 HTML page',
    from: 'verified',
    req: { method: 'POST', path: '/system/latest-upstream-version', form: {} },
    want: html500,
  },
  {
    ref: '§3.3',
    what: 'OPTIONS: 200, empty body, Allow, no auth',
    from: 'verified',
    req: { method: 'OPTIONS', path: '/mail/users/add', auth: 'none' },
    want: { status: 200, body: '', allow: ['OPTIONS', 'POST'] },
  },
  {
    ref: '§3.3',
    what: 'HEAD on a GET route: like GET without a body',
    from: 'verified',
    req: { method: 'HEAD', path: '/system/privacy' },
    want: { status: 200, type: JSON_TYPE, body: '', headers: { 'content-length': '5' } },
  },
  {
    ref: '§3.3',
    what: 'HEAD applies auth',
    from: 'verified',
    req: { method: 'HEAD', path: '/system/privacy', auth: 'none' },
    want: { status: 401, body: '', headers: { 'x-reason': 'Authorization header invalid.' } },
  },
  // §6.1 detection probes
  {
    ref: '§6.1',
    what: 'upstream: GET /system/default-quota without credentials is a 404',
    from: 'code',
    flavours: ['upstream'],
    req: { path: '/system/default-quota', auth: 'none' },
    want: html404,
  },
  {
    ref: '§6.1',
    what: 'Power: GET /system/default-quota without credentials is a 401',
    from: 'code',
    flavours: ['power'],
    req: { path: '/system/default-quota', auth: 'none' },
    want: unauthorized('Authorization header invalid.'),
  },
  {
    ref: '§6.1/§4.8.1',
    what: 'upstream version',
    from: 'code',
    flavours: ['upstream'],
    req: { path: '/system/version' },
    want: ok('v75'),
  },
  {
    ref: '§6.1/§4.8.1',
    what: 'Power version',
    from: 'code',
    flavours: ['power'],
    req: { path: '/system/version' },
    want: ok('v60.5'),
  },
  // §1: one request at a time
  {
    ref: '§1',
    what: 'one synchronous worker: a cheap call waits for a slow one sent before it',
    from: 'code',
    options: { slowRoutesMs: 1000 },
    req: async (ctx) => {
      const order: string[] = [];
      const slow = ctx.send({ method: 'POST', path: '/system/status', form: {} }).then(() => order.push('slow'));
      await new Promise((r) => setTimeout(r, 200));
      const fast = ctx.send({ path: '/system/version' }).then(() => order.push('fast'));
      await Promise.all([slow, fast]);
      expect(order).toEqual(['slow', 'fast']);
      return { path: '/system/version' };
    },
    want: { status: 200 },
  },
  {
    ref: '§4.1.1',
    what: 'GET / needs no auth and is HTML',
    from: 'code',
    req: { path: '/', auth: 'none' },
    want: { status: 200, type: TEXT },
  },
  {
    ref: '§3.2',
    what: 'explicit text responses are text/plain; charset=utf-8 (zone file)',
    from: 'verified',
    req: { path: '/dns/zonefile/example.com' },
    want: { status: 200, type: PLAIN },
  },
];
