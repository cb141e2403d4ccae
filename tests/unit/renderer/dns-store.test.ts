import { isRefusal } from '../../../src-renderer/stores/aliases-view';
import { checkRecordDraft, sortRecords } from '../../../src-renderer/stores/dns-view';
import { NOT_LOADED } from '../../../src-renderer/stores/server-state';
import type { FakeDnsBox } from './dns-fake-main';
import { fakeCore, settle } from './fake-core';
import { sampleBox } from './mail-fixtures';

function coreWithBox(flavour: FakeDnsBox['flavour'] = 'upstream') {
  const core = fakeCore();
  core.addElsewhere(sampleBox('box-1', 'mail-eu'));
  core.dns.boxes.set('box-1', {
    flavour,
    zones: ['example.com', 'example.org'],
    records: [
      { qname: 'www.example.org', rtype: 'CNAME', value: 'web.example.net.', ttl: null },
      { qname: 'example.com', rtype: 'TXT', value: 'google-site-verification=abc', ttl: null },
    ],
    secondary: ['xfr:192.0.2.5'],
  });
  return { core, dns: core.stores.dns };
}

const txt = (value: string) => ({ qname: 'example.com', rtype: 'TXT' as const, value });

describe('the DNS store', () => {
  it('lists the custom records with both of the box’s orders, and says why an upstream box has no TTLs', async () => {
    const { dns } = coreWithBox();
    expect(dns.getState().records['box-1'] ?? NOT_LOADED).toEqual(NOT_LOADED);
    await Promise.all([dns.getState().loadRecords('box-1'), dns.getState().loadCapabilities('box-1')]);
    const records = dns.getState().records['box-1']?.data ?? [];
    expect(sortRecords(records, 'byName').map((r) => r.qname)).toEqual(['example.com', 'www.example.org']);
    expect(sortRecords(records, 'created').map((r) => r.qname)).toEqual(['www.example.org', 'example.com']);
    expect(dns.getState().capabilities['box-1']?.data).toMatchObject({
      ttl: false,
      ttlAbsentReason: expect.stringMatching(/zone’s TTL/),
    });
  });

  it('adds a TXT record as checked, keeps the box’s report, and reads the records and External DNS again', async () => {
    const { core, dns } = coreWithBox();
    await Promise.all([
      dns.getState().loadCapabilities('box-1'),
      dns.getState().loadDump('box-1'),
      dns.getState().loadRecords('box-1'),
    ]);
    const caps = dns.getState().capabilities['box-1']?.data;
    if (!caps) throw new Error('no capabilities');
    const checked = checkRecordDraft({ qname: ' Test.Example.com ', rtype: 'TXT', value: 'hello', ttl: '600' }, caps);
    if (!checked.ok) throw new Error(checked.message);
    // Upstream keeps no TTL: what was typed in a hidden field is not sent.
    expect(checked.request).toEqual({ qname: 'test.example.com', rtype: 'TXT', value: 'hello' });
    const result = await dns.getState().save('box-1', checked.request, 'add');
    expect(result).toEqual({ ok: true, value: 'updated DNS: example.com\n' });
    expect(core.calls.find((call) => call.method === 'dns.custom.add')?.request).toEqual({
      boxId: 'box-1',
      ...checked.request,
    });
    await settle();
    expect(dns.getState().records['box-1']?.data?.map((r) => r.value)).toContain('hello');
    const zone = dns.getState().dump['box-1']?.data?.find((z) => z.zone === 'example.com');
    expect(zone?.records.some((r) => r.qname === 'test.example.com' && r.value === 'hello')).toBe(true);
  });

  it('hands back the box’s refusal verbatim and leaves the records and the last report alone', async () => {
    const { dns } = coreWithBox();
    await dns.getState().loadRecords('box-1');
    await dns.getState().save('box-1', txt('first'), 'add');
    await settle();
    const report = dns.getState().lastReport['box-1'];
    const refused = await dns.getState().save('box-1', { qname: 'www.example.net', rtype: 'A', value: '::1' }, 'add');
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.message).toBe(
      'www.example.net is not a domain name or a subdomain of a domain name managed by this box.',
    );
    expect(isRefusal(refused.error)).toBe(true);
    expect(dns.getState().lastReport['box-1']).toBe(report);
    expect(dns.getState().records['box-1']?.data).toHaveLength(3);
  });

  it('replaces every value with set, deletes one value, then all values of a name and type', async () => {
    const { core, dns } = coreWithBox('power');
    for (const value of ['one', 'two', 'three']) await dns.getState().save('box-1', txt(value), 'add');
    await dns.getState().save('box-1', { ...txt('only'), ttl: 300 }, 'set');
    await dns.getState().loadRecords('box-1');
    const txts = () => (dns.getState().records['box-1']?.data ?? []).filter((r) => r.rtype === 'TXT');
    expect(txts().map((r) => [r.value, r.ttl])).toEqual([['only', 300]]);

    await dns.getState().save('box-1', txt('again'), 'add');
    await dns.getState().remove('box-1', { qname: 'example.com', rtype: 'TXT', value: 'only' });
    await dns.getState().loadRecords('box-1');
    expect(txts().map((r) => r.value)).toEqual(['again']);

    await dns.getState().save('box-1', txt('more'), 'add');
    await dns.getState().remove('box-1', { qname: 'example.com', rtype: 'TXT' });
    await dns.getState().loadRecords('box-1');
    expect(txts()).toEqual([]);
    expect(core.calls.filter((call) => call.method === 'dns.custom.remove').at(-1)?.request).toEqual({
      boxId: 'box-1',
      qname: 'example.com',
      rtype: 'TXT',
    });
  });

  it('saves the secondary nameservers, and keeps the stored list when the box refuses a name it cannot resolve', async () => {
    const { dns } = coreWithBox();
    await dns.getState().loadSecondary('box-1');
    expect(dns.getState().secondary['box-1']?.data).toEqual(['xfr:192.0.2.5']);
    const saved = await dns.getState().saveSecondary('box-1', ['ns1.example.net', 'xfr:10.0.0.0/8']);
    expect(saved.ok).toBe(true);
    await settle();
    expect(dns.getState().secondary['box-1']?.data).toEqual(['ns1.example.net', 'xfr:10.0.0.0/8']);
    const refused = await dns.getState().saveSecondary('box-1', ['ns.nowhere.invalid']);
    expect(refused).toMatchObject({
      ok: false,
      error: { message: 'Could not resolve the IP address of ns.nowhere.invalid.' },
    });
    expect(dns.getState().secondary['box-1']?.data).toEqual(['ns1.example.net', 'xfr:10.0.0.0/8']);
  });

  it('hands a zone file to the desktop’s save dialog', async () => {
    const core = fakeCore({ saveDialog: { path: '/home/me/example.com.txt' }, mode: 'desktop' });
    core.addElsewhere(sampleBox('box-1'));
    core.dns.boxes.set('box-1', { flavour: 'upstream', zones: ['example.com'], records: [], secondary: [] });
    const dns = core.stores.dns.getState();
    const file = await dns.zonefile('box-1', 'example.com');
    if (!file.ok) throw new Error(file.error.message);
    expect(await dns.saveText(file.value.filename, file.value.text)).toEqual({
      ok: true,
      value: { path: '/home/me/example.com.txt' },
    });
    expect(core.saved).toEqual([
      { suggestedName: 'example.com.txt', path: '/home/me/example.com.txt', text: file.value.text },
    ]);
  });

  it('forgets a box that left the fleet', async () => {
    const { core, dns } = coreWithBox();
    await core.stores.fleet.getState().load();
    await Promise.all([dns.getState().loadRecords('box-1'), dns.getState().loadCapabilities('box-1')]);
    dns.getState().setOrder('box-1', 'created');
    await core.stores.boxActions.getState().remove('box-1');
    await settle();
    await settle();
    expect(dns.getState().records['box-1']).toBeUndefined();
    expect(dns.getState().order['box-1']).toBeUndefined();
  });
});
