import { createClient } from '../../../src-shared/contract/client';
import { ok } from '../../../src-shared/contract/result';
import {
  createWebSocketTransport,
  defaultBackoff,
  type ConnectionState,
  type ConnectionTransport,
} from '../../../src-renderer/transport/websocket-transport';
import { connectNodeSocket, TestServer } from './ws-test-server';

const INFO = { name: 'Boxfleet', version: '0.1.0', mode: 'browser', platform: 'linux', problems: [] };

function waitForState(transport: ConnectionTransport, wanted: ConnectionState): Promise<void> {
  if (transport.state === wanted) return Promise.resolve();
  return new Promise((resolve) => {
    const off = transport.onStateChange((state) => {
      if (state !== wanted) return;
      off();
      resolve();
    });
  });
}

describe('WebSocket transport', () => {
  let server: TestServer;
  let transport: ConnectionTransport;

  beforeEach(async () => {
    server = await TestServer.start();
    transport = createWebSocketTransport({ url: server.url, connect: connectNodeSocket, backoff: () => 20 });
  });

  afterEach(async () => {
    transport.close();
    await server.stop();
  });

  it('sends calls made before the socket opened once it opens, as {id, method, request}', async () => {
    expect(transport.state).toBe('connecting');
    const answer = transport.invoke('app.info', {});
    const call = await server.nextCall();
    expect(call.message).toEqual({ id: expect.any(Number), method: 'app.info', request: {} });
    server.answer(call, ok(INFO));
    await expect(answer).resolves.toEqual(ok(INFO));
    expect(transport.state).toBe('open');
  });

  it('matches answers to calls by id, whatever order they arrive in', async () => {
    const first = transport.invoke('boxes.list', {});
    const second = transport.invoke('app.info', {});
    const a = await server.nextCall();
    const b = await server.nextCall();
    expect(a.message.id).not.toBe(b.message.id);
    server.answer(b, 'second');
    server.answer(a, 'first');
    await expect(first).resolves.toBe('first');
    await expect(second).resolves.toBe('second');
  });

  it('ignores malformed messages and answers to unknown ids, and keeps working', async () => {
    const answer = transport.invoke('boxes.list', {});
    const call = await server.nextCall();
    const socket = call.socket;
    socket.send('not json at all');
    socket.send(JSON.stringify({ hello: 'world' }));
    socket.send(JSON.stringify({ id: 'one', result: 1 }));
    socket.send(JSON.stringify({ id: call.message.id + 1000, result: 'stray' }));
    server.answer(call, 'mine');
    await expect(answer).resolves.toBe('mine');
  });

  it('fans pushed events out to the subscribers of that event only, until they unsubscribe', async () => {
    const changed: unknown[] = [];
    const progress: unknown[] = [];
    const off = transport.subscribe('boxes.changed', (payload) => changed.push(payload));
    transport.subscribe('jobs.progress', (payload) => progress.push(payload));
    await waitForState(transport, 'open');

    server.broadcast({ event: 'boxes.changed', payload: { reason: 'added' } });
    // A call round trip orders the test after the event on the same socket.
    const roundTrip = transport.invoke('app.info', {});
    server.answer(await server.nextCall(), null);
    await roundTrip;
    expect(changed).toEqual([{ reason: 'added' }]);
    expect(progress).toEqual([]);

    off();
    server.broadcast({ event: 'boxes.changed', payload: { reason: 'removed' } });
    const again = transport.invoke('app.info', {});
    server.answer(await server.nextCall(), null);
    await again;
    expect(changed).toEqual([{ reason: 'added' }]);
  });

  it('fails waiting calls with a clear error when the connection drops, then reconnects by itself', async () => {
    const states: ConnectionState[] = [];
    transport.onStateChange((state) => states.push(state));
    const waiting = transport.invoke('boxes.list', {});
    await server.nextCall();
    server.dropAll();
    await expect(waiting).rejects.toThrow(
      'The connection to the Boxfleet core was lost before boxes.list was answered. It is reconnecting; try again in a moment.',
    );

    await waitForState(transport, 'open');
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    const after = transport.invoke('app.info', {});
    server.answer(await server.nextCall(), 'back');
    await expect(after).resolves.toBe('back');
  });

  it('turns a dropped call into a retryable contract error through createClient', async () => {
    const client = createClient(transport);
    const pending = client.api.boxes.list();
    await server.nextCall();
    server.dropAll();
    const result = await pending;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    expect(result.error.retryable).toBe(true);
    expect(result.error.message).toContain('was lost before boxes.list was answered');
  });

  it('stops reconnecting and fails what is waiting once closed', async () => {
    const waiting = transport.invoke('boxes.list', {});
    await server.nextCall();
    transport.close();
    await expect(waiting).rejects.toThrow('closed before boxes.list was answered');
    expect(transport.state).toBe('closed');
    await expect(transport.invoke('app.info', {})).rejects.toThrow('was closed');
  });
});

describe('WebSocket transport without a core to reach', () => {
  it('fails calls when it cannot connect and keeps retrying with growing backoff', async () => {
    const gone = await TestServer.start();
    const url = gone.url;
    await gone.stop();
    const attempts: number[] = [];
    let retried: () => void = () => {};
    const thirdRetry = new Promise<void>((resolve) => (retried = resolve));
    const transport = createWebSocketTransport({
      url,
      connect: connectNodeSocket,
      backoff: (attempt) => {
        attempts.push(attempt);
        if (attempt === 3) retried();
        return 5;
      },
    });
    try {
      await expect(transport.invoke('app.info', {})).rejects.toThrow(
        'Could not connect to the Boxfleet core to run app.info. Check that Boxfleet is still running, then try again.',
      );
      await thirdRetry;
      expect(attempts.slice(0, 3)).toEqual([1, 2, 3]);
      expect(transport.state).toBe('reconnecting');
    } finally {
      transport.close();
    }
  });

  it('backs off from 250 ms, doubling, to at most 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(defaultBackoff)).toEqual([250, 500, 1000, 2000, 4000, 8000, 10000, 10000]);
  });
});
