import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { JsonFile } from '../../../src-main/store/json-file';
import type { StoreProblem } from '../../../src-shared/contract/app';

const schema = z.object({ names: z.array(z.string()) });

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'bf-store-'));
  const problems: StoreProblem[] = [];
  const file = new JsonFile(join(dir, 'things.json'), {
    version: 2,
    schema,
    empty: () => ({ names: [] }),
    onProblem: (p) => problems.push(p),
  });
  return { dir, file, problems };
}

describe('JsonFile', () => {
  it('reads an absent file as empty and writes versioned JSON with mode 0600', async () => {
    const { dir, file } = await setup();
    expect(await file.read()).toEqual({ ok: true, value: { names: [] } });
    expect((await file.write({ names: ['a'] })).ok).toBe(true);
    const text = await readFile(join(dir, 'things.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({ version: 2, data: { names: ['a'] } });
    expect((await stat(join(dir, 'things.json'))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('reads back what another instance wrote', async () => {
    const { dir, file } = await setup();
    await file.update((d) => ({ names: [...d.names, 'x'] }));
    const again = new JsonFile(join(dir, 'things.json'), { version: 2, schema, empty: () => ({ names: [] }) });
    expect(await again.read()).toEqual({ ok: true, value: { names: ['x'] } });
  });

  it.each([
    ['broken JSON', '{"version": 2, "data": {'],
    ['a schema violation', '{"version": 2, "data": {"names": [1]}}'],
    ['a newer format', '{"version": 9, "data": {"names": []}}'],
    ['a foreign file', '[1,2,3]'],
  ])('moves a file with %s aside, reports it and never overwrites it', async (_what, content) => {
    const { dir, file, problems } = await setup();
    await writeFile(join(dir, 'things.json'), content);
    const result = await file.read();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('store-corrupt');
    expect(problems).toHaveLength(1);
    const moved = problems[0]?.movedTo as string;
    expect(await readFile(moved, 'utf8')).toBe(content);
    expect((await readdir(dir)).includes('things.json')).toBe(false);
    expect(await file.readOrEmpty()).toEqual({ ok: true, value: { names: [] } });
  });

  it('refuses to write data that does not match the schema', async () => {
    const { file } = await setup();
    const bad = { names: [3] } as unknown as { names: string[] };
    const result = await file.write(bad);
    expect(result.ok).toBe(false);
  });
});
