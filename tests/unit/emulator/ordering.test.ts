import { sortDomains, sortEmails } from '../../emulator/ordering';

describe('domain and email ordering (§4.11)', () => {
  const primary = 'box.example.com';

  test('PRIMARY_HOSTNAME zone first, PRIMARY first inside it, then its subdomains, then labels right to left', () => {
    expect(
      sortDomains(
        [
          'www.example.com',
          'example.com',
          'mta-sts.box.example.com',
          'box.example.com',
          'a.example.com',
          'zz.example.com',
          'autoconfig.example.com',
        ],
        primary,
      ),
    ).toEqual([
      'box.example.com',
      'mta-sts.box.example.com',
      'example.com',
      'a.example.com',
      'autoconfig.example.com',
      'www.example.com',
      'zz.example.com',
    ]);
  });

  test('other zones alphabetically; a zone is the shortest enclosing name in the set', () => {
    expect(
      sortDomains(
        ['www.zeta.org', 'alpha.net', 'zeta.org', 'b.alpha.net', 'box.example.com', 'xn--bcher-kva.de'],
        primary,
      ),
    ).toEqual(['box.example.com', 'alpha.net', 'b.alpha.net', 'xn--bcher-kva.de', 'zeta.org', 'www.zeta.org']);
    // Without example.com in the set, box.example.com is its own zone and still first.
    expect(sortDomains(['a.com', 'box.example.com'], primary)).toEqual(['box.example.com', 'a.com']);
    // A parent of PRIMARY_HOSTNAME is PRIMARY's zone.
    expect(sortDomains(['a.com', 'example.com', 'box.example.com'], primary)).toEqual([
      'box.example.com',
      'example.com',
      'a.com',
    ]);
  });

  test('emails: by domain order, then alphabetically; addresses without @ last; duplicates collapse', () => {
    expect(
      sortEmails(
        [
          'b@example.com',
          'z@box.example.com',
          'a@example.com',
          'weird',
          'a@alpha.net',
          '@example.com',
          'a@example.com',
        ],
        primary,
      ),
    ).toEqual(['z@box.example.com', '@example.com', 'a@example.com', 'b@example.com', 'a@alpha.net', 'weird']);
  });
});
