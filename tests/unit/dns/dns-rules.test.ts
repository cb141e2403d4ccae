import {
  checkQname,
  checkRecord,
  checkTtl,
  checkValue,
  DNS_MESSAGES,
  isIpv4,
  isIpv6,
  removalValue,
  txtStrings,
  unquoteTxt,
} from '../../../src-shared/domain/dns-rules';

const ZONES = ['box.example.com', 'example.com', 'xn--bcher-kva.de'];

function refusal(result: { ok: boolean; message?: string }): string | undefined {
  return result.ok ? undefined : result.message;
}

describe('qname rules (§5.7)', () => {
  it('accepts apexes and subdomains of the box zones, lowercased, punycoded, without a final dot', () => {
    expect(checkQname('Example.COM.', ZONES)).toEqual({
      ok: true,
      value: { qname: 'example.com', zone: 'example.com' },
    });
    expect(checkQname('www.bücher.de', ZONES)).toEqual({
      ok: true,
      value: { qname: 'www.xn--bcher-kva.de', zone: 'xn--bcher-kva.de' },
    });
    expect(checkQname('*.example.com', ZONES).ok).toBe(true);
    expect(checkQname('_dmarc.example.com', ZONES).ok).toBe(true);
  });

  it('picks the first zone in the box order, as the box does', () => {
    expect(checkQname('x.box.example.com', ZONES)).toEqual({
      ok: true,
      value: { qname: 'x.box.example.com', zone: 'box.example.com' },
    });
  });

  it("refuses names outside the box's zones and names the box's pattern refuses, with the box's texts", () => {
    expect(refusal(checkQname('example.net', ZONES))).toBe(
      'example.net is not a domain name or a subdomain of a domain name managed by this box.',
    );
    expect(refusal(checkQname('notexample.com', ZONES))).toBe(DNS_MESSAGES.notManaged('notexample.com'));
    expect(refusal(checkQname('-bad.example.com', ZONES))).toBe('Invalid name.');
    expect(refusal(checkQname('a b.example.com', ZONES))).toBe('Invalid name.');
    expect(refusal(checkQname('', ZONES))).toBe('Invalid name.');
  });
});

describe('addresses', () => {
  it.each(['1.2.3.4', '0.0.0.0', '255.255.255.255'])('IPv4 %s', (v) => expect(isIpv4(v)).toBe(true));
  it.each(['1.2.3', '256.1.1.1', '01.2.3.4', '1.2.3.4.5', 'a.b.c.d'])('not IPv4 %s', (v) =>
    expect(isIpv4(v)).toBe(false),
  );
  it.each(['::1', '2001:db8::10', '::', '1:2:3:4:5:6:7:8', '::ffff:192.0.2.1', '1:2:3:4:5:6:1.2.3.4', 'fe80::'])(
    'IPv6 %s',
    (v) => expect(isIpv6(v)).toBe(true),
  );
  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', ':::', '1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', 'g::1'])(
    'not IPv6 %s',
    (v) => expect(isIpv6(v)).toBe(false),
  );

  it("answers with the box's texts, and takes `local`", () => {
    expect(checkValue('A', 'local', false)).toEqual({ ok: true, value: 'local' });
    expect(checkValue('AAAA', ' 2001:db8::1 ', false)).toEqual({ ok: true, value: '2001:db8::1' });
    expect(refusal(checkValue('A', '2001:db8::1', false))).toBe("That's an IPv6 address.");
    expect(refusal(checkValue('AAAA', '192.0.2.1', false))).toBe("That's an IPv4 address.");
    expect(refusal(checkValue('A', 'not-an-ip', false))).toBe(
      "'not-an-ip' does not appear to be an IPv4 or IPv6 address",
    );
    expect(refusal(checkValue('A', "it's", false))).toBe(`"it's" does not appear to be an IPv4 or IPv6 address`);
    expect(refusal(checkValue('A', '  ', false))).toBe('No value for the record provided.');
  });
});

describe('host targets', () => {
  it('takes a CNAME with or without its final dot, and says the box adds it', () => {
    const checked = checkRecord(
      { qname: 'www.example.com', rtype: 'CNAME', value: 'pages.example.net' },
      {
        zones: ZONES,
        ttlSupported: false,
      },
    );
    expect(checked).toMatchObject({ ok: true, value: { value: 'pages.example.net', storedAs: 'pages.example.net.' } });
    expect(DNS_MESSAGES.finalDot('pages.example.net.')).toContain('adds the final dot itself');
    expect(refusal(checkValue('CNAME', 'bad name.example', false))).toBe('Invalid value.');
    expect(refusal(checkValue('CNAME', '-x.example.net', false))).toBe('Invalid value.');
  });

  it('refuses NS at a zone apex with the box text, and takes it below', () => {
    const box = { zones: ZONES, ttlSupported: false };
    expect(refusal(checkRecord({ qname: 'example.com', rtype: 'NS', value: 'ns.other.net' }, box))).toBe(
      'NS records can only be set for subdomains.',
    );
    expect(checkRecord({ qname: 'sub.example.com', rtype: 'NS', value: 'ns.other.net.' }, box).ok).toBe(true);
    // box.example.com is a zone of its own: its apex is an apex too.
    expect(checkRecord({ qname: 'box.example.com', rtype: 'NS', value: 'ns.other.net.' }, box).ok).toBe(false);
  });
});

describe('structured values', () => {
  it.each([
    ['MX', '10 mail.example.com.', '10 mail.example.com.'],
    ['MX', '0   .', '0 .'],
    ['SRV', '10 20 5060 sip.example.com.', '10 20 5060 sip.example.com.'],
    ['SSHFP', '4 2 ' + 'ab'.repeat(32), '4 2 ' + 'ab'.repeat(32)],
    ['SSHFP', '1 1 ' + 'AB'.repeat(20), '1 1 ' + 'AB'.repeat(20)],
    ['CAA', '0 issue "letsencrypt.org"', '0 issue "letsencrypt.org"'],
    ['CAA', '128  issuewild  ";"', '128 issuewild ";"'],
    ['CAA', '0 iodef "mailto:security@example.com"', '0 iodef "mailto:security@example.com"'],
  ] as const)('%s %s', (rtype, value, sent) => {
    expect(checkValue(rtype, value, false)).toEqual({ ok: true, value: sent });
  });

  it.each([
    ['MX', 'mail.example.com', DNS_MESSAGES.mx],
    ['MX', '70000 mail.example.com.', DNS_MESSAGES.mx],
    ['MX', '10 mail.example.com. extra', DNS_MESSAGES.mx],
    ['SRV', '10 10 sip.example.com.', DNS_MESSAGES.srv],
    ['SRV', '10 10 99999 sip.example.com.', DNS_MESSAGES.srv],
    ['SSHFP', '4 2 abcd', DNS_MESSAGES.sshfp],
    ['SSHFP', '5 1 ' + 'a'.repeat(40), DNS_MESSAGES.sshfp],
    ['SSHFP', '4 2 ' + 'g'.repeat(64), DNS_MESSAGES.sshfp],
    ['CAA', '0 issue letsencrypt.org', DNS_MESSAGES.caa],
    ['CAA', '0 policy "x"', DNS_MESSAGES.caa],
    ['CAA', '7 issue "x"', DNS_MESSAGES.caa],
    ['CAA', '0 iodef "not a url"', DNS_MESSAGES.caa],
  ] as const)('refuses %s %s', (rtype, value, message) => {
    expect(refusal(checkValue(rtype, value, false))).toBe(message);
  });
});

describe('TXT', () => {
  it('sends the text as one value; the box splits it into strings of at most 255 bytes itself', () => {
    const long = 'v=DKIM1; k=rsa; p=' + 'A'.repeat(400);
    expect(checkValue('TXT', long, false)).toEqual({ ok: true, value: long });
    expect(txtStrings(long).map((s) => s.length)).toEqual([255, 163]);
    expect(txtStrings(long).join('')).toBe(long);
    expect(txtStrings('short')).toEqual(['short']);
  });

  it('turns a value pasted as quoted strings into its text, so no quote is published', () => {
    expect(unquoteTxt('"v=DKIM1; k=rsa; " "p=MIIB"')).toBe('v=DKIM1; k=rsa; p=MIIB');
    expect(unquoteTxt('"say \\"hi\\""')).toBe('say "hi"');
    expect(unquoteTxt('v=spf1 "x"')).toBeNull();
    expect(checkValue('TXT', '"a" "b"', false)).toEqual({ ok: true, value: 'ab' });
    expect(removalValue('TXT', ' "a" "b" ')).toBe('ab');
  });

  it('refuses control characters and non-ASCII text', () => {
    expect(refusal(checkValue('TXT', 'a\tb', false))).toBe(DNS_MESSAGES.txtControl);
    expect(refusal(checkValue('TXT', 'grüße', false))).toBe(DNS_MESSAGES.txtAscii);
    expect(refusal(checkValue('TXT', '""', false))).toBe(DNS_MESSAGES.noValue);
  });
});

describe('TTL', () => {
  it("takes Power's bounds, refuses outside them and on upstream", () => {
    expect(checkTtl(undefined, false)).toEqual({ ok: true, value: undefined });
    expect(checkTtl(30, true)).toEqual({ ok: true, value: 30 });
    expect(checkTtl(2_592_000, true)).toEqual({ ok: true, value: 2_592_000 });
    expect(refusal(checkTtl(29, true))).toBe(DNS_MESSAGES.ttlRange);
    expect(refusal(checkTtl(2_592_001, true))).toBe(DNS_MESSAGES.ttlRange);
    expect(refusal(checkTtl(60.5, true))).toBe(DNS_MESSAGES.ttlRange);
    expect(refusal(checkTtl(300, false))).toBe(DNS_MESSAGES.ttlUpstream);
  });

  it('checks name, then value, then TTL, like the box', () => {
    const box = { zones: ZONES, ttlSupported: true };
    expect(checkRecord({ qname: 'x.example.net', rtype: 'A', value: 'bad', ttl: 1 }, box)).toMatchObject({
      field: 'qname',
    });
    expect(checkRecord({ qname: 'x.example.com', rtype: 'A', value: 'bad', ttl: 1 }, box)).toMatchObject({
      field: 'value',
    });
    expect(checkRecord({ qname: 'x.example.com', rtype: 'A', value: '1.2.3.4', ttl: 1 }, box)).toMatchObject({
      field: 'ttl',
    });
    expect(checkRecord({ qname: 'X.example.com', rtype: 'A', value: '1.2.3.4', ttl: 300 }, box)).toEqual({
      ok: true,
      value: {
        qname: 'x.example.com',
        rtype: 'A',
        value: '1.2.3.4',
        ttl: 300,
        zone: 'example.com',
        storedAs: '1.2.3.4',
      },
    });
  });
});
