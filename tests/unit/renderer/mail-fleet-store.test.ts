import type { FleetMailHit } from '../../../src-shared/contract/mail-fleet';
import { filterPeople, groupPeople, mailboxLabel } from '../../../src-renderer/stores/mail-fleet-view';
import { pathForView, viewForPath, type View } from '../../../src-renderer/routes';
import { fakeCore } from './fake-core';
import { MAIL_USERS, sampleBox } from './mail-fixtures';

function fleetOfTwo() {
  const core = fakeCore({ users: MAIL_USERS });
  core.addElsewhere(sampleBox('box-1', 'mail-eu'));
  core.addElsewhere(sampleBox('box-2', 'mail-us'));
  return { core, mail: core.stores.mailFleet };
}

const hit = (change: Partial<FleetMailHit>): FleetMailHit => ({
  boxId: 'box-1',
  boxName: 'mail-eu',
  kind: 'user',
  address: 'carol@example.com',
  display: 'carol@example.com',
  domain: 'example.com',
  status: 'active',
  admin: false,
  auto: false,
  forwardsTo: [],
  permittedSenders: [],
  ...change,
});

describe('mail across the fleet', () => {
  it('searches every box; a box that cannot be asked is listed apart and the others still answer', async () => {
    const { core, mail } = fleetOfTwo();
    core.mailAliases.down.add('box-2');
    mail.getState().setQuery('  alice ');
    await mail.getState().search();
    const found = mail.getState().found;
    expect(found.status).toBe('ready');
    expect(found.data?.text).toBe('alice');
    expect(found.data?.hits.map((h) => [h.boxName, h.address])).toEqual([['mail-eu', 'alice@example.com']]);
    expect(found.data?.failures).toMatchObject([{ boxName: 'mail-us', error: { code: 'host-unreachable' } }]);
  });

  it('adds one alias to several boxes with an outcome per box, in the order asked, each refusal verbatim', async () => {
    const { core, mail } = fleetOfTwo();
    core.mailAliases.byBox.set('box-2', [
      {
        address: 'sales@example.com',
        display: 'sales@example.com',
        kind: 'regular',
        auto: false,
        forwardsTo: ['me@example.com'],
        permittedSenders: [],
      },
    ]);
    const request = {
      boxIds: ['box-2', 'box-1'],
      address: 'sales@example.com',
      forwardsTo: ['alice@example.com'],
      permittedSenders: [],
      update: false,
    };
    await mail.getState().addAlias(request);
    expect(mail.getState().bulk).toMatchObject({
      status: 'done',
      what: 'sales@example.com',
      outcomes: [
        {
          ok: false,
          boxName: 'mail-us',
          error: { code: 'box-api-error', message: 'Alias already exists (sales@example.com).' },
        },
        { ok: true, boxName: 'mail-eu', report: expect.stringMatching(/^alias added/) },
      ],
    });
  });

  it('reads the people view again after a change, so it does not show a fleet from before', async () => {
    const { core, mail } = fleetOfTwo();
    await mail.getState().loadEveryone();
    const before = core.calls.filter((call) => call.method === 'mail.find').length;
    await mail.getState().addAlias({
      boxIds: ['box-1'],
      address: 'help@example.com',
      forwardsTo: ['alice@example.com'],
      permittedSenders: [],
      update: false,
    });
    expect(core.calls.filter((call) => call.method === 'mail.find').length).toBe(before + 1);
  });

  it('groups users into people by address across boxes, with the aliases that reach them in either form', () => {
    const people = groupPeople([
      hit({}),
      hit({ boxId: 'box-2', boxName: 'mail-us', address: 'Carol@example.com', admin: true }),
      hit({ address: 'bob@xn--bcher-kva.example', display: 'bob@bücher.example', domain: 'bücher.example' }),
      hit({
        kind: 'alias',
        address: 'help@example.com',
        display: 'help@example.com',
        forwardsTo: ['carol@example.com'],
      }),
      hit({ kind: 'alias', address: 'b@example.com', display: 'b@example.com', forwardsTo: ['bob@bücher.example'] }),
    ]);
    expect(
      people.map((person) => [person.key, person.mailboxes.length, person.forwardedFrom.map((a) => a.address)]),
    ).toEqual([
      ['bob@xn--bcher-kva.example', 1, ['b@example.com']],
      ['carol@example.com', 2, ['help@example.com']],
    ]);
    expect(people[1]?.mailboxes.map(mailboxLabel)).toEqual(['active', 'active, admin']);
    expect(filterPeople(people, 'MAIL-US').map((person) => person.key)).toEqual(['carol@example.com']);
    expect(filterPeople(people, 'bücher').map((person) => person.key)).toEqual(['bob@xn--bcher-kva.example']);
  });

  it.each<[string, View]>([
    ['/mail', { screen: 'mail', tab: 'search' }],
    ['/mail/people', { screen: 'mail', tab: 'people' }],
    ['/mail/add', { screen: 'mail', tab: 'add' }],
    ['/mail/transfer', { screen: 'mail', tab: 'transfer' }],
  ])('has the Mail page %s in the route table, there and back', (path, view) => {
    expect(viewForPath(path)).toEqual(view);
    expect(pathForView(view)).toBe(path);
  });

  it('opens the Mail screen from the navigation store', () => {
    const { core } = fleetOfTwo();
    core.stores.navigation.getState().showMail('people');
    expect(core.stores.navigation.getState().view).toEqual({ screen: 'mail', tab: 'people' });
    expect(viewForPath('/mail/nowhere').screen).toBe('not-found');
  });
});
