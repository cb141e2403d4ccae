import type { z } from 'zod';
import type { detectionSchema } from '../../src-shared/contract/boxes';
import type { Result } from '../../src-shared/contract/result';
import type { BoxApiClient } from '../box/box-api-client';
import { shellQuote } from '../ssh/key-pairs';
import type { ExecOptions, ExecResult } from '../ssh/types';

export type Detection = z.infer<typeof detectionSchema>;

export interface DetectDeps {
  exec(id: string, command: string, options?: ExecOptions): Promise<Result<ExecResult>>;
}

/** `KEY=VALUE` lines of /etc/mailinabox.conf (§7.1). */
export function parseMailinaboxConf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_0-9]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1] as string] = (m[2] as string).replace(/^'(.*)'$/, '$1');
  }
  return out;
}

/**
 * What is on the other end: is there a Mail-in-a-Box (its settings file), which flavour and version (the API's
 * probe, §6.1), and can this login act as admin (reading the API key needs root or passwordless sudo).
 */
export async function detectBox(id: string, confPath: string, api: BoxApiClient, deps: DetectDeps): Promise<Detection> {
  const conf = await deps.exec(id, `cat ${shellQuote(confPath)}`, { timeoutMs: 15_000, maxOutputBytes: 64 * 1024 });
  const settings = conf.ok && conf.value.code === 0 ? parseMailinaboxConf(conf.value.stdout) : {};
  const hostname = settings['PRIMARY_HOSTNAME'];
  const found = await api.detect({ refresh: true });
  const base: Detection = { miab: hostname !== undefined, admin: false };
  if (hostname) base.hostname = hostname;
  if (found.ok) return { ...base, miab: true, admin: true, flavour: found.value.flavour, version: found.value.version };
  const error = found.error;
  switch (error.code) {
    case 'needs-sudo':
      return { ...base, note: error.message };
    case 'not-a-box':
      return hostname
        ? { ...base, note: error.message }
        : { ...base, miab: false, note: `No Mail-in-a-Box was found: ${confPath} is missing and ${error.message}` };
    default:
      return {
        ...base,
        note: hostname ? error.message : `No Mail-in-a-Box was found (${confPath} is missing). ${error.message}`,
      };
  }
}
