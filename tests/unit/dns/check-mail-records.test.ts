import {
  dkimProblem,
  dmarcProblem,
  mtaStsProblem,
  spfProblem,
  tlsaProblem,
} from '../../../src-main/dns/check/mail-records';

describe('mail policy records: well-formed or not', () => {
  test('SPF', () => {
    expect(spfProblem('v=spf1 mx -all')).toBeNull();
    expect(spfProblem('v=spf1 mx ip4:203.0.113.0/24 ip6:2001:db8::/32 include:_spf.example.net ~all')).toBeNull();
    expect(spfProblem('v=spf1 redirect=_spf.example.net')).toBeNull();
    expect(spfProblem('spf1 mx -all')).toMatch(/v=spf1/);
    expect(spfProblem('v=spf1 mx ip4:nope -all')).toMatch(/ip4:nope/);
  });

  test('DKIM', () => {
    expect(dkimProblem('v=DKIM1; h=sha256; k=rsa; s=email; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC7')).toBeNull();
    expect(dkimProblem('v=DKIM1; k=rsa; p=')).toMatch(/revoked/);
    expect(dkimProblem('v=DKIM1; k=rsa')).toMatch(/no public key/);
    expect(dkimProblem('v=DKIM1; p=not base64!')).toMatch(/base64/);
    expect(dkimProblem('v=DKIM1 p=abc')).not.toBeNull();
  });

  test('DMARC', () => {
    expect(dmarcProblem('v=DMARC1; p=quarantine;')).toBeNull();
    expect(dmarcProblem('v=DMARC1; p=reject; rua=mailto:d@example.com')).toBeNull();
    expect(dmarcProblem('v=DMARC1;')).toMatch(/no policy/);
    expect(dmarcProblem('v=DMARC1; p=maybe')).toMatch(/p=maybe/);
    expect(dmarcProblem('p=reject; v=DMARC1')).toMatch(/start/);
  });

  test('MTA-STS and TLSA', () => {
    expect(mtaStsProblem('v=STSv1; id=20240101T000000')).toBeNull();
    expect(mtaStsProblem('v=STSv1;')).toMatch(/id=/);
    expect(tlsaProblem(`3 1 1 ${'ab'.repeat(32)}`)).toBeNull();
    expect(tlsaProblem(`3 1 1 ${'ab'.repeat(31)}`)).toMatch(/32 bytes/);
    expect(tlsaProblem(`4 1 1 ${'ab'.repeat(32)}`)).toMatch(/usage/);
  });
});
