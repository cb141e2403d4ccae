import { ADMIN, call, keyAuth, startTestBox } from './emu-client';
import type { TestBox } from './emu-client';

describe('emulator DNS routes (upstream)', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox({ flavour: 'upstream', admin: ADMIN });
  });
  afterAll(() => box.close());
  const get = (path: string) => call(box.emu, path, { auth: keyAuth(box.emu) });
  // Node's client frames a DELETE body only with an explicit Content-Length.
  const send = (method: string, path: string, body = '', headers: Record<string, string> = {}) =>
    call(box.emu, path, {
      method,
      body,
      auth: keyAuth(box.emu),
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
    });

  test('zones and an idempotent update', async () => {
    const zones = await get('/dns/zones');
    expect(zones.status).toBe(200);
    expect(zones.headers['content-type']).toBe('application/json');
    expect(zones.body).toBe('[\n  "example.com"\n]\n');
    const up = await call(box.emu, '/dns/update', { form: {}, auth: keyAuth(box.emu) });
    expect(up).toMatchObject({ status: 200, body: '' });
    expect(up.headers['content-type']).toBe('text/html; charset=utf-8');
    const forced = await call(box.emu, '/dns/update', { form: { force: '1' }, auth: keyAuth(box.emu) });
    expect(forced.body).toBe('updated DNS: example.com\n');
  });

  test('custom records: add, duplicate, errors, silent no-op, delete', async () => {
    expect((await send('POST', '/dns/custom/foo.example.com/txt', 'hello world')).body).toBe(
      'updated DNS: example.com\n',
    );
    expect((await send('POST', '/dns/custom/foo.example.com/TXT', 'hello world')).body).toBe('OK');
    expect((await send('POST', '/dns/custom/www.example.com/cname', 'bar.example.net')).body).toBe(
      'updated DNS: example.com\n',
    );
    const errors: Array<[string, string, string]> = [
      [
        '/dns/custom/nope.org',
        '1.2.3.4',
        'nope.org is not a domain name or a subdomain of a domain name managed by this box.',
      ],
      ['/dns/custom/a.example.com', 'value=1.2.3.4', "'value=1.2.3.4' does not appear to be an IPv4 or IPv6 address"],
      ['/dns/custom/a.example.com', '::1', "That's an IPv6 address."],
      ['/dns/custom/a.example.com/AAAA', '1.2.3.4', "That's an IPv4 address."],
      ['/dns/custom/example.com/NS', 'ns.other.net', 'NS records can only be set for subdomains.'],
      ['/dns/custom/a.example.com/BOGUS', 'x', "Unknown record type 'BOGUS'."],
      ['/dns/custom/a.example.com/TXT', '', 'No value for the record provided.'],
      ['/dns/custom/-bad.example.com/TXT', 'x', 'Invalid name.'],
    ];
    for (const [path, body, message] of errors) {
      const r = await send('POST', path, body);
      expect({ path, status: r.status, body: r.body }).toEqual({ path, status: 400, body: message });
    }
    // An empty A value falls back to X-Forwarded-For; over a tunnel there is none: OK and nothing stored.
    expect((await send('POST', '/dns/custom/c.example.com', '')).body).toBe('OK');
    expect((await send('PUT', '/dns/custom/d.example.com', '', { 'X-Forwarded-For': '198.51.100.7' })).body).toBe(
      'updated DNS: example.com\n',
    );
    const list = JSON.parse((await get('/dns/custom')).body) as Array<Record<string, unknown>>;
    expect(list.map((r) => [r['qname'], r['rtype'], r['value'], r['zone']])).toEqual([
      ['foo.example.com', 'TXT', 'hello world', 'example.com'],
      ['www.example.com', 'CNAME', 'bar.example.net.', 'example.com'],
      ['d.example.com', 'A', '198.51.100.7', 'example.com'],
    ]);
    expect(list.map((r) => r['sort-order'])).toEqual([
      { created: 0, qname: 1 },
      { created: 1, qname: 2 },
      { created: 2, qname: 0 },
    ]);
    expect(list[0]).not.toHaveProperty('ttl');
    const onlyA = JSON.parse((await get('/dns/custom/d.example.com')).body) as unknown[];
    expect(onlyA).toHaveLength(1);
    expect((await send('DELETE', '/dns/custom/foo.example.com/TXT', 'other')).body).toBe('OK');
    expect((await send('DELETE', '/dns/custom/foo.example.com/anything-goes')).body).toBe('OK');
    expect((await send('DELETE', '/dns/custom/foo.example.com/TXT')).body).toBe('updated DNS: example.com\n');
    // A CNAME on www takes it out of the web domains.
    const web = JSON.parse((await get('/web/domains')).body) as Array<{ domain: string }>;
    expect(web.map((d) => d.domain)).not.toContain('www.example.com');
  });

  test('secondary nameservers: xfr entries, bad subnets, unresolvable names', async () => {
    expect((await get('/dns/secondary-nameserver')).body).toBe('{\n  "hostnames": []\n}\n');
    const set = await call(box.emu, '/dns/secondary-nameserver', {
      form: { hostnames: 'xfr:10.0.0.0/8, xfr:192.0.2.5' },
      auth: keyAuth(box.emu),
    });
    expect(set).toMatchObject({ status: 200, body: 'updated DNS: DNS configuration\n' });
    expect(JSON.parse((await get('/dns/secondary-nameserver')).body)).toEqual({
      hostnames: ['xfr:10.0.0.0/8', 'xfr:192.0.2.5'],
    });
    const bad = await call(box.emu, '/dns/secondary-nameserver', {
      form: { hostnames: 'xfr:10.0.0.1/8' },
      auth: keyAuth(box.emu),
    });
    expect(bad).toMatchObject({ status: 400, body: "'10.0.0.1/8' is not an IPv4 or IPv6 address or subnet." });
    const unresolvable = await call(box.emu, '/dns/secondary-nameserver', {
      form: { hostnames: 'ns.nowhere.invalid' },
      auth: keyAuth(box.emu),
    });
    expect(unresolvable).toMatchObject({
      status: 400,
      body: 'Could not resolve the IP address of ns.nowhere.invalid.',
    });
    const ns = await call(box.emu, '/dns/secondary-nameserver', {
      form: { hostnames: 'localhost' },
      auth: keyAuth(box.emu),
    });
    expect(ns.body).toBe('updated DNS: example.com\n');
    expect((await get('/dns/zonefile/example.com')).body).toContain('\tIN\tNS\tlocalhost.\n');
    await call(box.emu, '/dns/secondary-nameserver', { form: { hostnames: '' }, auth: keyAuth(box.emu) });
  });

  test('dump and zone file', async () => {
    const dump = JSON.parse((await get('/dns/dump')).body) as Array<[string, Array<Record<string, string>>]>;
    expect(dump[0]?.[0]).toBe('example.com');
    const records = dump[0]?.[1] ?? [];
    expect(records[0]).toMatchObject({ qname: 'example.com', rtype: 'A', value: '203.0.113.10' });
    expect(records.find((r) => r['rtype'] === 'MX' && r['qname'] === 'example.com')?.['value']).toBe(
      '10 box.example.com.',
    );
    expect(records.some((r) => r['rtype'] === 'NS')).toBe(false);
    const zf = await get('/dns/zonefile/example.com');
    expect(zf.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(zf.body).toMatch(/^\n\$ORIGIN example\.com\.\n\$TTL 86400/);
    expect(zf.body).toMatch(/\d{10} {5}; serial number/);
    expect(zf.body).toMatch(/\n; DNSSEC signing keys hash: [0-9a-f]{40}\n$/);
    const missing = await get('/dns/zonefile/nope.com');
    expect(missing.status).toBe(500);
    expect(missing.body).toContain('<title>500 Internal Server Error</title>');
  });
});

describe('emulator DNS routes (Power)', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox({ flavour: 'power', admin: ADMIN });
  });
  afterAll(() => box.close());

  test('form value and ttl; raw bodies are ignored', async () => {
    const auth = keyAuth(box.emu);
    const raw = await call(box.emu, '/dns/custom/a.example.com', { method: 'POST', body: '1.2.3.4', auth });
    expect(raw.body).toBe('OK');
    const add = await call(box.emu, '/dns/custom/a.example.com', { form: { value: '1.2.3.4', ttl: '5' }, auth });
    expect(add.body).toBe('updated DNS: example.com\n');
    const dup = await call(box.emu, '/dns/custom/a.example.com', { form: { value: '1.2.3.4', ttl: '600' }, auth });
    expect(dup.body).toBe('OK');
    const put = await call(box.emu, '/dns/custom/a.example.com', {
      method: 'PUT',
      form: { value: '1.2.3.4', ttl: '600' },
      auth,
    });
    expect(put.body).toBe('updated DNS: example.com\n');
    const list = JSON.parse((await call(box.emu, '/dns/custom', { auth })).body) as Array<Record<string, unknown>>;
    expect(list).toEqual([
      {
        qname: 'a.example.com',
        rtype: 'A',
        'sort-order': { created: 0, qname: 0 },
        ttl: 600,
        value: '1.2.3.4',
        zone: 'example.com',
      },
    ]);
    expect((await call(box.emu, '/dns/zonefile/example.com', { auth })).body).toContain('a\t600\tIN\tA\t1.2.3.4\n');
  });

  test('an unknown zone is a ValueError: 401 on Power', async () => {
    const r = await call(box.emu, '/dns/zonefile/nope.com', { auth: keyAuth(box.emu) });
    expect(r).toMatchObject({ status: 401, body: 'nope.com is not a domain name that corresponds to a zone.\n' });
  });
});
