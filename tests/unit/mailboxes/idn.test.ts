import { domainToASCII, domainToUnicode } from 'node:url';
import {
  decodePunycode,
  domainToAscii,
  domainToDisplay,
  emailToAscii,
  emailToDisplay,
} from '../../../src-shared/domain/idn';

const UNICODE_DOMAINS = [
  'bücher.de',
  'münchen.example.com',
  'παράδειγμα.δοκιμή',
  '例え.テスト',
  'пример.рф',
  'ﻢﺛﺎﻟ.com',
  'straße.de',
  'añoñuevo.es',
  'i❤.ws',
  'xn--ls8h.la',
  'mañana.com',
  'ü.ü.ü.de',
];

describe('international domain names', () => {
  it('encodes Unicode domains as Node does (the WHATWG URL rules) and keeps ASCII ones as typed', () => {
    for (const domain of UNICODE_DOMAINS) {
      const expected = domainToASCII(domain);
      expect([domain, domainToAscii(domain)]).toEqual([domain, expected === '' ? null : expected]);
    }
    expect(domainToAscii('Example.COM')).toBe('Example.COM');
    // Not turned into an IPv4 address, as a URL host would be.
    expect(domainToAscii('1.2')).toBe('1.2');
  });

  it('refuses what the box cannot encode: upper case, spaces, URL syntax', () => {
    expect(domainToAscii('Bücher.de')).toBeNull();
    expect(domainToAscii('bü cher.de')).toBeNull();
    expect(domainToAscii('bücher.de/x')).toBeNull();
    expect(domainToAscii('bücher.de:80')).toBeNull();
  });

  it('decodes punycode as Node does, round trip included', () => {
    for (const domain of UNICODE_DOMAINS) {
      const ascii = domainToASCII(domain);
      expect([ascii, domainToDisplay(ascii)]).toEqual([ascii, domainToUnicode(ascii)]);
    }
    expect(decodePunycode('bcher-kva')).toBe('bücher');
    expect(decodePunycode('ls8h')).toBe('💩');
  });

  it('leaves labels that do not decode alone', () => {
    expect(domainToDisplay('xn--!!!.com')).toBe('xn--!!!.com');
    expect(domainToDisplay('xn--.com')).toBe('xn--.com');
    expect(decodePunycode('abc-ä')).toBeNull();
  });

  it('converts the domain part of an address only', () => {
    expect(emailToAscii('Ünï@bücher.de')).toBe('Ünï@xn--bcher-kva.de');
    expect(emailToAscii('@bücher.de')).toBe('@xn--bcher-kva.de');
    expect(emailToAscii('no-at-sign')).toBe('no-at-sign');
    expect(emailToAscii('a@b@c')).toBe('a@b@c');
    expect(emailToDisplay('u3@xn--bcher-kva.de')).toBe('u3@bücher.de');
  });
});
