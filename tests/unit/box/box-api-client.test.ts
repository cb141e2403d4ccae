import { BoxApiClient, type BoxApiProfile } from '../../../src-main/box/box-api-client';
import { FakeDaemon, FakeSsh } from './fake-daemon';

const profile = (over: Partial<BoxApiProfile> = {}): BoxApiProfile => ({
  id: 'box-1',
  user: 'root',
  apiPort: 10222,
  paths: { apiKey: '/var/lib/mailinabox/api.key' },
  ...over,
});

describe('BoxApiClient over a tunnel', () => {
  let daemon: FakeDaemon;
  let ssh: FakeSsh;
  let client: BoxApiClient;

  beforeEach(async () => {
    daemon = new FakeDaemon();
    await daemon.start();
    ssh = new FakeSsh(daemon);
    client = new BoxApiClient({ ssh, profile: profile({ detected: { flavour: 'upstream', version: 'v75' } }) });
  });
  afterEach(async () => {
    client.close();
    await daemon.stop();
  });

  it('authenticates with the API key as user and an empty password, as an XHR with Accept */*', async () => {
    daemon.route = () => ({ status: 200, body: 'a@example.com\nb@example.com\n' });
    const users = await client.routes.users.listEmails();
    expect(users).toEqual({ ok: true, value: ['a@example.com', 'b@example.com'] });
    const [seen] = daemon.seen;
    expect(seen?.headers.authorization).toBe('Basic ' + Buffer.from(`${daemon.key}:`).toString('base64'));
    expect(seen?.headers['x-requested-with']).toBe('XMLHttpRequest');
    expect(seen?.headers.accept).toBe('*/*');
    expect(seen?.headers['x-forwarded-for']).toBeUndefined();
    expect(ssh.commands).toEqual(["cat '/var/lib/mailinabox/api.key'"]);
  });

  it('re-reads a rotated key once and retries the call', async () => {
    daemon.route = () => ({ status: 200, body: 'OK' });
    expect((await client.routes.users.setPassword('a@example.com', 'longenough')).ok).toBe(true);
    daemon.key = 'fedcba9876543210fedcba9876543210';
    const after = await client.routes.users.setPassword('a@example.com', 'longenough2');
    expect(after).toEqual({ ok: true, value: undefined });
    expect(ssh.commands).toHaveLength(2);
    expect(daemon.seen.map((s) => s.url)).toEqual([
      '/mail/users/password',
      '/mail/users/password',
      '/mail/users/password',
    ]);
  });

  it('gives up with auth-failed when the fresh key is refused too', async () => {
    ssh.execAnswer = () => ({ code: 0, signal: null, stdout: 'ffffffffffffffffffffffffffffffff', stderr: '' });
    const result = await client.routes.users.listEmails();
    expect(!result.ok && result.error.code).toBe('auth-failed');
    expect(ssh.commands).toHaveLength(2);
    expect(daemon.seen).toHaveLength(2);
  });

  it("does not take Power's ValueError 401s for a bad key (§6.2)", async () => {
    daemon.route = (req) => daemon.refuse(req, 'nope.com is not a domain name that corresponds to a zone.');
    const result = await client.routes.dns.zonefile('nope.com');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('box-api-error');
    expect(result.error.message).toBe('nope.com is not a domain name that corresponds to a zone.');
    expect(ssh.commands).toHaveLength(1);
  });

  it("maps a 400 to box-api-error with the box's text, a 500 to a retryable one", async () => {
    daemon.route = () => ({ status: 400, body: 'User already exists.' });
    const dup = await client.routes.users.add({ email: 'a@example.com', password: 'longenough' });
    expect(dup.ok ? null : dup.error).toMatchObject({
      code: 'box-api-error',
      message: 'User already exists.',
      retryable: false,
    });
    daemon.route = () => ({
      status: 500,
      body: '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>',
    });
    const broken = await client.routes.users.listEmails();
    expect(broken.ok ? null : broken.error).toMatchObject({ code: 'box-api-error', retryable: true });
  });

  it('sends forms the way the daemon reads them and never sends an empty quota', async () => {
    daemon.route = () => ({ status: 200, body: 'mail user added\n' });
    await client.routes.users.add({ email: 'a@example.com', password: 'pass word1', privileges: ['admin', 'x'] });
    const seen = daemon.seen[0];
    expect(seen?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(seen?.body);
    expect(form.get('email')).toBe('a@example.com');
    expect(form.get('password')).toBe('pass word1');
    expect(form.get('privileges')).toBe('admin\nx');
    expect(form.has('quota')).toBe(false);
  });

  it('runs one request at a time per box, in order, over one reused channel', async () => {
    let n = 0;
    daemon.route = () => ({ status: 200, body: `v${++n}`, delayMs: 15 });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => client.routes.system.version()));
    expect(results).toEqual([1, 2, 3, 4, 5].map((i) => ({ ok: true, value: `v${i}` })));
    expect(daemon.maxInFlight).toBe(1);
    expect(ssh.tunnels).toBe(1);
    expect(daemon.connections).toBe(1);
  });

  it('opens a new channel when the daemon closed the kept-alive one', async () => {
    const quick = new BoxApiClient({ ssh, profile: profile(), timeoutsMs: { normal: 2000 } });
    daemon.route = () => ({ status: 200, body: 'v75' });
    expect(await quick.routes.system.version()).toEqual({ ok: true, value: 'v75' });
    daemon.closeConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await quick.routes.system.version()).toEqual({ ok: true, value: 'v75' });
    expect(ssh.tunnels).toBe(2);
    quick.close();
  });

  it('validates JSON answers against the schema', async () => {
    daemon.route = () => ({
      status: 200,
      body: '[{"domain": "example.com", "users": [{"email": 1}]}]',
      contentType: 'application/json',
    });
    const result = await client.routes.users.list();
    expect(!result.ok && result.error.code).toBe('box-api-error');
    daemon.route = () => ({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify([
        {
          domain: 'example.com',
          users: [
            {
              email: 'me@example.com',
              privileges: ['admin'],
              status: 'active',
              quota: '0',
              box_quota: '?',
              box_size: '?',
              percent: '',
            },
          ],
        },
      ]),
    });
    const good = await client.routes.users.list();
    expect(good.ok && good.value[0]?.users[0]?.email).toBe('me@example.com');
  });

  it('reads the JSON-string answer of backup config (§4.9.3)', async () => {
    daemon.route = () => ({ status: 200, body: '"Enter an S3 bucket name."\n', contentType: 'application/json' });
    const refused = await client.routes.backup.setConfig({ target: 's3://host/', minAgeInDays: 3 });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'box-api-error',
      message: 'Enter an S3 bucket name.',
    });
    daemon.route = () => ({ status: 200, body: '"OK"\n', contentType: 'application/json' });
    expect((await client.routes.backup.setConfig({ target: 'local', minAgeInDays: 3 })).ok).toBe(true);
  });

  it('times out a hanging call and recovers on the next one', async () => {
    const quick = new BoxApiClient({ ssh, profile: profile(), timeoutsMs: { normal: 300 } });
    daemon.route = () => ({ status: 200, body: '', hang: true });
    const hung = await quick.routes.system.version();
    expect(!hung.ok && hung.error.code).toBe('timeout');
    daemon.route = () => ({ status: 200, body: 'v75' });
    expect(await quick.routes.system.version()).toEqual({ ok: true, value: 'v75' });
    quick.close();
  });

  it('says the management daemon is down when the tunnel cannot be opened', async () => {
    ssh.refuseTunnel = true;
    const result = await client.routes.system.version();
    expect(result.ok ? null : result.error).toMatchObject({ code: 'box-api-error', retryable: true });
    expect(!result.ok && result.error.message).toMatch(/management daemon is not running/);
  });
});

describe('reading the API key', () => {
  let daemon: FakeDaemon;
  beforeEach(async () => {
    daemon = new FakeDaemon();
    await daemon.start();
  });
  afterEach(() => daemon.stop());

  it('reads the key directly or with sudo -n /usr/bin/cat for a non-root login, and reports needs-sudo when sudo wants a password', async () => {
    const ssh = new FakeSsh(daemon);
    ssh.execAnswer = () => ({ code: 1, signal: null, stdout: '', stderr: 'sudo: a password is required\n' });
    const client = new BoxApiClient({
      ssh,
      profile: profile({ user: 'admin', detected: { flavour: 'upstream', version: 'v75' } }),
    });
    const result = await client.routes.system.version();
    expect(ssh.commands).toEqual([
      "if [ -r '/var/lib/mailinabox/api.key' ]; then cat '/var/lib/mailinabox/api.key'; else sudo -n /usr/bin/cat '/var/lib/mailinabox/api.key'; fi",
    ]);
    expect(result.ok ? null : result.error.code).toBe('needs-sudo');
    expect(!result.ok && result.error.message).toMatch(/passwordless sudo/);
    expect(!result.ok && result.error.message).toMatch(/root/);
    expect(daemon.seen).toHaveLength(0);
    client.close();
  });

  it('reports not-a-box when the key file does not exist', async () => {
    const ssh = new FakeSsh(daemon);
    ssh.execAnswer = () => ({
      code: 1,
      signal: null,
      stdout: '',
      stderr: 'cat: /var/lib/mailinabox/api.key: No such file or directory\n',
    });
    const client = new BoxApiClient({ ssh, profile: profile() });
    const result = await client.detect();
    expect(result.ok).toBe(false);
    const version = await client.routes.system.version();
    expect(version.ok ? null : version.error.code).toBe('not-a-box');
    client.close();
  });
});

describe('flavour detection and flavour-specific encodings', () => {
  let daemon: FakeDaemon;
  let ssh: FakeSsh;
  beforeEach(async () => {
    daemon = new FakeDaemon();
    await daemon.start();
    ssh = new FakeSsh(daemon);
  });
  afterEach(() => daemon.stop());

  it('detects upstream by the 404 of a Power-only route, then reads the version, once', async () => {
    daemon.route = (req) =>
      req.url === '/system/version'
        ? { status: 200, body: 'v75' }
        : { status: 404, body: '<!doctype html>\n<title>404 Not Found</title>' };
    const client = new BoxApiClient({ ssh, profile: profile() });
    expect(await client.detect()).toEqual({ ok: true, value: { flavour: 'upstream', version: 'v75' } });
    expect(daemon.seen[0]?.headers.authorization).toBeUndefined();
    expect(await client.detect()).toEqual({ ok: true, value: { flavour: 'upstream', version: 'v75' } });
    expect(daemon.seen).toHaveLength(2);
    const relay = await client.routes.power.smtpRelay();
    expect(!relay.ok && relay.error.code).toBe('not-supported');
    client.close();
  });

  it('detects Power by the refusal of that route without credentials', async () => {
    daemon.route = (req) =>
      req.url === '/system/version'
        ? { status: 200, body: 'v60.5' }
        : daemon.refuse(req, 'Authorization header invalid.');
    const client = new BoxApiClient({ ssh, profile: profile() });
    expect(await client.detect()).toEqual({ ok: true, value: { flavour: 'power', version: 'v60.5' } });
    expect(daemon.seen[0]?.headers.authorization).toBeUndefined();
    client.close();
  });

  it('answers not-a-box when something else answers the probe', async () => {
    daemon.route = () => ({ status: 200, body: 'hello' });
    const client = new BoxApiClient({ ssh, profile: profile() });
    const result = await client.detect();
    expect(!result.ok && result.error.code).toBe('not-a-box');
    client.close();
  });

  it('sends a custom DNS value as the raw body upstream and as form fields on Power', async () => {
    daemon.route = () => ({ status: 200, body: 'updated DNS: example.com\n' });
    const upstream = new BoxApiClient({ ssh, profile: profile({ detected: { flavour: 'upstream', version: 'v75' } }) });
    await upstream.routes.dns.customSet({ qname: 'www.example.com', rtype: 'A', value: '192.0.2.1' });
    expect(daemon.seen[0]).toMatchObject({ method: 'PUT', url: '/dns/custom/www.example.com/A', body: '192.0.2.1' });
    const ttl = await upstream.routes.dns.customAdd({
      qname: 'www.example.com',
      rtype: 'A',
      value: '192.0.2.1',
      ttl: 300,
    });
    expect(!ttl.ok && ttl.error.code).toBe('not-supported');
    const empty = await upstream.routes.dns.customAdd({ qname: 'www.example.com', rtype: 'A', value: ' ' });
    expect(!empty.ok && empty.error.code).toBe('validation');
    upstream.close();

    const power = new BoxApiClient({
      ssh,
      profile: profile({ id: 'box-2', detected: { flavour: 'power', version: 'v60.5' } }),
    });
    await power.routes.dns.customAdd({ qname: 'www.example.com', rtype: 'TXT', value: 'hello world', ttl: 300 });
    const seen = daemon.seen[1];
    expect(seen).toMatchObject({ method: 'POST', url: '/dns/custom/www.example.com/TXT' });
    expect(Object.fromEntries(new URLSearchParams(seen?.body))).toEqual({ value: 'hello world', ttl: '300' });
    power.close();
  });

  it('refuses quota routes on upstream boxes older than v73', async () => {
    const old = new BoxApiClient({ ssh, profile: profile({ detected: { flavour: 'upstream', version: 'v72' } }) });
    const result = await old.routes.users.getQuota('a@example.com');
    expect(!result.ok && result.error.code).toBe('not-supported');
    expect(daemon.seen).toHaveLength(0);
    old.close();
  });
});
