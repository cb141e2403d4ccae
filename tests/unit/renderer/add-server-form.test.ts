import {
  applySshConfigHost,
  checkForm,
  checkNameAndTags,
  EMPTY_FORM,
  hasAdvancedChanges,
  parseJump,
  sameFingerprint,
  suggestName,
} from '../../../src-renderer/stores/add-server-form';
import { sudoersLine } from '../../../src-shared/domain/api-key-access';
import { needsSudoStep } from '../../../src-renderer/stores/add-server-guidance';

describe('the Add a server form', () => {
  it('builds a connect request with the defaults of a real box, and no passphrase when none was typed', () => {
    const checked = checkForm({ ...EMPTY_FORM, host: ' box.example.com ', keyPath: '~/.ssh/id_ed25519' });
    expect(checked).toEqual({
      ok: true,
      request: {
        host: 'box.example.com',
        port: 22,
        user: 'root',
        apiPort: 10222,
        paths: { apiKey: '/var/lib/mailinabox/api.key', conf: '/etc/mailinabox.conf', storageRoot: '/home/user-data' },
        credential: { kind: 'key-file', path: '~/.ssh/id_ed25519' },
      },
    });
    expect(hasAdvancedChanges(EMPTY_FORM)).toBe(false);
    expect(hasAdvancedChanges({ ...EMPTY_FORM, apiPort: '4000' })).toBe(true);
  });

  it('asks for what each login method needs, and for absolute paths under Advanced', () => {
    const errors = (form: Partial<typeof EMPTY_FORM>) => {
      const checked = checkForm({ ...EMPTY_FORM, host: 'h', ...form });
      return checked.ok ? [] : Object.keys(checked.errors).sort();
    };
    expect(errors({ authKind: 'password' })).toEqual(['password']);
    expect(errors({ authKind: 'key-text' })).toEqual(['privateKey']);
    expect(errors({ authKind: 'agent' })).toEqual([]);
    expect(errors({ authKind: 'generated' })).toEqual(['generated']);
    expect(errors({ authKind: 'agent', confPath: 'etc/mailinabox.conf', apiPort: 'x' })).toEqual([
      'apiPort',
      'confPath',
    ]);
    expect(errors({ authKind: 'agent', useJumpHost: true })).toEqual(['jumpHost', 'jumpUser']);
  });

  it('reads ProxyJump and fills the form from an ~/.ssh/config entry', () => {
    expect(parseJump('jump@bastion:2200,other')).toEqual({ user: 'jump', host: 'bastion', port: '2200' });
    expect(parseJump('[2001:db8::1]')).toEqual({ user: '', host: '2001:db8::1', port: '22' });
    expect(parseJump('none')).toBeNull();
    const form = applySshConfigHost(
      { ...EMPTY_FORM, password: 'kept' },
      { alias: 'a', host: 'box.example', port: 2222, user: 'admin', proxyJump: 'bastion' },
    );
    expect(form).toMatchObject({
      host: 'box.example',
      port: '2222',
      user: 'admin',
      useJumpHost: true,
      jumpHost: 'bastion',
      jumpUser: 'admin',
      password: 'kept',
    });
  });

  it('suggests a valid name and checks names and tags as main does', () => {
    expect(suggestName(undefined, 'box1.example.com')).toBe('box1.example.com');
    expect(suggestName('  -my box!')).toBe('my-box');
    expect(suggestName('', '---')).toBe('');
    expect(checkNameAndTags('mail-eu', ' eu, prod ,, eu')).toEqual({ ok: true, name: 'mail-eu', tags: ['eu', 'prod'] });
    expect(checkNameAndTags('', 'x'.repeat(41))).toEqual({
      ok: false,
      errors: { name: 'Give the box a name.', tags: 'Each tag is at most 40 characters.' },
    });
  });

  it('compares a typed fingerprint with or without its SHA256: prefix', () => {
    expect(sameFingerprint(' abc ', 'SHA256:abc')).toBe(true);
    expect(sameFingerprint('SHA256:abd', 'SHA256:abc')).toBe(false);
    expect(sameFingerprint('', 'SHA256:')).toBe(false);
  });

  it('gives the exact sudoers line that lets a non-root user read the API key', () => {
    expect(sudoersLine('bfadmin', '/var/lib/mailinabox/api.key')).toBe(
      'bfadmin ALL=(root) NOPASSWD: /usr/bin/cat /var/lib/mailinabox/api.key',
    );
    expect(needsSudoStep({ user: 'ops', apiKeyPath: '/k' })).toContain('ops ALL=(root) NOPASSWD: /usr/bin/cat /k');
  });
});
