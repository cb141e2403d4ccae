import {
  checkAnswers,
  checkHostname,
  passwordStrength,
  type AnswerInput,
} from '../../../src-shared/domain/install-answers';
import {
  evaluatePreflight,
  pickIpv4,
  type BoxFacts,
  type DnsFacts,
} from '../../../src-shared/domain/install-preflight';

const GOOD: AnswerInput = {
  flavour: 'upstream',
  hostname: 'box.example.com',
  adminEmail: 'me@example.com',
  adminPassword: 'correct horse battery',
  publicIp: '203.0.113.10',
  publicIpv6: '',
};

const fields = (answers: AnswerInput) => checkAnswers(answers).map((p) => p.field);

describe('install answers', () => {
  it('takes good answers as they are', () => {
    expect(checkAnswers(GOOD)).toEqual([]);
    expect(
      checkAnswers({ ...GOOD, publicIp: 'auto', publicIpv6: 'auto', version: 'v75', storageRoot: '/srv/data' }),
    ).toEqual([]);
    expect(checkAnswers({ ...GOOD, publicIpv6: '2001:db8::10' })).toEqual([]);
  });

  it('wants a fully qualified ASCII hostname', () => {
    expect(checkHostname('box')).not.toBeNull();
    expect(checkHostname('203.0.113.10')).not.toBeNull();
    expect(checkHostname('bóx.example.com')).toContain('punycode');
    expect(checkHostname('box_1.example.com')).not.toBeNull();
    expect(checkHostname('box.xn--bcher-kva.example')).toBeNull();
  });

  it('checks the address as an account on the new box', () => {
    expect(fields({ ...GOOD, adminEmail: 'not-an-address' })).toEqual(['adminEmail']);
    expect(fields({ ...GOOD, adminEmail: 'Me@example.com' })).toEqual(['adminEmail']);
    expect(fields({ ...GOOD, adminEmail: 'mé@example.com' })).toEqual(['adminEmail']);
    // A fresh box has no users yet, so a DCV address is allowed as its first account (§5.3).
    expect(fields({ ...GOOD, adminEmail: 'admin@example.com' })).toEqual([]);
  });

  it('wants 8 printable ASCII characters, and no spaces for Power (§8.2)', () => {
    expect(checkAnswers({ ...GOOD, adminPassword: 'short' })[0]?.message).toBe(
      'Passwords must be at least eight characters.',
    );
    expect(fields({ ...GOOD, adminPassword: 'pässwörter' })).toEqual(['adminPassword']);
    expect(fields({ ...GOOD, adminPassword: 'tab\tinside!' })).toEqual(['adminPassword']);
    expect(fields({ ...GOOD, flavour: 'power' })).toEqual(['adminPassword']);
    expect(fields({ ...GOOD, flavour: 'power', adminPassword: 'no-spaces-here' })).toEqual([]);
  });

  it('wants addresses, auto, or no IPv6', () => {
    expect(fields({ ...GOOD, publicIp: '203.0.113.300' })).toEqual(['publicIp']);
    expect(fields({ ...GOOD, publicIp: '2001:db8::1' })).toEqual(['publicIp']);
    expect(fields({ ...GOOD, publicIpv6: '203.0.113.10' })).toEqual(['publicIpv6']);
    expect(fields({ ...GOOD, storageRoot: 'relative/path' })).toEqual(['storageRoot']);
    expect(fields({ ...GOOD, storageRoot: '/home/../etc' })).toEqual(['storageRoot']);
    expect(fields({ ...GOOD, version: 'v75; rm -rf /' })).toEqual(['version']);
  });

  it('rates password strength', () => {
    expect(passwordStrength('abcdefgh')).toBe('weak');
    expect(passwordStrength('abcdefgh1234')).toBe('fair');
    expect(passwordStrength('Abcdefgh1234-xyz')).toBe('strong');
  });
});

const FRESH: BoxFacts = {
  osId: 'ubuntu',
  osVersion: '22.04',
  osPretty: 'Ubuntu 22.04.4 LTS',
  arch: 'x86_64',
  memKb: 2_000_000,
  diskFreeKb: 40 * 1024 * 1024,
  tmpOptions: 'rw,relatime',
  wgetrc: false,
  privilege: 'root',
  cloudInitRunning: false,
  aptHolders: [],
  port25: 'open',
  fqdn: 'box.example.com',
  ipv4: ['10.0.0.5', '203.0.113.10'],
  ipv6: ['fe80::1', '2001:db8::10'],
  sshServerIp: '203.0.113.10',
  existing: null,
};
const DNS_OK: DnsFacts = { hostname: 'box.example.com', addresses: ['203.0.113.10'], reverse: ['box.example.com.'] };
const result = (facts: BoxFacts, id: string, flavour: 'upstream' | 'power' = 'upstream', dns = DNS_OK) =>
  evaluatePreflight(facts, flavour, dns).find((check) => check.id === id)?.result;

describe('preflight checks', () => {
  it('passes a fresh supported machine on every check, in the contract order', () => {
    const checks = evaluatePreflight(FRESH, 'upstream', DNS_OK);
    expect(checks.map((c) => c.id)).toEqual([
      'os',
      'arch',
      'ram',
      'disk',
      'tmp-exec',
      'wgetrc',
      'privilege',
      'apt-lock',
      'port-25',
      'dns-forward',
      'dns-reverse',
      'existing',
    ]);
    expect(checks.filter((c) => c.result !== 'pass')).toEqual([]);
  });

  it('judges the OS per flavour', () => {
    const debian11 = { ...FRESH, osId: 'debian', osVersion: '11' };
    expect(result(debian11, 'os')).toBe('fail');
    expect(result(debian11, 'os', 'power')).toBe('pass');
    expect(result({ ...FRESH, osVersion: '20.04' }, 'os', 'power')).toBe('pass');
    expect(result({ ...FRESH, osId: 'debian', osVersion: '10' }, 'os', 'power')).toBe('fail');
    expect(result({ ...FRESH, osVersion: '24.04' }, 'os')).toBe('fail');
  });

  it("uses setup's memory thresholds and warns on small disks and other architectures", () => {
    expect(result({ ...FRESH, memKb: 489_999 }, 'ram')).toBe('fail');
    expect(result({ ...FRESH, memKb: 600_000 }, 'ram')).toBe('warn');
    expect(result({ ...FRESH, memKb: 750_000 }, 'ram')).toBe('pass');
    expect(result({ ...FRESH, diskFreeKb: 9 * 1024 * 1024 }, 'disk')).toBe('warn');
    expect(result({ ...FRESH, arch: 'aarch64' }, 'arch')).toBe('warn');
  });

  it('fails what makes setup stop', () => {
    expect(result({ ...FRESH, tmpOptions: 'rw,nosuid,noexec' }, 'tmp-exec')).toBe('fail');
    expect(result({ ...FRESH, wgetrc: true }, 'wgetrc')).toBe('fail');
    expect(result({ ...FRESH, privilege: 'none' }, 'privilege')).toBe('fail');
    expect(result({ ...FRESH, privilege: 'sudo' }, 'privilege')).toBe('pass');
    expect(result({ ...FRESH, port25: 'closed' }, 'port-25')).toBe('fail');
    expect(result({ ...FRESH, port25: 'unknown' }, 'port-25')).toBe('warn');
  });

  it('warns (the run waits) while cloud-init or unattended-upgrades hold apt', () => {
    const check = evaluatePreflight(
      { ...FRESH, cloudInitRunning: true, aptHolders: ['unattended-upgr'] },
      'upstream',
      DNS_OK,
    ).find((c) => c.id === 'apt-lock');
    expect(check?.result).toBe('warn');
    expect(check?.reason).toContain('cloud-init, unattended-upgr');
  });

  it('gives DNS hints, never blockers', () => {
    expect(result(FRESH, 'dns-forward', 'upstream', { ...DNS_OK, addresses: null })).toBe('warn');
    expect(result(FRESH, 'dns-forward', 'upstream', { ...DNS_OK, addresses: ['198.51.100.1'] })).toBe('warn');
    expect(result(FRESH, 'dns-reverse', 'upstream', { ...DNS_OK, reverse: ['vps-1.provider.net'] })).toBe('warn');
    expect(result(FRESH, 'dns-reverse', 'upstream', { hostname: null, addresses: null, reverse: null })).toBe('warn');
  });

  it('offers re-run or upgrade for an existing box', () => {
    const check = evaluatePreflight(
      { ...FRESH, existing: { hostname: 'box.example.com', flavour: 'upstream', version: 'v74' } },
      'upstream',
      DNS_OK,
    ).find((c) => c.id === 'existing');
    expect(check?.result).toBe('warn');
    expect(check?.next).toContain('upgrade');
  });

  it('prefills a public address, else the one SSH reached', () => {
    expect(pickIpv4(FRESH)).toBe('203.0.113.10');
    expect(pickIpv4({ ipv4: ['10.0.0.5'], sshServerIp: '198.51.100.7' })).toBe('198.51.100.7');
    expect(pickIpv4({ ipv4: ['127.0.0.1', '10.0.0.5'], sshServerIp: '127.0.0.1' })).toBe('10.0.0.5');
    expect(pickIpv4({ ipv4: [], sshServerIp: null })).toBeNull();
  });
});
