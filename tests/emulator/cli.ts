/**
 * `npm run box:emulator -- --port P --flavour upstream|power --root DIR [--hostname H] [--admin EMAIL:PASSWORD]`:
 * serve an emulated box on 127.0.0.1 until SIGINT/SIGTERM/SIGHUP, or until the process that started it (npm, the
 * shell between) is gone.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeStop, whenToStop } from '../../src-main/cli/exit-with-parent';
import { startEmulator } from './server';

async function main(): Promise<void> {
  const stop = whenToStop({ exitAfterMs: 10_000 });
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      flavour: { type: 'string', default: 'upstream' },
      root: { type: 'string' },
      hostname: { type: 'string', default: 'box.example.com' },
      admin: { type: 'string' },
    },
  });
  const flavour = values.flavour;
  if (flavour !== 'upstream' && flavour !== 'power') throw new Error('--flavour must be upstream or power');
  if (!values.root) throw new Error('--root DIR is required');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number');
  const root = resolve(values.root);
  mkdirSync(root, { recursive: true });
  let admin: { email: string; password: string } | undefined;
  if (values.admin) {
    const colon = values.admin.indexOf(':');
    if (colon < 0) throw new Error('--admin must be EMAIL:PASSWORD');
    admin = { email: values.admin.slice(0, colon), password: values.admin.slice(colon + 1) };
  }
  const emu = await startEmulator({ flavour, root, port, hostname: values.hostname, ...(admin ? { admin } : {}) });
  console.log(`box emulator (${flavour}) listening on ${emu.url}, API key in ${emu.keyPath}`);
  const reason = await stop.requested;
  console.log(`box emulator stopping: ${describeStop(reason)}`);
  await emu.stop();
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
