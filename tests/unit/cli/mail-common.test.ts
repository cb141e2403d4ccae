import { addressList, generatePassword } from '../../../src-main/cli/commands/mail-common';

describe('mail command helpers', () => {
  test('address lists come comma-separated, repeated, or both; blanks are dropped', () => {
    expect(addressList({ to: ['a@x.example, b@y.example', ' c@z.example ', ',,'] }, 'to')).toEqual([
      'a@x.example',
      'b@y.example',
      'c@z.example',
    ]);
    expect(addressList({ to: 'a@x.example' }, 'to')).toEqual(['a@x.example']);
    expect(addressList({}, 'to')).toEqual([]);
  });

  test('a made password is 20 characters without look-alikes, and differs each time', () => {
    const made = new Set(Array.from({ length: 50 }, () => generatePassword()));
    expect(made.size).toBe(50);
    for (const password of made) expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
  });
});
