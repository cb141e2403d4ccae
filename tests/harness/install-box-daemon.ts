/**
 * The "management daemon" the fake setup (install-setup-script.ts) starts inside an install test machine: the box
 * emulator with `/` as its root (the machine's /etc, /var, /home, /root and /usr/local are its own overlays), on
 * 127.0.0.1:10222 as on a real box, plus HTTPS on port 443 with the certificate setup's fingerprint is taken from.
 *
 * Everything comes from the environment the fake setup passes (never the command line, which `ps` shows):
 * BF_FLAVOUR, TAG, PRIMARY_HOSTNAME, PUBLIC_IP, PUBLIC_IPV6, EMAIL_ADDR, EMAIL_PW. SIGHUP is a re-run's daemon
 * restart (new API key, same data, the version from /run/boxfleet-fake-daemon.tag); SIGTERM stops it.
 */
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { createState, startEmulator } from '../emulator/index';
import { ensureTlsSetup } from '../emulator/tls';

const PID_FILE = '/run/boxfleet-fake-daemon.pid';
const TAG_FILE = '/run/boxfleet-fake-daemon.tag';

async function main(): Promise<void> {
  const env = process.env;
  const flavour = env['BF_FLAVOUR'] === 'power' ? 'power' : 'upstream';
  const hostname = env['PRIMARY_HOSTNAME'] ?? 'box.example.com';
  const email = env['EMAIL_ADDR'];
  const password = env['EMAIL_PW'];
  // Not inherited by anything this process might start, and gone from /proc/<pid>/environ's live copy.
  delete process.env['EMAIL_PW'];
  const state = createState({
    flavour,
    hostname,
    ...(env['TAG'] ? { version: env['TAG'] } : {}),
    publicIp: env['PUBLIC_IP'] ?? '203.0.113.10',
    publicIpv6: env['PUBLIC_IPV6'] ?? '',
  });
  const emu = await startEmulator({
    flavour,
    root: '/',
    host: '127.0.0.1',
    port: 10222,
    hostname,
    state,
    ...(email && password ? { admin: { email, password } } : {}),
  });
  fs.chmodSync(emu.keyPath, 0o640);
  ensureTlsSetup(emu.box);
  const ssl = path.join(emu.box.storageDir, 'ssl');
  const web = https.createServer(
    {
      cert: fs.readFileSync(path.join(ssl, 'ssl_certificate.pem')),
      key: fs.readFileSync(path.join(ssl, 'ssl_private_key.pem')),
    },
    (_req, res) => res.end('Mail-in-a-Box\n'),
  );
  await new Promise<void>((resolve) => web.listen(443, '0.0.0.0', resolve));
  fs.writeFileSync(PID_FILE, String(process.pid));
  console.log(`daemon ready (${flavour} ${state.version}) on 127.0.0.1:10222 and :443`);

  process.on('SIGHUP', () => {
    const tag = fs.existsSync(TAG_FILE) ? fs.readFileSync(TAG_FILE, 'utf8').trim() : '';
    if (tag !== '') emu.state.version = tag;
    void emu.restart().then(() => {
      fs.chmodSync(emu.keyPath, 0o640);
      console.log(`daemon restarted (${emu.state.version})`);
    });
  });
  process.on('SIGTERM', () => {
    web.close();
    void emu.stop().then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
