import { apiKeyPathProblem, sudoersLine } from '../../../src-shared/domain/api-key-access';
import { apiKeyCommand, readApiKey } from '../../../src-main/box/api-key';

describe('the command that reads the API key and the sudoers line recommended for it', () => {
  const path = '/var/lib/mailinabox/api.key';

  it('runs sudo with exactly the command and argument the recommended rule names', () => {
    expect(sudoersLine('ops', path)).toBe('ops ALL=(root) NOPASSWD: /usr/bin/cat /var/lib/mailinabox/api.key');
    const command = apiKeyCommand('ops', path);
    expect(command).toEqual({
      ok: true,
      value: `if [ -r '${path}' ]; then cat '${path}'; else sudo -n /usr/bin/cat '${path}'; fi`,
    });
    // What sudo compares with the rule: the words after `sudo -n`, quotes removed by the shell.
    const sudoArgv = command.ok ? command.value.split('sudo -n ')[1]?.split(';')[0]?.replace(/'/g, '') : '';
    expect(`NOPASSWD: ${sudoArgv}`).toBe(sudoersLine('ops', path).split(' ALL=(root) ')[1]);
  });

  it('lets root read the key with plain cat', () => {
    expect(apiKeyCommand('root', path)).toEqual({ ok: true, value: `cat '${path}'` });
  });

  it.each([
    ['relative', 'var/lib/api.key'],
    ['a space', '/var/lib/mail in a box/api.key'],
    ['a newline', '/var/lib/api.key\n/etc/shadow'],
    ['a quote', "/var/lib/it's/api.key"],
    ['a command substitution', '/var/lib/$(id)/api.key'],
    ['a semicolon', '/var/lib/api.key;id'],
    ['a sudoers wildcard', '/var/lib/*/api.key'],
    ['a sudoers separator', '/var/lib/a,b:c=d/api.key'],
    ['a parent reference', '/var/lib/../../etc/shadow'],
  ])('refuses a path with %s before contacting the box', async (_what, bad) => {
    expect(apiKeyPathProblem(bad)).toEqual(expect.any(String));
    let contacted = false;
    const result = await readApiKey(
      {
        exec: async () => {
          contacted = true;
          return { ok: true, value: { code: 0, signal: null, stdout: '0123456789abcdef0123456789abcdef', stderr: '' } };
        },
      },
      'box',
      { user: 'ops', path: bad },
    );
    expect(result.ok ? null : result.error.code).toBe('validation');
    expect(contacted).toBe(false);
  });

  it('accepts the paths real boxes and the emulator use', () => {
    expect(apiKeyPathProblem(path)).toBeUndefined();
    expect(
      apiKeyPathProblem('/tmp/boxfleet-run-Ab12/boxfleet-test-42-x_Y/box1-root-3/var/lib/api.key'),
    ).toBeUndefined();
  });
});
