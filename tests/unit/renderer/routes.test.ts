import { pathForView, sidebarEntries, viewForPath, type View } from '../../../src-renderer/routes';
import { createNavigationRouter } from '../../../src-renderer/routes-router';
import { BOX_SECTIONS } from '../../../src-renderer/sections';
import { createNavigationStore } from '../../../src-renderer/stores/navigation-store';

describe('the route table', () => {
  it.each<[string, View]>([
    ['/', { screen: 'fleet' }],
    ['/fleet', { screen: 'fleet' }],
    ['/alerts', { screen: 'alerts' }],
    ['/box/box-one', { screen: 'box', boxId: 'box-one', section: 'overview' }],
    ['/box/box-one/mailboxes', { screen: 'box', boxId: 'box-one', section: 'mailboxes' }],
    ['/dns', { screen: 'dns' }],
    ['/box/box-one/dns', { screen: 'box', boxId: 'box-one', section: 'dns' }],
    ['/box/box-one/dns/external', { screen: 'box', boxId: 'box-one', section: 'dns', tab: 'external' }],
  ])('reads %s', (path, view) => {
    expect(viewForPath(path)).toEqual(view);
  });

  it.each(['/nowhere', '/box', '/box//mailboxes', '/box/box-one/nowhere', '/FLEET', 'main'])(
    'has no screen at %s',
    (path) => {
      expect(viewForPath(path)).toEqual({ screen: 'not-found', path });
    },
  );

  it('gives a section that is not available yet no route that works', () => {
    const later = BOX_SECTIONS.filter((section) => !section.enabled);
    expect(later.length).toBeGreaterThan(0);
    for (const section of later) {
      const path = pathForView({ screen: 'box', boxId: 'box-one', section: section.id });
      expect(viewForPath(path)).toEqual({ screen: 'not-found', path });
    }
  });

  it.each(['box-one', 'a/b c?d#e%f', 'ÄÖ-ü', '..', 'MiXeD'])('takes box id %j through a URL and back', (boxId) => {
    for (const section of ['overview', 'mailboxes'] as const) {
      const view: View = { screen: 'box', boxId, section };
      const path = pathForView(view);
      expect(path).toMatch(/^\/box\/[^/?#]+(\/mailboxes)?$/);
      expect(viewForPath(path)).toEqual(view);
    }
  });

  it('derives the sidebar from the table: every section listed, only routed ones enabled, the open one current', () => {
    const entries = sidebarEntries('box-one', { screen: 'box', boxId: 'box-one', section: 'mailboxes' });
    expect(entries.map((entry) => entry.label)).toEqual(['Overview', ...BOX_SECTIONS.map((s) => s.label)]);
    expect(entries.filter((entry) => entry.view !== null).map((entry) => entry.label)).toEqual([
      'Overview',
      ...BOX_SECTIONS.filter((s) => s.enabled).map((s) => s.label),
    ]);
    expect(entries.filter((entry) => entry.current).map((entry) => entry.label)).toEqual(['Mailboxes']);
    expect(sidebarEntries('box-one', { screen: 'fleet' }).some((entry) => entry.current)).toBe(false);
  });
});

describe('navigation backed by the router', () => {
  it('opens on the screen the URL names, as after a reload or from a deep link', () => {
    const navigation = createNavigationStore(createNavigationRouter('/box/box-one/mailboxes'));
    expect(navigation.getState()).toMatchObject({
      view: { screen: 'box', boxId: 'box-one', section: 'mailboxes' },
      selectedBoxId: 'box-one',
    });
  });

  it('puts every screen in the history, so Back and Forward move between screens', async () => {
    const router = createNavigationRouter('/');
    const navigation = createNavigationStore(router);
    navigation.getState().openBox('box-one');
    navigation.getState().openBox('box-one', 'mailboxes');
    expect(router.state.location.pathname).toBe('/box/box-one/mailboxes');

    await router.navigate(-1);
    expect(navigation.getState().view).toEqual({ screen: 'box', boxId: 'box-one', section: 'overview' });
    await router.navigate(-1);
    expect(navigation.getState()).toMatchObject({ view: { screen: 'fleet' }, selectedBoxId: 'box-one' });
    await router.navigate(1);
    expect(navigation.getState().view).toEqual({ screen: 'box', boxId: 'box-one', section: 'overview' });
  });

  it('replaces the screen of a forgotten box with the fleet, so Back does not return to it', async () => {
    const router = createNavigationRouter('/fleet');
    const navigation = createNavigationStore(router);
    navigation.getState().openBox('box-one');
    navigation.getState().openBox('box-two');
    navigation.getState().forgetBox('box-two');
    expect(navigation.getState()).toMatchObject({ view: { screen: 'fleet' }, selectedBoxId: null });
    expect(router.state.location.pathname).toBe('/fleet');
    await router.navigate(-1);
    expect(navigation.getState().view).toEqual({ screen: 'box', boxId: 'box-one', section: 'overview' });
  });
});
