/**
 * Places where the emulator once differed from a real v75 box and a real Power v60.5 box seen side by side:
 * SSHFP records of the box's own sshd keys, the backup SSH key in the backup config, the DNS report after a zone
 * goes away, Power's RSA-4096 daemon key, and Power's WKD list with the automatic aliases.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, call, keyAuth, startTestBox } from './emu-client';
import type { TestBox } from './emu-client';

type Dump = Array<[string, Array<{ explanation: string; qname: string; rtype: string; value: string }>]>;

/** `ssh-keygen` makes the key: the test does not trust the emulator's own OpenSSH encoding. */
function sshKeygenPublicLine(type: 'ed25519' | 'ecdsa'): string {
  const dir = mkdtempSync(join(tmpdir(), 'boxfleet-parity-'));
  try {
    execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', join(dir, 'k')]);
    return readFileSync(join(dir, 'k.pub'), 'utf8').trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What build_sshfp_records yields for one `ssh-keyscan` line. */
function sshfpOf(line: string): string {
  const [type, b64] = line.split(' ') as [string, string];
  const algorithm = { 'ssh-rsa': 1, 'ssh-dss': 2, 'ecdsa-sha2-nistp256': 3, 'ssh-ed25519': 4 }[type];
  const hex = createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex').toUpperCase();
  return `${algorithm} 2 ( ${hex} )`;
}

const SSHFP_EXPLANATION =
  "Optional. Provides an out-of-band method for verifying an SSH key before connecting. Use 'VerifyHostKeyDNS yes' (or 'VerifyHostKeyDNS ask') when connecting with ssh.";

describe('SSHFP records of the box sshd keys (dns_update.build_sshfp_records)', () => {
  test('a fresh box publishes two SSHFP records at PRIMARY_HOSTNAME, SHA-256, in keyscan order', async () => {
    const box = await startTestBox({ flavour: 'upstream', admin: ADMIN });
    try {
      const dump = JSON.parse((await call(box.emu, '/dns/dump', { auth: keyAuth(box.emu) })).body) as Dump;
      const records = (dump.find(([zone]) => zone === 'example.com')?.[1] ?? []).filter((r) => r.rtype === 'SSHFP');
      expect(records).toHaveLength(2);
      for (const r of records) {
        expect(r).toEqual({
          explanation: SSHFP_EXPLANATION,
          qname: 'box.example.com',
          rtype: 'SSHFP',
          value: expect.stringMatching(/^[1-4] 2 \( [0-9A-F]{64} \)$/),
        });
      }
      // The records come from the box's own host keys, as ssh-keyscan reads them from its sshd.
      const lines = ['ssh_host_ecdsa_key.pub', 'ssh_host_ed25519_key.pub'].map((f) =>
        readFileSync(join(box.root, 'etc', 'ssh', f), 'utf8').trim(),
      );
      const keyscan = lines.map((l) => 'localhost ' + l.split(' ').slice(0, 2).join(' ')).sort();
      expect(records.map((r) => r.value)).toEqual(keyscan.map((l) => sshfpOf(l.slice('localhost '.length))));
      for (const l of lines) expect(() => execFileSync('ssh-keygen', ['-l', '-f', '-'], { input: l })).not.toThrow();
    } finally {
      await box.close();
    }
  });

  test('the host keys of the sshd in front of the box are used when given, in the zone file too', async () => {
    const ed = sshKeygenPublicLine('ed25519');
    const ec = sshKeygenPublicLine('ecdsa');
    const box = await startTestBox({ flavour: 'power', admin: ADMIN, sshHostKeys: [ed, ec] });
    try {
      const zone = (await call(box.emu, '/dns/zonefile/example.com', { auth: keyAuth(box.emu) })).body;
      const sshfp = zone.split('\n').filter((l) => l.includes('\tSSHFP\t'));
      // sorted keyscan lines: ecdsa-sha2-nistp256 before ssh-ed25519
      expect(sshfp).toEqual([`box\tIN\tSSHFP\t${sshfpOf(ec)}`, `box\tIN\tSSHFP\t${sshfpOf(ed)}`]);
    } finally {
      await box.close();
    }
  });
});

describe('GET /system/backup/config carries the backup SSH key setup makes', () => {
  test.each(['upstream', 'power'] as const)('%s: ssh_pub_key is /root/.ssh/id_rsa_miab.pub', async (flavour) => {
    const box = await startTestBox({ flavour, admin: ADMIN });
    try {
      const pubFile = join(box.root, 'root', '.ssh', 'id_rsa_miab.pub');
      const config = JSON.parse((await call(box.emu, '/system/backup/config', { auth: keyAuth(box.emu) })).body) as {
        ssh_pub_key?: string;
      };
      expect(config.ssh_pub_key).toMatch(/^ssh-rsa AAAA[A-Za-z0-9+/]+=* root@box\.example\.com\n$/);
      expect(config.ssh_pub_key).toBe(readFileSync(pubFile, 'utf8'));
      // RSA 2048, as `ssh-keygen -t rsa -b 2048` makes it; ssh-keygen accepts the encoding.
      const listed = execFileSync('ssh-keygen', ['-l', '-f', pubFile], { encoding: 'utf8' });
      expect(listed).toMatch(/^2048 SHA256:\S+ root@box\.example\.com \(RSA\)\n$/);
      const privateKey = join(box.root, 'root', '.ssh', 'id_rsa_miab');
      const derived = execFileSync('ssh-keygen', ['-y', '-f', privateKey], { encoding: 'utf8' });
      expect(derived.trim().split(' ').slice(0, 2)).toEqual((config.ssh_pub_key ?? '').split(' ').slice(0, 2));

      rmSync(pubFile);
      const without = JSON.parse((await call(box.emu, '/system/backup/config', { auth: keyAuth(box.emu) })).body);
      expect(without).not.toHaveProperty('ssh_pub_key');
    } finally {
      await box.close();
    }
  });
});

describe('the DNS report after the last user of a domain goes', () => {
  test.each(['upstream', 'power'] as const)(
    '%s: "DNS configuration", and the removed zone file stays',
    async (flavour) => {
      const box: TestBox = await startTestBox({
        flavour,
        admin: { email: 'me@box.example.com', password: 'correct horse' },
      });
      try {
        const form = { email: 'a@example.com', password: 'long enough pw' };
        const added = await call(box.emu, '/mail/users/add', { form, auth: keyAuth(box.emu) });
        expect(added.body).toContain('updated DNS: example.com\n');
        const removed = await call(box.emu, '/mail/users/remove', {
          form: { email: 'a@example.com' },
          auth: keyAuth(box.emu),
        });
        expect(removed.status).toBe(200);
        expect(removed.body).toContain('updated DNS: DNS configuration\n');
        expect(existsSync(join(box.root, 'etc', 'nsd', 'zones', 'example.com.txt'))).toBe(true);
        // The zone that comes back unchanged is not rewritten.
        expect((await call(box.emu, '/dns/update', { form: {}, auth: keyAuth(box.emu) })).body).toBe('');
      } finally {
        await box.close();
      }
    },
  );

  test('a zone file changed on disk is compared with what is on disk', async () => {
    const box = await startTestBox({ flavour: 'upstream', admin: ADMIN });
    try {
      const file = join(box.root, 'etc', 'nsd', 'zones', 'example.com.txt');
      writeFileSync(file, readFileSync(file, 'utf8').replace('\tIN\tMX\t', '\tIN\tMX\t5'));
      expect((await call(box.emu, '/dns/update', { form: {}, auth: keyAuth(box.emu) })).body).toBe(
        'updated DNS: example.com\n',
      );
    } finally {
      await box.close();
    }
  });
});

describe('Power', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox({ flavour: 'power', admin: ADMIN });
  });
  afterAll(() => box.close());

  test("the daemon key is setup's: one RSA-4096 key that signs, certifies, encrypts and authenticates, 180 days", async () => {
    const ring = JSON.parse((await call(box.emu, '/system/pgp/', { auth: keyAuth(box.emu) })).body) as {
      daemon: { ids: string[]; master_fpr: string; subkeys: Array<Record<string, unknown>> };
    };
    expect(ring.daemon.ids).toEqual(['System Management Daemon <noreply-daemon@box.example.com>']);
    expect(ring.daemon.subkeys).toEqual([
      {
        algorithm: 'RSA',
        auth: true,
        bits: 4096,
        cert: true,
        encr: true,
        expired: false,
        expires: expect.any(Number),
        expires_date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
        expires_days: expect.any(Number),
        fpr: ring.daemon.master_fpr,
        master: true,
        sign: true,
      },
    ]);
    expect([179, 180]).toContain(ring.daemon.subkeys[0]?.['expires_days']);
  });

  test('GET /system/pgp/wkd lists the automatic aliases too', async () => {
    const wkd = JSON.parse((await call(box.emu, '/system/pgp/wkd', { auth: keyAuth(box.emu) })).body) as {
      wkd: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(wkd.wkd['example.com'] ?? {}).sort()).toEqual([
      'abuse@example.com',
      'admin@example.com',
      'me@example.com',
      'postmaster@example.com',
    ]);
    expect(Object.keys(wkd.wkd['box.example.com'] ?? {}).sort()).toEqual([
      'abuse@box.example.com',
      'admin@box.example.com',
      'administrator@box.example.com',
      'hostmaster@box.example.com',
      'noreply-daemon@box.example.com',
      'postmaster@box.example.com',
    ]);
  });

  test('POST /system/pgp/wkd accepts an automatic alias', async () => {
    const ring = JSON.parse((await call(box.emu, '/system/pgp/', { auth: keyAuth(box.emu) })).body) as {
      daemon: { master_fpr: string };
    };
    // The daemon key has no uid for abuse@, so the address is known (no 401) and the key is refused (500).
    const r = await call(box.emu, '/system/pgp/wkd', {
      form: { 'abuse@example.com': ring.daemon.master_fpr },
      auth: keyAuth(box.emu),
    });
    expect(r.status).toBe(500);
  });
});
