import { dsDigest, dsFor, dsMatchesAnyKey, keyTag, type Dnskey } from '../../../src-main/dns/check/dnssec';

// RFC 4034 §5.4 (SHA-1) and RFC 4509 §2.3 (SHA-256): the same key, its tag and both digests.
const RFC_KEY: Dnskey = {
  flags: 256,
  algorithm: 5,
  key: Buffer.from(
    'AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==',
    'base64',
  ),
};

describe('DS from DNSKEY', () => {
  test('key tag (RFC 4034 Appendix B) of the RFC example key', () => {
    expect(keyTag(RFC_KEY)).toBe(60485);
  });

  test('SHA-1 and SHA-256 digests match the RFCs, whatever the case of the owner name', () => {
    expect(dsDigest('dskey.example.com', RFC_KEY, 1)).toBe('2bb183af5f22588179a53b0a98631fad1a292118');
    expect(dsDigest('DSKEY.Example.COM.', RFC_KEY, 2)).toBe(
      'd4b7d520e7bb5f0f67674a0cceb1e3e0614b93c4f9e99b8383f6a1e4469da50a',
    );
    expect(dsDigest('dskey.example.com', RFC_KEY, 3)).toBeNull();
  });

  test('a parent DS matches the key it was made from and no other', () => {
    const ds = dsFor('dskey.example.com', RFC_KEY, 2) as string;
    expect(ds.startsWith('60485 5 2 ')).toBe(true);
    expect(dsMatchesAnyKey('dskey.example.com', ds, [RFC_KEY])).toBe(true);
    const other: Dnskey = { ...RFC_KEY, flags: 257 };
    expect(dsMatchesAnyKey('dskey.example.com', ds, [other])).toBe(false);
    expect(dsMatchesAnyKey('other.example.com', ds, [RFC_KEY])).toBe(false);
  });
});
