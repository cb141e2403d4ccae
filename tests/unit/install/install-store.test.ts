import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InstallStore, type StoredInstall } from '../../../src-main/install/install-store';

function entry(n: number, state: StoredInstall['record']['state']): StoredInstall {
  return {
    record: {
      installId: `inst-${n.toString(16).padStart(4, '0')}`,
      kind: 'install',
      host: '203.0.113.10',
      port: 22,
      user: 'root',
      name: `box${n}`,
      tags: [],
      flavour: 'upstream',
      version: null,
      hostname: 'box.example.com',
      startedAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
      state,
    },
    login: {
      targetId: `inst-${n.toString(16).padStart(4, '0')}`,
      auth: { kind: 'key', hasPassphrase: false },
      apiPort: 10222,
      paths: { apiKey: '/var/lib/mailinabox/api.key', conf: '/etc/mailinabox.conf', storageRoot: '/home/user-data' },
    },
    publicIp: '203.0.113.10',
    publicIpv6: null,
  };
}

describe('InstallStore', () => {
  it('keeps installs newest first in a 0600 file, drops the oldest ended ones, never a running one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bf-installs-'));
    const store = new InstallStore(dir);
    await store.put(entry(0, 'running'));
    for (let n = 1; n <= 35; n++) await store.put(entry(n, 'failed'));
    const all = await store.all();
    if (!all.ok) throw new Error(all.error.message);
    expect(all.value[0]?.record.name).toBe('box35');
    expect(all.value.filter((e) => e.record.state !== 'running')).toHaveLength(30);
    expect(all.value.some((e) => e.record.state === 'running')).toBe(true);
    expect((await stat(join(dir, 'installs.json'))).mode & 0o777).toBe(0o600);

    await store.change('inst-0000', (e) => ({ ...e, record: { ...e.record, state: 'unknown' } }));
    const again = new InstallStore(dir);
    const found = await again.get('inst-0000');
    expect(found.ok && found.value?.record.state).toBe('unknown');
    await again.remove('inst-0000');
    expect((await readFile(join(dir, 'installs.json'), 'utf8')).includes('inst-0000')).toBe(false);
  });
});
