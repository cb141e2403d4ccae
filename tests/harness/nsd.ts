/**
 * Real nsd instances on loopback for the DNS outside check: each instance listens on its own addresses
 * (127.0.0.x, and ::1 for at most one of them) and all share one port, so a parent zone, a box and a "resolver" can
 * answer on the same port the check is told to use. Each instance runs in the foreground (-d) from its own temp dir
 * (config, zone files, pid, xfrd state) and is stopped by pid; only instances started here are stopped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './free-port';
import { startProcess, stopProcess, type TrackedProcess } from './processes';
import { makeTempDir } from './temp';

const NSD = '/usr/sbin/nsd';

export interface NsdZone {
  /** The zone's name without the final dot (`example.test`, `0.0.127.in-addr.arpa`). */
  name: string;
  /** The zone file's text ($ORIGIN and SOA included). */
  text: string;
}

export interface NsdSpec {
  /** For error messages and lookups in the bed (`parent`, `box`, `resolver`). */
  label: string;
  addresses: string[];
  zones: NsdZone[];
}

export interface NsdInstance {
  label: string;
  addresses: string[];
  port: number;
  dir: string;
  /** Rewrites the zone files and restarts nsd on the same addresses and port. */
  replaceZones(zones: NsdZone[]): Promise<void>;
  stop(): Promise<void>;
}

export interface NsdBed {
  port: number;
  servers: Map<string, NsdInstance>;
  server(label: string): NsdInstance;
  stop(): Promise<void>;
}

function configText(dir: string, addresses: string[], port: number, zones: NsdZone[]): string {
  return [
    'server:',
    ...addresses.map((a) => `  ip-address: ${a}@${port}`),
    '  username: ""',
    '  chroot: ""',
    '  database: ""',
    `  zonesdir: "${dir}"`,
    `  zonelistfile: "${path.join(dir, 'zone.list')}"`,
    `  pidfile: "${path.join(dir, 'nsd.pid')}"`,
    `  xfrdfile: "${path.join(dir, 'xfrd.state')}"`,
    `  xfrdir: "${dir}"`,
    '  server-count: 1',
    '  reuseport: no',
    '  verbosity: 1',
    'remote-control:',
    '  control-enable: no',
    ...zones.flatMap((z) => ['zone:', `  name: "${z.name}"`, `  zonefile: "${z.name}.zone"`]),
    '',
  ].join('\n');
}

async function launch(dir: string, spec: NsdSpec, port: number, zones: NsdZone[]): Promise<TrackedProcess> {
  const configPath = path.join(dir, 'nsd.conf');
  for (const z of zones) await fs.promises.writeFile(path.join(dir, `${z.name}.zone`), z.text);
  await fs.promises.writeFile(configPath, configText(dir, spec.addresses, port, zones));
  const proc = await startProcess(`nsd-${spec.label}`, NSD, ['-d', '-c', configPath]);
  try {
    await proc.waitForOutput(/nsd started/, 10_000);
  } catch (error) {
    if (proc.running()) await stopProcess(proc);
    throw error;
  }
  // A zone nsd could not read is left out silently apart from its log line: a fixture error must fail loudly.
  const refused = /\berror: .*$/m.exec(proc.output());
  if (refused) {
    await stopProcess(proc);
    throw new Error(`nsd-${spec.label} refused a zone: ${refused[0]}\n${proc.output()}`);
  }
  return proc;
}

/** Starts one nsd on `port` (which must be free on all its addresses); rejects with nsd's output when it cannot. */
export async function startNsd(spec: NsdSpec, port: number): Promise<NsdInstance> {
  const dir = await makeTempDir(`nsd-${spec.label}`, 0o700);
  let proc = await launch(dir, spec, port, spec.zones);
  return {
    label: spec.label,
    addresses: spec.addresses,
    port,
    dir,
    async replaceZones(zones) {
      await stopProcess(proc);
      proc = await launch(dir, spec, port, zones);
    },
    async stop() {
      if (proc.running()) await stopProcess(proc);
      await fs.promises.rm(dir, { recursive: true, force: true });
    },
  };
}

const BIND_FAILURE = /can't bind|address already in use|could not open/i;

/**
 * Starts every instance on one port that was free a moment ago; when another process takes it first (nsd cannot
 * bind), everything started is stopped and the bed tries again on another port.
 */
export async function startNsdBed(specs: NsdSpec[], attempts = 5): Promise<NsdBed> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = await freePort('127.0.0.1');
    const servers = new Map<string, NsdInstance>();
    try {
      for (const spec of specs) servers.set(spec.label, await startNsd(spec, port));
    } catch (error) {
      for (const server of servers.values()) await server.stop();
      lastError = error;
      if (error instanceof Error && BIND_FAILURE.test(error.message)) continue;
      throw error;
    }
    return {
      port,
      servers,
      server(label) {
        const found = servers.get(label);
        if (!found) throw new Error(`no nsd labelled ${label} in this bed`);
        return found;
      },
      async stop() {
        for (const server of servers.values()) await server.stop();
      },
    };
  }
  throw lastError instanceof Error ? lastError : new Error('could not start the nsd bed');
}
