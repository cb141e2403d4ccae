import {
  compareFingerprint,
  findDuplicate,
  keyPathProblem,
  normaliseFingerprint,
  privateKeyProblem,
} from '../../../src-renderer/stores/add-server-checks';
import { checkForm, EMPTY_FORM, sameFingerprint } from '../../../src-renderer/stores/add-server-form';
import type { Box } from '../../../src-shared/domain/box';

const SHOWN = 'SHA256:Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg';
const PRIVATE = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const PUBLIC = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG0 admin@laptop';

describe('fingerprints pasted from a provider’s console', () => {
  it.each([
    ['with the prefix', SHOWN],
    ['without the prefix', SHOWN.slice('SHA256:'.length)],
    ['with padding and blanks', `  ${SHOWN}=\n`],
    ['as the whole ssh-keygen line', `256 ${SHOWN} root@box (ED25519)`],
    ['with a lower-case prefix', `sha256:${SHOWN.slice(7)}`],
  ])('matches %s', (_what, typed) => {
    expect(normaliseFingerprint(typed)).toBe(SHOWN.slice(7));
    expect(sameFingerprint(typed, SHOWN)).toBe(true);
    expect(compareFingerprint(typed, SHOWN)).toBe('match');
  });

  it('tells typing from a mismatch, and never matches by case or an empty field', () => {
    expect(compareFingerprint('', SHOWN)).toBe('empty');
    expect(compareFingerprint('SHA256:Zm9vYm', SHOWN)).toBe('typing');
    expect(compareFingerprint('SHA256:Zm9vYmX', SHOWN)).toBe('mismatch');
    expect(compareFingerprint(SHOWN.toLowerCase(), SHOWN)).toBe('mismatch');
    expect(sameFingerprint('  ', SHOWN)).toBe(false);
  });
});

describe('the key the admin chose', () => {
  it('refuses a .pub path and public key text before anything is sent', () => {
    expect(keyPathProblem('~/.ssh/id_ed25519.pub')).toContain('public half');
    expect(keyPathProblem('~/.ssh/id_ed25519')).toBeUndefined();
    expect(privateKeyProblem(PUBLIC)).toContain('public key');
    expect(privateKeyProblem(PRIVATE)).toBeUndefined();
    expect(privateKeyProblem('-----BEGIN PRIVATE KEY-----\nMC4CAQA\n-----END PRIVATE KEY-----')).toBeUndefined();
    expect(privateKeyProblem('hello')).toContain('does not look like a private key');

    const form = { ...EMPTY_FORM, host: 'box.example.com' };
    const pub = checkForm({ ...form, keyPath: '/home/me/.ssh/id_ed25519.pub' });
    expect(pub.ok ? null : pub.errors.keyPath).toContain('public half');
    const pasted = checkForm({ ...form, authKind: 'key-text', privateKey: PUBLIC });
    expect(pasted.ok ? null : pasted.errors.privateKey).toContain('public key');
  });

  it('sends a key read by the file input as key text, once, instead of a path', () => {
    const checked = checkForm({
      ...EMPTY_FORM,
      host: 'box.example.com',
      keyPath: 'ignored',
      uploadedKey: { fileName: 'id_ed25519', text: PRIVATE },
      passphrase: 'pp',
    });
    expect(checked.ok ? checked.request.credential : null).toEqual({
      kind: 'key-text',
      privateKey: PRIVATE,
      passphrase: 'pp',
    });
    const wrong = checkForm({
      ...EMPTY_FORM,
      host: 'box.example.com',
      uploadedKey: { fileName: 'id_ed25519.pub', text: PUBLIC },
    });
    expect(wrong.ok ? null : wrong.errors.keyPath).toContain('public key');
  });
});

describe('a server already in the fleet', () => {
  const box = { id: 'box-1', name: 'mail-eu', host: 'Box1.Example.com', port: 2222, user: 'admin' } as Box;

  it('is the same host in any case, the same port and the same user, but not the box being edited', () => {
    expect(findDuplicate({ host: 'box1.example.COM ', port: 2222, user: 'admin' }, [box])).toEqual({
      boxId: 'box-1',
      name: 'mail-eu',
      message: 'admin@Box1.Example.com:2222 is already in your fleet as mail-eu.',
    });
    expect(findDuplicate({ host: 'box1.example.com', port: 22, user: 'admin' }, [box])).toBeNull();
    expect(findDuplicate({ host: 'box1.example.com', port: 2222, user: 'root' }, [box])).toBeNull();
    expect(findDuplicate({ host: 'box1.example.com', port: 2222, user: 'admin' }, [box], 'box-1')).toBeNull();
  });
});
