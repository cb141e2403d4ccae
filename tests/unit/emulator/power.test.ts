import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { makeTestKey } from '../../emulator/pgp';
import { ADMIN, call, keyAuth, startTestBox } from './emu-client';
import type { TestBox } from './emu-client';

describe('emulator Power-only routes', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox({ flavour: 'power', admin: ADMIN });
  });
  afterAll(() => box.close());
  const get = (path: string) => call(box.emu, path, { auth: keyAuth(box.emu) });
  const post = (path: string, form: Record<string, string>) => call(box.emu, path, { form, auth: keyAuth(box.emu) });

  test('SMTP relay: default, validation order and texts, save', async () => {
    expect((await get('/system/smtp/relay')).body).toBe(
      '{"authorized_servers":[],"dkim_rr":"","dkim_selector":null,"enabled":false,"host":"","port":null,"spf_record":null,"user":""}\n',
    );
    const base = {
      enabled: 'false',
      host: '',
      port: '587',
      user: '',
      key: '',
      authorized_servers: '',
      spf_record: '',
      dkim_selector: '',
      dkim_rr: '',
    };
    const cases: Array<[Record<string, string>, string]> = [
      [{ port: '' }, "invalid literal for int() with base 10: ''"],
      [
        { dkim_rr: 'p=abc' },
        'Cannot publish a DKIM key without a selector!\n\t\t\tIf you want to set up a relay without a DKIM record, both the selector and the key need to be empty.',
      ],
      [{ dkim_selector: 'Bad', dkim_rr: 'p=abc' }, 'The DKIM selector is invalid!'],
      [
        { dkim_selector: 'relay' },
        'Cannot publish a selector with an empty key!\n\t\t\tIf you want to set up a relay without a DKIM record, both the selector and the key need to be empty.',
      ],
      [{ dkim_selector: 'relay', dkim_rr: 'v=DKIM1 junk' }, 'DKIM public key RR is malformed!'],
      [{ dkim_selector: 'relay', dkim_rr: 'v=DKIM1; k=rsa' }, "The DKIM public key doesn't exist!"],
      [
        { enabled: 'true', host: 'relay.nowhere.invalid' },
        'Unable to resolve hostname (it probably is incorrect): [Errno -2] Name or service not known',
      ],
      [{}, 'Please provide a password/key (there is no existing password to retain).'],
    ];
    for (const [fields, message] of cases) {
      const r = await post('/system/smtp/relay', { ...base, ...fields });
      expect({ fields, status: r.status, body: r.body }).toEqual({ fields, status: 400, body: message });
    }
    // A plain TCP listener: the TLS handshake fails, which the daemon accepts (wrapper mode off).
    const server = createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = String((server.address() as AddressInfo).port);
    const ok = await post('/system/smtp/relay', {
      ...base,
      enabled: 'true',
      host: '127.0.0.1',
      port,
      user: 'relay-user',
      key: 'pw',
      authorized_servers: 'spf:relay.example.net, 192.0.2.0/24',
      dkim_selector: 'relay',
      dkim_rr: 'p=MIIBabc k=rsa',
    });
    server.close();
    expect(ok).toMatchObject({ status: 200, body: 'postfix/postfix-script: refreshing the Postfix mail system\n' });
    expect(JSON.parse((await get('/system/smtp/relay')).body)).toEqual({
      authorized_servers: ['spf:relay.example.net', '192.0.2.0/24'],
      dkim_rr: 'v=DKIM1; k=rsa; p=MIIBabc',
      dkim_selector: 'relay',
      enabled: true,
      host: '127.0.0.1',
      port: Number(port),
      spf_record: null,
      user: 'relay-user',
    });
    const zone = (await get('/dns/zonefile/example.com')).body;
    expect(zone).toContain('\tIN\tTXT\t"v=spf1 mx include:relay.example.net ip4:192.0.2.0/24 -all" \n');
    expect(zone).toContain('relay._domainkey\tIN\tTXT\t"v=DKIM1; k=rsa; p=MIIBabc" \n');
  });

  test('default quota', async () => {
    expect((await get('/system/default-quota')).body).toBe('{\n  "default-quota": "0"\n}\n');
    expect((await post('/system/default-quota', { default_quota: '1.5G' })).body).toBe(
      'ERROR: Quotas cannot contain spaces, commas, or decimal points.',
    );
    expect((await post('/system/default-quota', { default_quota: '2g' })).body).toBe('OK');
    expect((await get('/system/default-quota?text=1')).body).toBe('2G');
    expect((await post('/system/default-quota', {})).status).toBe(500);
  });

  test('PGP keyring: daemon key, import, export, WKD, delete', async () => {
    expect((await get('/system/pgp')).status).toBe(308);
    const ring = JSON.parse((await get('/system/pgp/')).body) as {
      daemon: { master_fpr: string; ids: string[]; subkeys: Array<Record<string, unknown>> };
      imported: unknown[];
    };
    expect(ring.daemon.ids).toEqual(['System Management Daemon <noreply-daemon@box.example.com>']);
    expect(ring.daemon.subkeys).toHaveLength(1);
    expect(ring.daemon.subkeys[0]).toMatchObject({
      master: true,
      cert: true,
      sign: true,
      encr: true,
      auth: true,
      algorithm: 'RSA',
      bits: 4096,
    });
    expect(ring.imported).toEqual([]);

    const alice = await makeTestKey('Me', ADMIN.email);
    const priv = await post('/system/pgp/import', { key: alice.privateKey });
    expect(priv).toMatchObject({ status: 400, body: 'Import cannot contain private keys!' });
    expect((await post('/system/pgp/import', { key: 'nope' })).body).toBe('Import is not a valid PGP key block!');
    const imp = await post('/system/pgp/import', { key: alice.publicKey });
    expect(imp.body).toBe(
      '{"keys_added":1,"keys_read":1,"keys_unchanged":0,"revs_added":0,"sigs_added":0,"uids_added":0}\n',
    );
    expect(JSON.parse((await post('/system/pgp/import', { key: alice.publicKey })).body)).toMatchObject({
      keys_unchanged: 1,
    });
    const key = JSON.parse((await get(`/system/pgp/${alice.fingerprint}`)).body) as {
      ids_emails: string[];
      subkeys: Array<{ encr: boolean; expires: null }>;
    };
    expect(key.ids_emails).toEqual([ADMIN.email]);
    expect(key.subkeys.map((s) => [s.encr, s.expires])).toEqual([
      [false, null],
      [true, null],
    ]);
    expect((await get(`/system/pgp/${alice.fingerprint}/export`)).body).toMatch(
      /^-----BEGIN PGP PUBLIC KEY BLOCK-----/,
    );
    expect((await get('/system/pgp/0123456789ABCDEF0123456789ABCDEF01234567')).status).toBe(404);

    const bad = await post('/system/pgp/wkd', { 'nobody@example.com': alice.fingerprint });
    expect(bad).toMatchObject({ status: 401, body: 'User or alias nobody@example.com not found!\n' });
    expect((await post('/system/pgp/wkd', { [ADMIN.email]: alice.fingerprint })).body).toBe('OK');
    const wkd = JSON.parse((await get('/system/pgp/wkd')).body) as { wkd: Record<string, Record<string, unknown>> };
    expect(wkd.wkd['example.com']?.[ADMIN.email]).toEqual({
      options: [alice.fingerprint],
      selected: alice.fingerprint,
    });
    expect(wkd.wkd['box.example.com']?.['noreply-daemon@box.example.com']).toEqual({
      options: [ring.daemon.master_fpr],
      selected: null,
    });

    const del = await call(box.emu, `/system/pgp/${ring.daemon.master_fpr}`, {
      method: 'DELETE',
      auth: keyAuth(box.emu),
    });
    expect(del).toMatchObject({ status: 400, body: "You cannot delete the daemon's key!" });
    const gone = await call(box.emu, `/system/pgp/${alice.fingerprint}`, { method: 'DELETE', auth: keyAuth(box.emu) });
    expect(gone.body).toBe(`[\n  "${ADMIN.email}"\n]\n`);
  });
});
