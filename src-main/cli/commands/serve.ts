import { join } from 'node:path';
import type { Command } from '../command';
import { EXIT, UsageError } from '../command';
import { describeStop, whenToStop } from '../exit-with-parent';
import { isAllowedBindHost } from '../../serve/guard';
import { startBrowserServer } from '../../serve/server';

/** build/main/src-main/cli/commands → build/renderer */
const RENDERER_DIR = join(__dirname, '..', '..', '..', '..', 'renderer');

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port takes a number from 0 to 65535, not "${value}".`);
  return port;
}

export const serveCommand: Command = {
  path: ['serve'],
  usage: 'boxfleet serve [--port P] [--host 127.0.0.1]',
  summary: 'Serve the app to a browser on this machine (loopback only)',
  options: { port: { type: 'string' }, host: { type: 'string' } },
  optionHelp: {
    port: 'the port to listen on (default: a free one)',
    host: 'the address to listen on: 127.0.0.1 only (anything else is refused)',
  },
  positionals: [],
  json: false,
  face: 'browser',
  async run({ values, core, io }) {
    const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
    if (!isAllowedBindHost(host)) {
      throw new UsageError(
        `Browser mode only listens on 127.0.0.1 (it gives full control of your fleet); "${host}" is refused.`,
      );
    }
    const port = parsePort(typeof values.port === 'string' ? values.port : undefined);
    // Watch from the start: a parent that is stopped while the core opens must still stop this process.
    const stop = whenToStop({ exitAfterMs: 10_000 });
    let opened;
    try {
      opened = await core();
    } catch (error) {
      stop.dispose();
      throw error;
    }
    let server;
    try {
      server = await startBrowserServer({ core: opened, rendererDir: RENDERER_DIR, host, port });
    } catch (error) {
      stop.dispose();
      io.err(`boxfleet: could not listen on ${host}:${port}: ${(error as Error).message}\n`);
      return EXIT.failed;
    }
    io.out(`Boxfleet is serving on ${server.url}\n`);
    io.err('Open the link above in a browser on this machine; it works once. Press Ctrl+C to stop.\n');
    const reason = await stop.requested;
    io.err(`Boxfleet stopped serving: ${describeStop(reason)}.\n`);
    await server.close();
    await opened.close();
    return EXIT.ok;
  },
};
