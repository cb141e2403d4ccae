import {
  aliasCheckUsers,
  checkAliasDraft,
  countAliases,
  draftKind,
  filterAliases,
  splitAddresses,
} from '../../../src-renderer/stores/aliases-view';
import { NOT_LOADED } from '../../../src-renderer/stores/server-state';
import { isRefusal } from '../../../src-renderer/stores/aliases-view';
import { fakeCore, settle } from './fake-core';
import { MAIL_USERS, POSTMASTER, sampleBox } from './mail-fixtures';

function coreWithBox() {
  const core = fakeCore({ users: MAIL_USERS });
  core.addElsewhere(sampleBox('box-1', 'mail-eu'));
  core.mailAliases.byBox.set('box-1', [POSTMASTER]);
  return { core, aliases: core.stores.aliases };
}

const draft = (address: string, forwardsTo = '', permittedSenders = '') => ({ address, forwardsTo, permittedSenders });

describe('the aliases store', () => {
  it('lists the box’s aliases by domain, the automatic ones among them', async () => {
    const { aliases } = coreWithBox();
    expect(aliases.getState().byBox['box-1'] ?? NOT_LOADED).toEqual(NOT_LOADED);
    await aliases.getState().load('box-1');
    expect(aliases.getState().byBox['box-1']).toMatchObject({
      status: 'ready',
      data: [{ domain: 'example.com', aliases: [{ address: 'postmaster@example.com', auto: true }] }],
    });
  });

  it('adds an alias with both lists split as the box splits them, keeps the box’s report and reads the list again', async () => {
    const { core, aliases } = coreWithBox();
    const result = await aliases
      .getState()
      .save(
        'box-1',
        draft(' sales@example.com ', 'alice@example.com,\n me@example.com\n\n', 'alice@example.com'),
        false,
      );
    expect(result).toEqual({ ok: true, value: 'alias added\nupdated DNS: OpenDKIM configuration\n' });
    expect(core.calls.find((call) => call.method === 'mailboxes.aliases.add')?.request).toEqual({
      boxId: 'box-1',
      address: 'sales@example.com',
      forwardsTo: ['alice@example.com', 'me@example.com'],
      permittedSenders: ['alice@example.com'],
      update: false,
    });
    expect(aliases.getState().lastReport['box-1']).toMatch(/^alias added\n/);
    await settle();
    const listed = aliases.getState().byBox['box-1']?.data?.[0]?.aliases.map((alias) => alias.address);
    expect(listed).toEqual(['postmaster@example.com', 'sales@example.com']);
  });

  it('hands back the box’s refusal verbatim and leaves the list and the last report alone', async () => {
    const { aliases } = coreWithBox();
    await aliases.getState().save('box-1', draft('sales@example.com', 'alice@example.com'), false);
    await settle();
    const report = aliases.getState().lastReport['box-1'];
    const refused = await aliases.getState().save('box-1', draft('Sales@example.com', 'me@example.com'), false);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.message).toBe('Alias already exists (sales@example.com).');
    expect(isRefusal(refused.error)).toBe(true);
    expect(aliases.getState().lastReport['box-1']).toBe(report);
    expect(aliases.getState().byBox['box-1']?.data?.[0]?.aliases).toHaveLength(2);
  });

  it('replaces both lists on an edit, and removes only user-made aliases', async () => {
    const { aliases } = coreWithBox();
    await aliases.getState().save('box-1', draft('sales@example.com', 'alice@example.com', 'alice@example.com'), false);
    const edited = await aliases.getState().save('box-1', draft('sales@example.com', 'me@example.com'), true);
    expect(edited).toMatchObject({ ok: true, value: expect.stringMatching(/^alias updated/) });
    await aliases.getState().load('box-1');
    const sales = aliases
      .getState()
      .byBox['box-1']?.data?.[0]?.aliases.find((alias) => alias.address === 'sales@example.com');
    expect(sales).toMatchObject({ forwardsTo: ['me@example.com'], permittedSenders: [] });

    const auto = await aliases.getState().remove('box-1', 'postmaster@example.com');
    expect(auto).toMatchObject({ ok: false, error: { message: "That's not an alias (postmaster@example.com)." } });
    expect(await aliases.getState().remove('box-1', 'sales@example.com')).toEqual({
      ok: true,
      value: 'alias removed\n',
    });
  });

  it('forgets a box that left the fleet, with its filter and report', async () => {
    const { core, aliases } = coreWithBox();
    await aliases.getState().load('box-1');
    aliases.getState().setFilter('box-1', 'post');
    await core.stores.boxActions.getState().remove('box-1');
    await core.stores.fleet.getState().load();
    expect(aliases.getState().byBox['box-1']).toBeUndefined();
    expect(aliases.getState().filter['box-1']).toBeUndefined();
  });
});

describe('alias drafts', () => {
  it('splits lists on commas and newlines, dropping empty parts', () => {
    expect(splitAddresses(' a@x.com,b@x.com\n\n c@x.com ,')).toEqual(['a@x.com', 'b@x.com', 'c@x.com']);
    expect(splitAddresses('  \n ')).toEqual([]);
  });

  it('tells the kinds apart as the box does', () => {
    expect(draftKind(draft('info@x.com', 'a@x.com'))).toBe('regular');
    expect(draftKind(draft('@x.com', 'a@x.com'))).toBe('catch-all');
    expect(draftKind(draft('@x.com', '@y.com'))).toBe('domain-alias');
    expect(draftKind(draft('@x.com', '@y.com, @z.com'))).toBe('catch-all');
    expect(draftKind(draft('noreply@x.com', '', 'me@x.com'))).toBe('send-only');
  });

  it('checks before sending with the box’s words, leaving to the box what needs its users when they are not known', () => {
    const users = aliasCheckUsers(MAIL_USERS);
    expect(checkAliasDraft(draft(''), users)).toEqual({ field: 'address', message: 'No email address provided.' });
    expect(checkAliasDraft(draft('sales@example.com'), users)).toEqual({
      field: 'forwardsTo',
      message: 'The alias must either forward to an address or have a permitted sender.',
    });
    expect(checkAliasDraft(draft('sales@example.com', 'a@x..com'), users)).toEqual({
      field: 'forwardsTo',
      message: 'Invalid receiver email address (a@x..com).',
    });
    expect(checkAliasDraft(draft('sales@example.com', '', 'nobody@example.com'), users)).toEqual({
      field: 'permittedSenders',
      message: 'Invalid permitted sender: nobody@example.com is not a user on this system.',
    });
    // A DCV address may only forward to admins: alice is none, me@ is one.
    expect(checkAliasDraft(draft('abuse@example.com', 'alice@example.com'), users)?.message).toMatch(
      /^This alias can only have administrators/,
    );
    expect(checkAliasDraft(draft('abuse@example.com', 'me@example.com'), users)).toBeNull();
    // Without the box's users, the box decides.
    expect(checkAliasDraft(draft('sales@example.com', '', 'nobody@example.com'), null)).toBeNull();
    expect(checkAliasDraft(draft('@bücher.example', '@example.com'), null)).toBeNull();
  });

  it('filters on either form of the address, the kind and the lists, and counts user-made apart from automatic', () => {
    const groups = [
      {
        domain: 'bücher.example',
        aliases: [
          {
            address: '@xn--bcher-kva.example',
            display: '@bücher.example',
            kind: 'domain-alias' as const,
            auto: false,
            forwardsTo: ['@example.com'],
            permittedSenders: [],
          },
        ],
      },
      { domain: 'example.com', aliases: [POSTMASTER] },
    ];
    const shown = (query: string) => filterAliases(groups, query).flatMap((g) => g.aliases.map((a) => a.address));
    expect(shown('BÜCHER')).toEqual(['@xn--bcher-kva.example']);
    expect(shown('xn--bcher')).toEqual(['@xn--bcher-kva.example']);
    expect(shown('domain alias')).toEqual(['@xn--bcher-kva.example']);
    expect(shown('me@example')).toEqual(['postmaster@example.com']);
    expect(shown('nothing')).toEqual([]);
    expect(countAliases(groups)).toEqual({ made: 1, auto: 1 });
  });
});
