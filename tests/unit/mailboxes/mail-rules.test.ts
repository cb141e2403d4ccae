import {
  MAIL_MESSAGES,
  aliasKind,
  checkAlias,
  checkPassword,
  checkUserAddress,
  formatBytes,
  formatQuota,
  isDcvAddress,
  isValidEmail,
  normaliseAliasAddress,
  parseQuota,
  passwordWarning,
  quotaToBytes,
} from '../../../src-shared/domain/mail-rules';
import { validateEmail as emulatorValidateEmail } from '../../emulator/email-syntax';
import { validateQuota as emulatorValidateQuota } from '../../emulator/mail-users';

describe('email syntax (§5.1) as the box checks it', () => {
  it.each([
    ['me@example.com', true],
    ['first.last@example.com', true],
    ['a+tag@example.com', true],
    ['ä@example.com', false],
    ['a..b@example.com', false],
    ['.a@example.com', false],
    ['a.@example.com', false],
    ['a@localhost', false],
    ['a@1.2', false],
    ['a@example.local', false],
    ['a@example.test', false],
    ['a@example.invalid', false],
    ['a@example.onion', false],
    ['a@1.in-addr.arpa', false],
    ['a@home.arpa', false],
    ['a@example.example', true],
    ['a@router.lan', true],
    ['a@corp.internal', true],
    ['a@bücher.de', true],
    ['a@BÜCHER.de', false],
    ['a@xn--bcher-kva.de', true],
    ['a@ab--cd.com', false],
    ['a@-a.com', false],
    ['a@exa mple.com', false],
    ['a@@example.com', false],
    ['no-at-sign', false],
    ['@example.com', false],
    ['"quoted"@example.com', false],
    [`${'a'.repeat(65)}@example.com`, false],
  ])('%s → %s', (email, valid) => {
    expect(isValidEmail(email)).toBe(valid);
  });

  it('allows an empty local part only for aliases', () => {
    expect(isValidEmail('@example.com')).toBe(false);
    expect(isValidEmail('@example.com', 'alias')).toBe(true);
    expect(isValidEmail('@bücher.de', 'alias')).toBe(true);
  });

  it('adds the account rule for users (§5.2): lowercase ASCII letters, digits, _ - . only', () => {
    expect(isValidEmail('me_1-x.y@example.com', 'user')).toBe(true);
    expect(isValidEmail('Me@example.com', 'user')).toBe(false);
    expect(isValidEmail('me+tag@example.com', 'user')).toBe(false);
    expect(isValidEmail('me@bücher.de', 'user')).toBe(false);
    expect(isValidEmail('me@xn--bcher-kva.de', 'user')).toBe(true);
  });

  it('agrees with the box emulator on a spread of addresses in every mode', () => {
    const locals = ['a', 'A', 'a.b', 'a..b', 'a+b', 'ä', '', 'a_b-c', "o'hara", 'a/b', 'x'.repeat(64), 'x'.repeat(65)];
    const domains = [
      'example.com',
      'EXAMPLE.COM',
      'bücher.de',
      'xn--bcher-kva.de',
      'localhost',
      'a.local',
      'a.test',
      'a.example',
      '1.2',
      'a.b2',
      'sub.-bad.com',
      'ab--c.com',
      'a_b.com',
      'münchen.test',
      `${'l'.repeat(63)}.com`,
      `${'l'.repeat(64)}.com`,
    ];
    for (const local of locals) {
      for (const domain of domains) {
        const email = `${local}@${domain}`;
        for (const mode of [undefined, 'user', 'alias'] as const) {
          expect([email, mode, isValidEmail(email, mode)]).toEqual([email, mode, emulatorValidateEmail(email, mode)]);
        }
      }
    }
  });
});

describe('user addresses (§5.2, §5.3) with the box texts, in its order', () => {
  it.each([
    ['', false, MAIL_MESSAGES.noEmail],
    ['   ', false, MAIL_MESSAGES.noEmail],
    ['nobody', false, MAIL_MESSAGES.invalidEmail],
    ['jürgen@example.com', false, MAIL_MESSAGES.invalidEmail],
    ['Dave@example.com', false, MAIL_MESSAGES.userChars],
    ['dave+x@example.com', false, MAIL_MESSAGES.userChars],
    ['dave@bücher.de', false, MAIL_MESSAGES.userChars],
    ['postmaster@example.com', true, MAIL_MESSAGES.dcvUser],
    ['postmaster@example.com', false, null],
    ['admin@example.com', true, MAIL_MESSAGES.dcvUser],
    ['dave@example.com', true, null],
  ])('%j (box has users: %s) → %s', (email, hasUsers, message) => {
    expect(checkUserAddress(email, hasUsers)).toBe(message);
  });

  it('knows the DCV local parts, with or without a +tag, in any case', () => {
    for (const local of ['admin', 'administrator', 'postmaster', 'hostmaster', 'webmaster', 'abuse'])
      expect(isDcvAddress(`${local}@example.com`)).toBe(true);
    expect(isDcvAddress('Abuse+x@example.com')).toBe(true);
    expect(isDcvAddress('admins@example.com')).toBe(false);
    expect(isDcvAddress('info@example.com')).toBe(false);
  });
});

describe('passwords (§5.4)', () => {
  it.each([
    ['', MAIL_MESSAGES.noPassword],
    ['        ', MAIL_MESSAGES.noPassword],
    ['1234567', MAIL_MESSAGES.shortPassword],
    ['12345678', null],
    ['with spaces ok', null],
    ['😀😀😀😀', MAIL_MESSAGES.shortPassword],
    ['😀😀😀😀😀😀😀😀', null],
  ])('%j → %s', (password, message) => {
    expect(checkPassword(password)).toBe(message);
  });

  it('warns (without refusing) about a non-ASCII password, which cannot sign in to the control panel', () => {
    expect(checkPassword('pässwört-123')).toBeNull();
    expect(passwordWarning('pässwört-123')).toContain('outside ASCII');
    expect(passwordWarning('plain ascii ~!')).toBeNull();
  });
});

describe('quotas (§5.5)', () => {
  it.each([
    ['0', '0'],
    [' 2g ', '2G'],
    ['500m', '500M'],
    ['1073741824', '1073741824'],
  ])('%j is stored as %j', (typed, stored) => {
    expect(parseQuota(typed)).toEqual({ ok: true, value: stored });
  });

  it.each([
    ['', MAIL_MESSAGES.noQuota],
    ['  ', MAIL_MESSAGES.noQuota],
    ['1.5G', MAIL_MESSAGES.quotaChars],
    ['1,000', MAIL_MESSAGES.quotaChars],
    ['1 G', MAIL_MESSAGES.quotaChars],
    ['5K', MAIL_MESSAGES.invalidQuota],
    ['5T', MAIL_MESSAGES.invalidQuota],
    ['5MB', MAIL_MESSAGES.invalidQuota],
    ['G', MAIL_MESSAGES.invalidQuota],
    ['-1', MAIL_MESSAGES.invalidQuota],
  ])('%j is refused with %j', (typed, message) => {
    expect(parseQuota(typed)).toEqual({ ok: false, message });
  });

  it('agrees with the box emulator', () => {
    for (const typed of ['0', '1g', ' 7M', '1.5G', '5K', '', 'abc', '10 G', '1,5G', '12', 'M5']) {
      let box: { ok: true; value: string } | { ok: false; message: string };
      try {
        box = { ok: true, value: emulatorValidateQuota(typed) };
      } catch (error) {
        box = { ok: false, message: (error as Error).message };
      }
      expect([typed, parseQuota(typed)]).toEqual([typed, box]);
    }
  });

  it('turns quotas into bytes (binary M and G, 0 unlimited) and formats them as the box shows sizes', () => {
    expect(quotaToBytes('2G')).toBe(2 * 1024 ** 3);
    expect(quotaToBytes('500m')).toBe(500 * 1024 ** 2);
    expect(quotaToBytes('0')).toBe(0);
    expect(quotaToBytes('5T')).toBeNull();
    expect(formatBytes(0)).toBe('0.0');
    expect(formatBytes(1023)).toBe('1023');
    expect(formatBytes(1536 * 1024)).toBe('1.5M');
    expect(formatBytes(512 * 1024)).toBe('512K');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0G');
    expect(formatQuota('0')).toBe('unlimited');
    expect(formatQuota('2G')).toBe('2.0G');
    expect(formatQuota('1073741824')).toBe('1.0G');
    expect(formatQuota('odd')).toBe('odd');
  });
});

describe('aliases (§5.6, §5.3)', () => {
  const users = [
    { email: 'me@box.example.com', admin: true },
    { email: 'alice@example.com', admin: false },
    { email: 'u3@xn--bcher-kva.de', admin: false },
  ];
  const check = (address: string, forwardsTo: string[], permittedSenders: string[] = []) =>
    checkAlias({ address, forwardsTo, permittedSenders }, { users });

  it('normalises the address as the box stores it: punycode domain, lowercase, trimmed', () => {
    expect(normaliseAliasAddress(' Info@Bücher.de ')).toBe('info@xn--bcher-kva.de');
    expect(normaliseAliasAddress('Info@Example.COM')).toBe('info@example.com');
    expect(normaliseAliasAddress('@bücher.de')).toBe('@xn--bcher-kva.de');
    expect(check('Info@Example.COM', ['Alice@example.com'])).toEqual({
      ok: true,
      value: { address: 'info@example.com', forwardsTo: ['Alice@example.com'], permittedSenders: [] },
    });
  });

  it('takes one @domain destination as is (a domain alias), but not in a list or for a DCV source', () => {
    expect(check('@example.net', ['@bücher.de'])).toEqual({
      ok: true,
      value: { address: '@example.net', forwardsTo: ['@xn--bcher-kva.de'], permittedSenders: [] },
    });
    expect(check('@example.net', ['alice@example.com', '@example.org'])).toEqual({
      ok: false,
      message: MAIL_MESSAGES.invalidReceiver('@example.org'),
      field: 'forwardsTo',
    });
    expect(check('abuse@example.net', ['@example.org'])).toMatchObject({
      message: MAIL_MESSAGES.invalidReceiver('@example.org'),
    });
  });

  it('splits destinations and senders on commas and newlines, dropping blanks', () => {
    expect(check('x@example.com', ['alice@example.com, me@box.example.com\n', ''], ['alice@example.com\n'])).toEqual({
      ok: true,
      value: {
        address: 'x@example.com',
        forwardsTo: ['alice@example.com', 'me@box.example.com'],
        permittedSenders: ['alice@example.com'],
      },
    });
  });

  it('refuses in the box order with the box texts', () => {
    expect(check('  ', ['a@example.com'])).toMatchObject({ message: MAIL_MESSAGES.noEmail, field: 'address' });
    expect(check('a b@example.com', ['a@example.com'])).toMatchObject({
      message: MAIL_MESSAGES.invalidAlias('a b@example.com'),
    });
    expect(check('x@example.com', ['ok@example.com', 'bad'])).toMatchObject({
      message: MAIL_MESSAGES.invalidReceiver('bad'),
    });
    expect(check('x@example.com', [], ['zed@example.com'])).toMatchObject({
      message: MAIL_MESSAGES.invalidSender('zed@example.com'),
      field: 'permittedSenders',
    });
    // Senders must be exact logins: the Unicode form of a punycode login is not one.
    expect(check('x@example.com', [], ['u3@bücher.de'])).toMatchObject({
      message: MAIL_MESSAGES.invalidSender('u3@bücher.de'),
    });
    expect(check('x@example.com', [], [])).toMatchObject({ message: MAIL_MESSAGES.emptyAlias });
  });

  it('lets a DCV alias forward only to admins (a +tag stripped first) or to other DCV addresses', () => {
    expect(check('postmaster@example.com', ['alice@example.com'])).toMatchObject({ message: MAIL_MESSAGES.dcvAlias });
    expect(check('postmaster@example.com', ['me+tag@box.example.com']).ok).toBe(true);
    expect(check('postmaster@example.com', ['abuse@example.org']).ok).toBe(true);
  });

  it('tells the kinds apart', () => {
    expect(aliasKind({ address: 'info@example.com', forwardsTo: ['a@example.com'] })).toBe('regular');
    expect(aliasKind({ address: '@example.com', forwardsTo: ['a@example.com'] })).toBe('catch-all');
    expect(aliasKind({ address: '@example.com', forwardsTo: ['a@example.com', 'b@example.com'] })).toBe('catch-all');
    expect(aliasKind({ address: '@example.net', forwardsTo: ['@example.com'] })).toBe('domain-alias');
    expect(aliasKind({ address: 'noreply@example.com', forwardsTo: [] })).toBe('send-only');
  });
});
