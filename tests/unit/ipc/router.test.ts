import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../src-main/compose/core';
import { createClient, type Transport } from '../../../src-shared/contract/client';
import { contract, listMethods } from '../../../src-shared/contract';

async function core() {
  return createCore({ dataDir: await mkdtemp(join(tmpdir(), 'bf-core-')), mode: 'cli', log: () => {} });
}

describe('router', () => {
  it('routes every contract method and nothing else', async () => {
    const { router } = await core();
    expect([...router.methods].sort()).toEqual(
      listMethods(contract)
        .map(([n]) => n)
        .sort(),
    );
    expect(router.methods).toContain('boxes.list');
    const unknown = await router.call('boxes.nope', {}, { face: 'cli' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-supported' } });
  });

  it('rejects requests that do not match the schema with a validation error', async () => {
    const { router } = await core();
    const result = await router.call('boxes.list', { surprise: 1 }, { face: 'cli' });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', retryable: false } });
  });

  it('answers app.info with the mode and no problems on a fresh data dir', async () => {
    const { router } = await core();
    const result = await router.call('app.info', {}, { face: 'cli' });
    expect(result).toMatchObject({ ok: true, value: { name: 'Boxfleet', mode: 'cli', problems: [] } });
  });
});

describe('contract client', () => {
  it('builds the domain-shaped api over a transport and checks answers', async () => {
    const { router } = await core();
    const transport: Transport = {
      invoke: (method, request) => router.call(method, request, { face: 'browser' }),
      subscribe: () => () => {},
    };
    const { api } = createClient(transport);
    expect(await api.boxes.list()).toEqual({ ok: true, value: [] });
    const info = await api.app.info();
    expect(info.ok && info.value.mode).toBe('cli');
  });

  it('turns a malformed answer into an internal error instead of passing it on', async () => {
    const transport: Transport = { invoke: async () => ({ ok: true, value: 'not a list' }), subscribe: () => () => {} };
    const result = await createClient(transport).api.boxes.list();
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('turns a transport failure into a retryable error', async () => {
    const transport: Transport = {
      invoke: async () => {
        throw new Error('socket closed');
      },
      subscribe: () => () => {},
    };
    const result = await createClient(transport).api.boxes.list();
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', retryable: true } });
  });
});
