import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { contract, listMethods } from '../../../src-shared/contract';
import {
  deepJson,
  int,
  KNOWN_BAD_TARGETS,
  randomBadFrames,
  randomHeaders,
  randomJson,
  randomTarget,
  seededRandom,
  textFrame,
  type Random,
} from './fuzz-inputs';
import { closedOrRefused, exchange, hasResponseHead, statusOf, upgradeRequest } from './raw-client';

/**
 * Browser mode must survive anything a web page or a local process can send: malformed request targets and
 * headers, broken WebSocket frames, and garbage for every contract method. The server runs in a process of its
 * own so that a crash is a crash; after every input the pass condition is that it answers the next good request.
 * Set BOXFLEET_FUZZ_SEED to replay a failing run.
 */
const SEED = Number(process.env['BOXFLEET_FUZZ_SEED'] ?? 20261129);
const MAX_PAYLOAD = 16 * 1024 * 1024;
const ENTRY = join(__dirname, 'fuzz-server-main.ts');

let child: ChildProcessWithoutNullStreams;
let port: number;
let token: string;
let session: string;
let dir: string;
let stderr = '';

async function startServer(): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'bf-fuzz-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Boxfleet</title>');
  child = spawn(process.execPath, ['--import', 'tsx', ENTRY, join(dir, 'data'), rendererDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0] as string);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${stderr}`)));
  });
  ({ port, token } = JSON.parse(line) as { port: number; token: string });
}

/** The pass condition: the process is alive and serves the app to a plain good request. */
async function expectAlive(what: string): Promise<void> {
  const answer = await exchange(
    port,
    [Buffer.from(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)],
    { done: hasResponseHead, idleMs: 5_000 },
  ).catch((error: unknown) => Buffer.from(String(error)));
  if (statusOf(answer) !== 200 || child.exitCode !== null) {
    throw new Error(
      `browser mode stopped answering after ${what} (seed ${SEED}).\nanswer: ${answer.toString('latin1').slice(0, 200)}\nstderr:\n${stderr}`,
    );
  }
}

function openSocket(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { origin: `http://127.0.0.1:${port}` });
  ws.on('error', () => {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('close', (code) => reject(new Error(`socket closed (${code}) before it opened`)));
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
    ws.once('close', (code, reason) => reject(new Error(`socket closed: ${code} ${reason.toString()}`)));
  });
}

/**
 * The next answer to a call, passing over pushed events: garbage that happens to be a valid request (`{}` for
 * `fleet.refresh`) starts real work, whose progress events may arrive before the next answer.
 */
function nextReply(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if ('event' in message) return;
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
    ws.once('close', (code, reason) => reject(new Error(`socket closed: ${code} ${reason.toString()}`)));
  });
}

/** A socket that presented the session secret and was welcomed. */
async function helloSocket(): Promise<WebSocket> {
  const ws = await openSocket();
  const welcome = nextMessage(ws);
  ws.send(JSON.stringify({ hello: { session } }));
  expect(await welcome).toMatchObject({ welcome: {} });
  return ws;
}

beforeAll(async () => {
  await startServer();
  const ws = await openSocket();
  const welcome = nextMessage(ws);
  ws.send(JSON.stringify({ hello: { token } }));
  session = ((await welcome)['welcome'] as { session: string }).session;
  ws.close();
}, 30_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
});

function requestWith(rand: Random, target: string, upgrade: boolean): Buffer {
  const lines = [`${rand() < 0.9 ? 'GET' : 'HEAD'} ${target} HTTP/1.1`, ...randomHeaders(rand, port)];
  if (upgrade) lines.push('Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13');
  if (upgrade) lines.push('Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', `Origin: http://127.0.0.1:${port}`);
  return Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
}

describe('browser mode under malformed input', () => {
  it('answers 400 to request targets URL parsing rejects, on plain requests and on the WebSocket upgrade', async () => {
    for (const target of ['//[x', '//0x100000000']) {
      for (const upgrade of [false, true]) {
        const head = requestWith(seededRandom(1), target, upgrade).toString('latin1').split('\r\n')[0];
        const raw = Buffer.from(
          `${head}\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
            (upgrade
              ? 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'
              : '') +
            '\r\n',
          'latin1',
        );
        expect(statusOf(await exchange(port, [raw], { done: hasResponseHead, idleMs: 5_000 }))).toBe(400);
        await expectAlive(`GET ${target}${upgrade ? ' (upgrade)' : ''}`);
      }
    }
  });

  it('survives thousands of malformed request targets and header blocks', async () => {
    const rand = seededRandom(SEED);
    const targets = [...KNOWN_BAD_TARGETS, ...Array.from({ length: 1500 }, () => randomTarget(rand))];
    for (const [i, target] of targets.entries()) {
      const upgrade = i % 2 === 1;
      await exchange(port, [requestWith(rand, target, upgrade)], { done: hasResponseHead });
      await expectAlive(`case ${i}: ${JSON.stringify(target.slice(0, 80))}${upgrade ? ' (upgrade)' : ''}`);
    }
  }, 60_000);

  it('survives malformed WebSocket frames, before and after the hello', async () => {
    const rand = seededRandom(SEED + 1);
    for (let i = 0; i < 1500; i++) {
      const frames = randomBadFrames(rand, MAX_PAYLOAD);
      const prefix = i % 2 === 0 ? [textFrame(JSON.stringify({ hello: { session } }))] : [];
      await exchange(port, [upgradeRequest(port), ...prefix, ...frames], { done: closedOrRefused });
      await expectAlive(`frame case ${i}`);
    }
  }, 60_000);

  it('survives garbage messages on the socket', async () => {
    const rand = seededRandom(SEED + 2);
    const messages = [
      '',
      'not json',
      deepJson(100_000),
      JSON.stringify({ id: 1 }),
      JSON.stringify({ hello: null }),
      JSON.stringify({ hello: { token: 'x'.repeat(100_000) } }),
      ...Array.from({ length: 300 }, () => JSON.stringify(randomJson(rand))),
    ];
    for (const [i, message] of messages.entries()) {
      const prefix = i % 2 === 0 ? [textFrame(JSON.stringify({ hello: { session } }))] : [];
      await exchange(port, [upgradeRequest(port), ...prefix, textFrame(message)], { done: closedOrRefused });
      await expectAlive(`message case ${i}`);
    }
  }, 60_000);

  it('answers garbage for every contract method with a validation result, and keeps serving', async () => {
    const rand = seededRandom(SEED + 3);
    const methods = listMethods(contract).map(([name]) => name);
    expect(methods.length).toBeGreaterThan(5);
    let ws = await helloSocket();
    let id = 0;
    for (const method of [...methods, 'constructor', '__proto__', 'boxes', 'boxes.', 'app.info.x', '']) {
      for (let i = 0; i < 40; i++) {
        const request = i === 0 ? null : i === 1 ? JSON.parse(deepJson(2_000)) : randomJson(rand);
        const callId = i === 2 ? Number.MAX_SAFE_INTEGER - int(rand, 10) : ++id;
        const answer = nextReply(ws);
        ws.send(JSON.stringify({ id: callId, method, request }));
        const reply = await answer.catch(async (error: unknown) => {
          ws = await helloSocket();
          throw error;
        });
        expect(reply).toMatchObject({ id: callId, result: { ok: expect.any(Boolean) } });
      }
      await expectAlive(`garbage for ${method}`);
      const good = nextReply(ws);
      ws.send(JSON.stringify({ id: ++id, method: 'boxes.list', request: {} }));
      expect(await good).toEqual({ id, result: { ok: true, value: [] } });
    }
    ws.close();
  }, 60_000);
});
