import { execFileSync } from 'node:child_process';
import { makeCertificate } from '../../emulator/tls';
import { ADMIN, call, keyAuth, startTestBox } from './emu-client';
import type { TestBox } from './emu-client';

const DAY = 86400_000;

describe('emulator TLS and web routes', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox({ flavour: 'upstream', admin: ADMIN });
  });
  afterAll(() => box.close());
  const install = (form: Record<string, string>) => call(box.emu, '/ssl/install', { form, auth: keyAuth(box.emu) });
  const cert = (names: string[], fromDays: number, toDays: number, selfSigned = false) =>
    makeCertificate(box.emu.box, {
      names,
      notBefore: new Date(Date.now() + fromDays * DAY),
      notAfter: new Date(Date.now() + toDays * DAY),
      selfSigned,
    });

  test('web domains start with the self-signed primary certificate', async () => {
    const r = await call(box.emu, '/web/domains', { auth: keyAuth(box.emu) });
    const list = JSON.parse(r.body) as Array<Record<string, unknown>>;
    expect(list[0]).toEqual({
      custom_root: '/home/user-data/www/box.example.com',
      domain: 'box.example.com',
      root: '/home/user-data/www/default',
      ssl_certificate: ['warning', 'Self-signed. Get a signed certificate to stop warnings.'],
      static_enabled: true,
    });
    expect(list.find((d) => d['domain'] === 'www.example.com')?.['static_enabled']).toBe(false);
    expect((await call(box.emu, '/web/update', { form: {}, auth: keyAuth(box.emu) })).body).toBe('');
  });

  test('install refuses bad certificates with the checker messages', async () => {
    expect((await install({ domain: 'nope.example.org', cert: 'x', chain: '' })).body).toBe('Invalid domain name.');
    expect((await install({ domain: 'example.com', cert: 'junk', chain: '' })).body).toBe(
      'There is a problem with the certificate file: File does not contain valid PEM data.',
    );
    const wrong = cert(['other.example.com', 'b.example.com'], -1, 90);
    expect((await install({ domain: 'example.com', cert: wrong.certPem, chain: wrong.chainPem })).body).toBe(
      'The certificate is for the wrong domain name. It is for b.example.com, other.example.com.',
    );
    const self = cert(['example.com'], -1, 90, true);
    expect((await install({ domain: 'example.com', cert: self.certPem, chain: '' })).body).toBe(
      "This is a self-signed certificate. I can't install that.",
    );
    const good = cert(['example.com'], -1, 90);
    const noChain = await install({ domain: 'example.com', cert: good.certPem, chain: '' });
    expect(noChain.status).toBe(200);
    expect(noChain.body).toMatch(
      /^The certificate is missing an intermediate chain or the intermediate chain is incorrect or incomplete\. \(.*unable to get local issuer certificate/s,
    );
    const expired = cert(['example.com'], -100, -10);
    expect((await install({ domain: 'example.com', cert: expired.certPem, chain: expired.chainPem })).body).toMatch(
      /^The certificate has expired or is not yet valid\. It is valid from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d to \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.$/,
    );
    const soon = cert(['example.com'], -80, 5.5);
    expect((await install({ domain: 'example.com', cert: soon.certPem, chain: soon.chainPem })).body).toMatch(
      /^The certificate is expiring soon: The certificate expires in 5 days on \d{4}-\d\d-\d\d\.$/,
    );
    const missing = await install({ domain: 'example.com', cert: good.certPem } as Record<string, string>);
    expect(missing.status).toBe(500);
  });

  test('install of a good certificate, then status', async () => {
    const primary = cert(['box.example.com'], -1, 90.5);
    const r = await install({ domain: 'box.example.com', cert: primary.certPem, chain: primary.chainPem });
    expect(r).toMatchObject({
      status: 200,
      body: 'updating primary certificate\nmail services restarted\nweb updated\n',
    });
    const again = await install({ domain: 'box.example.com', cert: primary.certPem, chain: primary.chainPem });
    expect(again.body).toBe('');
    const status = JSON.parse((await call(box.emu, '/ssl/status', { auth: keyAuth(box.emu) })).body) as {
      can_provision: string[];
      status: Array<{ domain: string; status: string; text: string }>;
    };
    expect(status.can_provision).toEqual([]);
    expect(status.status[0]).toEqual({
      domain: 'box.example.com',
      status: 'success',
      text: expect.stringMatching(
        /^Signed & valid\. The certificate expires in 90 days on \d{4}-\d\d-\d\d\. The domain name does not resolve to this machine: \[Not Set\] \(A\)\.$/,
      ) as unknown as string,
    });
    expect(status.status.find((s) => s.domain === 'example.com')?.text).toBe(
      'No certificate installed. The domain name does not resolve to this machine: [Not Set] (A).',
    );
  });

  test('provision skips every domain and ends with the post-install strings', async () => {
    const r = JSON.parse((await call(box.emu, '/ssl/provision', { form: {}, auth: keyAuth(box.emu) })).body) as {
      requests: unknown[];
    };
    expect(r.requests[0]).toEqual({
      domains: ['box.example.com'],
      log: ['The domain name does not resolve to this machine: [Not Set] (A).'],
      result: 'skipped',
    });
    expect(r.requests[r.requests.length - 1]).toBe('');
  });

  test('CSR is made with the box key', async () => {
    const r = await call(box.emu, '/ssl/csr/example.com', { form: { countrycode: 'DE' }, auth: keyAuth(box.emu) });
    expect(r.body).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    const subject = execFileSync('openssl', ['req', '-noout', '-subject'], { input: r.body }).toString();
    expect(subject.trim()).toBe('subject=C = DE, CN = example.com');
  });
});
