/**
 * Test helpers: start an emulated box in a temp dir and talk to it over real HTTP with exact control of headers
 * (fetch would add its own Accept header).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/server';
import type { EmulatorHandle, EmulatorOptions } from '../../emulator/server';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Sent form-encoded. */
  form?: Record<string, string>;
  body?: string;
  /** `[user, password]` for HTTP Basic. */
  auth?: [string, string];
}

export function basic(user: string, password: string): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
}

export function call(emu: EmulatorHandle, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  let body = options.body;
  if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  if (options.auth) headers['Authorization'] = basic(...options.auth);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: emu.host,
        port: emu.port,
        path,
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Basic credentials of the system API key. */
export function keyAuth(emu: EmulatorHandle): [string, string] {
  return [emu.apiKey(), ''];
}

export interface TestBox {
  emu: EmulatorHandle;
  root: string;
  close(): Promise<void>;
}

export async function startTestBox(
  options: Partial<EmulatorOptions> & Pick<EmulatorOptions, 'flavour'>,
): Promise<TestBox> {
  const root = mkdtempSync(join(tmpdir(), 'boxfleet-emu-'));
  const emu = await startEmulator({ root, ...options });
  return {
    emu,
    root,
    close: async () => {
      await emu.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export const ADMIN = { email: 'me@example.com', password: 'correct horse' };
