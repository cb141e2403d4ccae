import { createPublicKey, verify, sign, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dnskeyRdata, dsDigest, dsLines, ensureDnssecKeys, keyTag, writeDsFile } from '../../emulator/dnssec';
import { parseDsFile, parseKeyFile, parseKeyValues } from '../../../src-main/dns/delegation';

const b64 = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'base64');

describe('DS digests and key tags against the RFC examples', () => {
  it('RFC 4034 §5.4: dskey.example.com, RSASHA1, SHA-1', () => {
    const rdata = dnskeyRdata(
      256,
      5,
      b64(`AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvx
        egXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==`),
    );
    expect(keyTag(rdata)).toBe(60485);
    expect(dsDigest('dskey.example.com.', rdata, 1)).toBe('2bb183af5f22588179a53b0a98631fad1a292118');
  });

  it('RFC 6605 §6.1: example.net, ECDSAP256SHA256, SHA-256', () => {
    const rdata = dnskeyRdata(
      257,
      13,
      b64('GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA=='),
    );
    expect(keyTag(rdata)).toBe(55648);
    expect(dsDigest('example.net.', rdata, 2)).toBe('b4c8c1fe2e7477127b27115656ad6256f424625bf5c1e2770ce6d6e37df61d17');
  });

  it('RFC 6605 §6.2: example.net, ECDSAP384SHA384, SHA-384 (the owner name is case-folded)', () => {
    const rdata = dnskeyRdata(
      257,
      14,
      b64(
        'xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40',
      ),
    );
    expect(keyTag(rdata)).toBe(10771);
    expect(dsDigest('Example.NET', rdata, 4)).toBe(
      '72d7b62976ce06438e9c0bf319013cf801f09ecc84b8d7e9495f27e305c6a9b0563a9b5f4d288405c3008a946df983d6',
    );
  });
});

describe("the emulator's key files and DS files", () => {
  let storage: string;
  let zones: string;
  beforeAll(() => {
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'bf-dnssec-'));
    zones = path.join(storage, 'zones');
    fs.mkdirSync(zones);
    ensureDnssecKeys(storage);
  });
  afterAll(() => fs.rmSync(storage, { recursive: true, force: true }));

  const dir = () => path.join(storage, 'dns', 'dnssec');

  it('lists a KSK and a ZSK per algorithm, named as ldns-keygen names them, keys readable by root alone', () => {
    for (const [name, alg] of [
      ['RSASHA256', '008'],
      ['ECDSAP256SHA256', '013'],
    ] as const) {
      const conf = parseKeyValues(fs.readFileSync(path.join(dir(), `${name}.conf`), 'utf8'));
      expect(conf['KSK']).toMatch(new RegExp(`^K_domain_\\.\\+${alg}\\+\\d{5}$`));
      expect(conf['ZSK']).toMatch(new RegExp(`^K_domain_\\.\\+${alg}\\+\\d{5}$`));
      const keyFile = path.join(dir(), `${conf['KSK']}.key`);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      const text = fs.readFileSync(keyFile, 'utf8');
      // What the box's status check reads: split("\t")[3].split(" ")[3] is the public key.
      expect(text.split('\t')[3]?.split(' ')[3]).toBe(parseKeyFile(text));
      expect(text.split('\t')[3]?.startsWith(`257 3 ${Number(alg)} `)).toBe(true);
    }
  });

  it('keeps the keys once made', () => {
    const before = fs.readFileSync(path.join(dir(), 'ECDSAP256SHA256.conf'), 'utf8');
    ensureDnssecKeys(storage);
    expect(fs.readFileSync(path.join(dir(), 'ECDSAP256SHA256.conf'), 'utf8')).toBe(before);
  });

  it('writes <zone>.txt.ds with digest types 1, 2, 4 per KSK, each equal to the RFC computation from the key file', () => {
    writeDsFile(storage, zones, 'example.com');
    const text = fs.readFileSync(path.join(zones, 'example.com.txt.ds'), 'utf8');
    expect(text).toBe(dsLines(storage, 'example.com'));
    const records = parseDsFile(text);
    expect(records.map((r) => [r.algorithm, r.digestType])).toEqual([
      [13, 1],
      [13, 2],
      [13, 4],
      [8, 1],
      [8, 2],
      [8, 4],
    ]);
    for (const line of text.trim().split('\n'))
      expect(line.split('\t').slice(0, 4)).toEqual(['example.com.', '3600', 'IN', 'DS']);
    const ecdsa = parseKeyValues(fs.readFileSync(path.join(dir(), 'ECDSAP256SHA256.conf'), 'utf8'))['KSK'] as string;
    const publicKey = b64(parseKeyFile(fs.readFileSync(path.join(dir(), `${ecdsa}.key`), 'utf8')) ?? '');
    const rdata = dnskeyRdata(257, 13, publicKey);
    const sha256 = records.find((r) => r.algorithm === 13 && r.digestType === 2);
    expect(sha256?.keyTag).toBe(keyTag(rdata));
    expect(sha256?.digest.toLowerCase()).toBe(dsDigest('example.com.', rdata, 2));
    expect(Number(ecdsa.slice(-5))).toBe(keyTag(rdata));
  });

  it('publishes the P-256 key that signs: x | y of the private key in the .private file', () => {
    const ecdsa = parseKeyValues(fs.readFileSync(path.join(dir(), 'ECDSAP256SHA256.conf'), 'utf8'))['KSK'] as string;
    const publicKey = b64(parseKeyFile(fs.readFileSync(path.join(dir(), `${ecdsa}.key`), 'utf8')) ?? '');
    const d = /PrivateKey: (\S+)/.exec(fs.readFileSync(path.join(dir(), `${ecdsa}.private`), 'utf8'))?.[1] ?? '';
    const jwk = {
      kty: 'EC',
      crv: 'P-256',
      x: publicKey.subarray(0, 32).toString('base64url'),
      y: publicKey.subarray(32).toString('base64url'),
    };
    const privateKey = createPrivateKey({ key: { ...jwk, d: b64(d).toString('base64url') }, format: 'jwk' });
    const signature = sign('sha256', Buffer.from('zone'), privateKey);
    expect(verify('sha256', Buffer.from('zone'), createPublicKey({ key: jwk, format: 'jwk' }), signature)).toBe(true);
  });
});
