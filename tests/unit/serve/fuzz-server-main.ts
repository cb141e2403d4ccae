/**
 * Browser mode in a process of its own, for the fuzz test: a crash here ends this process, which is exactly what
 * the test must be able to see. Prints one JSON line `{port, token}`; stops when its stdin closes or the test process is gone.
 */
import { whenToStop } from '../../../src-main/cli/exit-with-parent';
import { createCore } from '../../../src-main/compose/core';
import { startBrowserServer } from '../../../src-main/serve/server';

async function main(): Promise<void> {
  const [dataDir, rendererDir] = process.argv.slice(2);
  if (!dataDir || !rendererDir) throw new Error('usage: fuzz-server-main DATA_DIR RENDERER_DIR');
  const core = await createCore({ dataDir, mode: 'browser', log: () => {} });
  const server = await startBrowserServer({ core, rendererDir });
  const token = new URL(server.url).searchParams.get('token');
  process.stdout.write(JSON.stringify({ port: server.port, token }) + '\n');
  await whenToStop({ watchStdin: true, exitAfterMs: 5_000 }).requested;
  await server.close();
  process.exit(0);
}

void main();
