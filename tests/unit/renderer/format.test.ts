import { formatAddress, formatAuth, formatFlavour } from '../../../src-renderer/format';
import { nextNavIndex } from '../../../src-renderer/components/sidebar-keys';
import { BOX_SECTIONS } from '../../../src-renderer/sections';

describe('fleet formatting', () => {
  it('names the flavour and version, or says the box was not checked', () => {
    const checkedAt = '2025-01-01T00:00:00.000Z';
    expect(formatFlavour({ flavour: 'upstream', version: 'v71', checkedAt })).toBe('Mail-in-a-Box v71');
    expect(formatFlavour({ flavour: 'power', version: 'v70.3', checkedAt })).toBe('Power Mail-in-a-Box v70.3');
    expect(formatFlavour(undefined)).toBe('Not checked yet');
  });

  it('writes addresses as ssh would take them, with the port only when it is not 22', () => {
    expect(formatAddress({ user: 'root', host: 'box.example', port: 22 })).toBe('root@box.example');
    expect(formatAddress({ user: 'admin', host: '192.0.2.1', port: 2222 })).toBe('admin@192.0.2.1:2222');
    expect(formatAddress({ user: 'admin', host: '2001:db8::1', port: 2222 })).toBe('admin@[2001:db8::1]:2222');
  });

  it('describes the login method without any secret', () => {
    expect(formatAuth({ kind: 'key', keyPath: '/k', hasPassphrase: true })).toBe('SSH key /k (with passphrase)');
    expect(formatAuth({ kind: 'password' })).toBe('Password (kept in the system keychain)');
  });
});

describe('sidebar arrow keys', () => {
  it('steps with wrapping, jumps with Home and End, and leaves other keys alone', () => {
    expect(nextNavIndex('ArrowDown', 0, 3)).toBe(1);
    expect(nextNavIndex('ArrowDown', 2, 3)).toBe(0);
    expect(nextNavIndex('ArrowUp', 0, 3)).toBe(2);
    expect(nextNavIndex('ArrowUp', -1, 3)).toBe(2);
    expect(nextNavIndex('ArrowDown', -1, 3)).toBe(0);
    expect(nextNavIndex('Home', 2, 3)).toBe(0);
    expect(nextNavIndex('End', 0, 3)).toBe(2);
    expect(nextNavIndex('Enter', 1, 3)).toBeNull();
    expect(nextNavIndex('ArrowDown', -1, 0)).toBeNull();
  });
});

describe('box sections', () => {
  it('lists the sections of a box in the order of Mail-in-a-Box’s own panel, each with a unique id', () => {
    expect(BOX_SECTIONS.map((s) => s.label)).toEqual([
      'Mailboxes',
      'Aliases',
      'DNS',
      'TLS',
      'Backups',
      'PGP',
      'System',
      'Status checks',
    ]);
    expect(new Set(BOX_SECTIONS.map((s) => s.id)).size).toBe(BOX_SECTIONS.length);
  });
});
