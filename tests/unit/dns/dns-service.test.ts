/**
 * The DNS service against the box emulator over plain HTTP (no SSH: the delegation reads run through an exec that
 * reads this machine's files, standing in for the box's shell). Covers what the integration tests cannot make a
 * real box do: a write in the wrong encoding, the silent no-op §9.12 warns about, and the outside facts.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ok, type Result } from '../../../src-shared/contract/result';
import type { Box } from '../../../src-shared/domain/box';
import { mapHttpFailure } from '../../../src-main/box/api-errors';
import type { ApiCaller, BoxInfo } from '../../../src-main/box/api-request';
import { dnsRoutes } from '../../../src-main/box/routes/dns';
import { DnsService } from '../../../src-main/dns/dns-service';
import type { ExecResult } from '../../../src-main/ssh/types';
import { addUser } from '../../emulator';
import { call, keyAuth, startTestBox, type TestBox } from '../emulator/emu-client';

/** The box's API over HTTP; `flavour` is what detection reports, right or wrong. */
function caller(box: TestBox, flavour: BoxInfo['flavour']): ApiCaller {
  return {
    detect: async () => ok({ flavour, version: flavour === 'power' ? 'v60.5' : 'v75' }),
    async send(request) {
      const form =
        request.form === undefined
          ? undefined
          : Object.fromEntries(
              (Array.isArray(request.form) ? request.form : Object.entries(request.form)).filter(
                (pair): pair is [string, string] => pair[1] !== undefined,
              ),
            );
      const reply = await call(box.emu, request.path, {
        method: request.method,
        auth: keyAuth(box.emu),
        ...(form ? { form } : {}),
        ...(request.rawBody !== undefined ? { body: request.rawBody } : {}),
      });
      const raw = { status: reply.status, headers: reply.headers, body: reply.body };
      return reply.status >= 200 && reply.status < 300 ? ok(raw) : mapHttpFailure(request.path, raw);
    },
  };
}

const run = promisify(execFile);

function service(box: TestBox, detected: BoxInfo['flavour']): DnsService {
  const api = caller(box, detected);
  const saved: Box = {
    id: 'box-one',
    name: 'one',
    host: '127.0.0.1',
    port: 22,
    user: 'root',
    auth: { kind: 'agent' },
    tags: [],
    apiPort: box.emu.port,
    paths: {
      apiKey: box.emu.keyPath,
      conf: join(box.root, 'etc/mailinabox.conf'),
      storageRoot: box.emu.box.storageDir,
    },
    addedAt: new Date(0).toISOString(),
  };
  return new DnsService({
    api: async () => ok({ detect: () => api.detect(), routes: { dns: dnsRoutes(api) } }),
    box: async () => ok(saved),
    // The box's /etc/nsd is the emulator's root/etc/nsd here, as the test bed's mount namespace makes it.
    exec: async (_id, command): Promise<Result<ExecResult>> => {
      const local = command.replaceAll('/etc/nsd/zones/', join(box.root, 'etc/nsd/zones/'));
      const done = await run('sh', ['-c', local]).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code?: number; stdout?: string; stderr?: string }) => ({
          code: error.code ?? 1,
          stdout: error.stdout ?? '',
          stderr: error.stderr ?? '',
        }),
      );
      return ok({ ...done, signal: null });
    },
  });
}

describe('DnsService', () => {
  let up: TestBox;
  let pw: TestBox;
  const seed: Parameters<typeof startTestBox>[0]['seed'] = (state) => {
    addUser(state, { email: 'alice@example.com', password: 'alice-password-1' });
  };
  beforeAll(async () => {
    up = await startTestBox({ flavour: 'upstream', hostname: 'box.example.com', seed });
    pw = await startTestBox({ flavour: 'power', hostname: 'pw.example.net', seed });
  });
  afterAll(async () => {
    await up.close();
    await pw.close();
  });

  it('reports an A write the box answered OK but did not make (§9.12), instead of claiming it done', async () => {
    // A Power box taken for upstream: the value goes out as a raw body, which Power never reads; without a value
    // (and without X-Forwarded-For over a tunnel) it answers OK and stores nothing.
    const wrong = await service(pw, 'upstream').addRecord('box-one', {
      qname: 'x.example.com',
      rtype: 'A',
      value: '192.0.2.7',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: 'box-api-error',
        message: 'The box answered "OK", but x.example.com A 192.0.2.7 is not among its custom records.',
      },
    });
    const right = await service(pw, 'power').addRecord('box-one', {
      qname: 'x.example.com',
      rtype: 'A',
      value: '192.0.2.7',
    });
    expect(right).toMatchObject({ ok: true, value: { report: expect.stringMatching(/^updated DNS: /) } });
  });

  it('gives the outside check the box hostname, addresses, intended records and delegation', async () => {
    const facts = await service(up, 'upstream').outsideFacts('box-one');
    if (!facts.ok) throw new Error(facts.error.message);
    expect(facts.value).toMatchObject({
      hostname: 'box.example.com',
      ipv4: up.emu.state.publicIp,
      secondaryNameservers: [],
    });
    expect(facts.value.zones.map((z) => z.zone)).toEqual(['example.com']);
    const [zone] = facts.value.delegation;
    expect(zone).toMatchObject({
      zone: 'example.com',
      nameservers: ['ns1.box.example.com', 'ns2.box.example.com'],
      problem: null,
    });
    // Logged in as root: the KSK is read directly.
    expect(zone?.publicKey).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(zone?.ds[0]).toMatchObject({ algorithm: 13, digestType: 2, rank: 0 });
  });
});
