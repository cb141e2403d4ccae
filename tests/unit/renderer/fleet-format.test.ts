import { formatAge, formatExpiry, formatSpan } from '../../../src-renderer/screens/fleet-format';

describe('fleet format', () => {
  it('counts a certificate expiry in calendar days, as the box states it (a date)', () => {
    // The box says "expires in 5 days on 2026-12-04"; main keeps that date's midnight UTC.
    const expiry = '2026-12-04T00:00:00.000Z';
    expect(formatExpiry(expiry, Date.parse('2026-11-29T23:40:00Z'))).toBe('in 5 days');
    expect(formatExpiry(expiry, Date.parse('2026-11-29T00:05:00Z'))).toBe('in 5 days');
    expect(formatExpiry(expiry, Date.parse('2026-12-03T12:00:00Z'))).toBe('tomorrow');
    expect(formatExpiry(expiry, Date.parse('2026-12-04T12:00:00Z'))).toBe('today');
    expect(formatExpiry(expiry, Date.parse('2026-12-06T01:00:00Z'))).toBe('expired 2 days ago');
  });

  it('says ages roughly, as people do', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(formatAge('2026-11-26T12:00:00Z', now)).toBe('3 days ago');
    expect(formatAge('2026-11-29T09:30:00Z', now)).toBe('2 hours ago');
    expect(formatSpan(30_000)).toBe('less than a minute');
  });
});
