import { sortDomains } from '../../../src-shared/domain/domain-order';
import { sortDomains as emulatorSortDomains } from '../../emulator/ordering';

describe("the box's domain order (§4.11)", () => {
  it('puts the zone of the primary host name first, the host name first in it, then its subdomains', () => {
    expect(
      sortDomains(
        ['example.org', 'b.example.com', 'example.com', 'mta-sts.box.example.com', 'box.example.com', 'a.example.org'],
        'box.example.com',
      ),
    ).toEqual([
      'box.example.com',
      'mta-sts.box.example.com',
      'example.com',
      'b.example.com',
      'example.org',
      'a.example.org',
    ]);
  });

  it('agrees with the box emulator on sets of related names', () => {
    const pool = [
      'example.com',
      'box.example.com',
      'a.box.example.com',
      'z.example.com',
      'example.net',
      'mail.example.net',
      'xn--bcher-kva.de',
      'de',
      'a.b.c.example.org',
      'c.example.org',
      'aaa.com',
    ];
    for (let mask = 1; mask < 1 << pool.length; mask += 37) {
      const names = pool.filter((_, i) => mask & (1 << i));
      for (const primary of ['box.example.com', 'mail.example.net', 'other.example'])
        expect(sortDomains(names, primary)).toEqual(emulatorSortDomains(names, primary));
    }
  });
});
