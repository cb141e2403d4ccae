import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSshConfig, readSshConfig } from '../../../src-main/fleet/ssh-config';

describe('ssh config import', () => {
  it('lists concrete hosts with first-match-wins values and defaults from wildcard blocks', () => {
    const hosts = parseSshConfig(
      [
        '# my boxes',
        'Host mail1 mail1-alias',
        '  HostName 203.0.113.5',
        '  User admin',
        '  Port 2222',
        '  IdentityFile ~/.ssh/id_mail',
        'Host mail2',
        '  HostName=box2.example.com',
        '  ProxyJump bastion',
        'Host *.internal !skip.internal',
        '  User ops',
        'Host *',
        '  User fallback',
        '  Port 22',
      ].join('\n'),
      '/home/me',
    );
    expect(hosts).toEqual([
      { alias: 'mail1', host: '203.0.113.5', port: 2222, user: 'admin', identityFile: '/home/me/.ssh/id_mail' },
      { alias: 'mail1-alias', host: '203.0.113.5', port: 2222, user: 'admin', identityFile: '/home/me/.ssh/id_mail' },
      { alias: 'mail2', host: 'box2.example.com', port: 22, user: 'fallback', proxyJump: 'bastion' },
    ]);
  });

  it('ignores Match blocks and ProxyJump none', () => {
    const hosts = parseSshConfig('Host a\n ProxyJump none\nMatch user x\n HostName evil\n');
    expect(hosts).toEqual([{ alias: 'a', host: 'a', port: 22 }]);
  });

  it('reads ~/.ssh/config with Include, and treats a missing file as empty', async () => {
    const home = await mkdtemp(join(tmpdir(), 'bf-home-'));
    expect(await readSshConfig(home)).toEqual([]);
    await mkdir(join(home, '.ssh'));
    await writeFile(join(home, '.ssh', 'config'), 'Include boxes.conf\nHost other\n HostName 192.0.2.1\n');
    await writeFile(join(home, '.ssh', 'boxes.conf'), 'Host inc\n HostName 192.0.2.9\n User root\n');
    expect((await readSshConfig(home)).map((h) => h.alias)).toEqual(['inc', 'other']);
  });
});
