import { hostnameFromAliases, summariseDomains, toMailAliases } from '../../../src-main/mailboxes/alias-view';
import { quotasAbsentReason } from '../../../src-main/box/routes/helpers';
import { toCapabilities } from '../../../src-main/mailboxes/capabilities';
import { buildMailGuide } from '../../../src-main/mailboxes/mail-guide';

// The verified example of the API reference (§4.3.1), plus a send-only alias and a catch-all with an IDN destination.
const ALIAS_GROUPS = [
  {
    domain: 'box.example.com',
    aliases: [
      {
        address: 'administrator@box.example.com',
        address_display: 'administrator@box.example.com',
        auto: false,
        forwards_to: ['me@example.com'],
        permitted_senders: null,
      },
      {
        address: 'abuse@box.example.com',
        address_display: 'abuse@box.example.com',
        auto: true,
        forwards_to: ['administrator@box.example.com'],
        permitted_senders: null,
      },
    ],
  },
  {
    domain: 'bücher.de',
    aliases: [
      {
        address: '@xn--bcher-kva.de',
        address_display: '@bücher.de',
        auto: false,
        forwards_to: ['@example.com'],
        permitted_senders: null,
      },
      {
        address: 'noreply@xn--bcher-kva.de',
        address_display: 'noreply@bücher.de',
        auto: false,
        // What the box lists for nothing stored: it splits the empty string.
        forwards_to: [''],
        permitted_senders: ['u3@bücher.de'],
      },
    ],
  },
  {
    domain: 'example.com',
    aliases: [
      {
        address: '@example.com',
        address_display: '@example.com',
        auto: false,
        forwards_to: ['me@example.com', 'u3@bücher.de'],
        permitted_senders: null,
      },
    ],
  },
];

describe('alias view', () => {
  it('gives each alias its kind, marks automatic ones and returns lists in the stored (punycode) form', () => {
    const view = toMailAliases(ALIAS_GROUPS);
    expect(view.map((g) => g.domain)).toEqual(['box.example.com', 'bücher.de', 'example.com']);
    expect(view[0]?.aliases[1]).toEqual({
      address: 'abuse@box.example.com',
      display: 'abuse@box.example.com',
      kind: 'regular',
      auto: true,
      forwardsTo: ['administrator@box.example.com'],
      permittedSenders: [],
    });
    expect(view[1]?.aliases).toEqual([
      {
        address: '@xn--bcher-kva.de',
        display: '@bücher.de',
        kind: 'domain-alias',
        auto: false,
        forwardsTo: ['@example.com'],
        permittedSenders: [],
      },
      {
        address: 'noreply@xn--bcher-kva.de',
        display: 'noreply@bücher.de',
        kind: 'send-only',
        auto: false,
        forwardsTo: [],
        permittedSenders: ['u3@xn--bcher-kva.de'],
      },
    ]);
    expect(view[2]?.aliases[0]).toMatchObject({
      kind: 'catch-all',
      forwardsTo: ['me@example.com', 'u3@xn--bcher-kva.de'],
    });
  });

  it('counts users, archived mailboxes, aliases and automatic aliases per domain, including domains only the box lists', () => {
    const user = (email: string, status: 'active' | 'inactive') => ({
      email,
      status,
      privileges: [],
      box_quota: '?' as const,
      box_size: '?',
      percent: '?',
    });
    const users = [
      { domain: 'example.com', users: [user('me@example.com', 'active'), user('old@example.com', 'inactive')] },
      { domain: 'bücher.de', users: [user('u3@xn--bcher-kva.de', 'active')] },
    ];
    const summary = summariseDomains(
      users,
      ALIAS_GROUPS,
      ['xn--bcher-kva.de', 'example.com', 'box.example.com', 'mail.example.net'],
      null,
    );
    expect(summary).toEqual([
      { domain: 'example.com', ascii: 'example.com', users: 1, archived: 1, aliases: 1, autoAliases: 0 },
      { domain: 'bücher.de', ascii: 'xn--bcher-kva.de', users: 1, archived: 0, aliases: 2, autoAliases: 0 },
      { domain: 'box.example.com', ascii: 'box.example.com', users: 0, archived: 0, aliases: 1, autoAliases: 1 },
      { domain: 'mail.example.net', ascii: 'mail.example.net', users: 0, archived: 0, aliases: 0, autoAliases: 0 },
    ]);
  });

  it("puts the domains in the box's order when its host name is known", () => {
    const summary = summariseDomains([], ALIAS_GROUPS, ['xn--bcher-kva.de', 'mail.example.net'], 'box.example.com');
    expect(summary.map((d) => d.domain)).toEqual(['box.example.com', 'example.com', 'mail.example.net', 'bücher.de']);
  });

  it('reads the host name from the hostmaster@ automatic alias', () => {
    const hostmaster = {
      address: 'hostmaster@box.example.com',
      address_display: 'hostmaster@box.example.com',
      auto: true,
      forwards_to: ['administrator@box.example.com'],
      permitted_senders: null,
    };
    expect(hostnameFromAliases([{ domain: 'box.example.com', aliases: [hostmaster] }])).toBe('box.example.com');
    expect(hostnameFromAliases([{ domain: 'x', aliases: [{ ...hostmaster, auto: false }] }])).toBeNull();
  });
});

describe('capabilities', () => {
  it('has quotas on Power and on upstream from v73, with a reason otherwise', () => {
    expect(toCapabilities({ flavour: 'power', version: 'v60.5' }, '5G')).toEqual({
      flavour: 'power',
      version: 'v60.5',
      quotas: true,
      quotasAbsentReason: null,
      defaultQuota: '5G',
    });
    expect(toCapabilities({ flavour: 'upstream', version: 'v75' }, '5G')).toMatchObject({
      quotas: true,
      defaultQuota: null,
    });
    expect(quotasAbsentReason({ flavour: 'upstream', version: 'v73' })).toBeNull();
    for (const version of ['v72', 'v57a', 'v0.54', 'unknown'])
      expect(quotasAbsentReason({ flavour: 'upstream', version })).toContain(version);
  });
});

describe('mail guide', () => {
  it("gives the box's settings for its host name", () => {
    const guide = buildMailGuide('box.example.com', { flavour: 'upstream', version: 'v75' });
    expect(guide.hostname).toBe('box.example.com');
    expect(guide.entries.map((e) => [e.protocol, e.host, e.port, e.security])).toEqual([
      ['imap', 'box.example.com', 993, 'SSL/TLS'],
      ['smtp', 'box.example.com', 465, 'SSL/TLS'],
      ['pop', 'box.example.com', 995, 'SSL/TLS'],
      ['activesync', 'box.example.com', 443, 'Secure connection (HTTPS)'],
      ['carddav', 'box.example.com', 443, 'SSL/TLS'],
      ['caldav', 'box.example.com', 443, 'SSL/TLS'],
      ['webmail', 'box.example.com', 443, 'HTTPS'],
    ]);
    expect(guide.entries.find((e) => e.protocol === 'webmail')?.url).toBe('https://box.example.com/mail');
  });

  it('names 587 with STARTTLS for sending on boxes from before v0.54, as their guide did', () => {
    for (const version of ['v0.53', 'v0.44.POWER.1']) {
      const smtp = buildMailGuide('h.example.com', { flavour: 'upstream', version }).entries.find(
        (e) => e.protocol === 'smtp',
      );
      expect(smtp).toMatchObject({ port: 587, security: 'STARTTLS' });
    }
    for (const version of ['v0.54', 'v0.54.POWER.5', 'v55.0', 'v60.5', 'v75']) {
      const smtp = buildMailGuide('h.example.com', { flavour: 'power', version }).entries.find(
        (e) => e.protocol === 'smtp',
      );
      expect(smtp).toMatchObject({ port: 465 });
    }
  });
});
