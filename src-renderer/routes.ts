import { matchRoutes, type RouteObject } from 'react-router';
import { BOX_SECTIONS, type BoxSectionId } from './sections';

/** Where the user is. A box view names the box and which of its working sections is open. */
export type View =
  | { readonly screen: 'fleet' }
  /** Every box's alerts, active and past. */
  | { readonly screen: 'alerts' }
  /** Mail across the fleet: search, people, adding to several boxes, import and export. */
  | { readonly screen: 'mail'; readonly tab: MailFleetTab }
  /** DNS across the fleet: the outside check of every box. */
  | { readonly screen: 'dns' }
  /** Installing Mail-in-a-Box: the wizard and installs to reattach, or one install followed (`installId`). */
  | { readonly screen: 'install'; readonly installId?: string }
  | {
      readonly screen: 'box';
      readonly boxId: string;
      readonly section: 'overview' | BoxSectionId;
      /** A page inside the section: Mailboxes (its users when absent) or DNS (its custom records when absent). */
      readonly tab?: MailboxesTab | DnsTab;
    }
  /** A URL no screen answers to: a typo, an old link, or a section that is not available yet. */
  | { readonly screen: 'not-found'; readonly path: string };

/** The Mailboxes section's pages beside its users: the box's mail domains, and its mail client settings. */
export type MailboxesTab = 'domains' | 'guide';

/** The DNS section's pages beside its custom records: secondary nameservers, External DNS, the outside check. */
export type DnsTab = 'secondary' | 'external' | 'check';
export const DNS_TABS: readonly DnsTab[] = ['secondary', 'external', 'check'];

/** The fleet-wide mail screen's pages; `search` is the bare /mail. */
export type MailFleetTab = 'search' | 'people' | 'add' | 'transfer';
export const MAIL_FLEET_TABS: readonly MailFleetTab[] = ['search', 'people', 'add', 'transfer'];

export const FLEET_VIEW: View = { screen: 'fleet' };
export const ALERTS_VIEW: View = { screen: 'alerts' };
export const DNS_FLEET_VIEW: View = { screen: 'dns' };
export const INSTALL_VIEW: View = { screen: 'install' };

type Params = Readonly<Record<string, string | undefined>>;

interface ScreenRoute {
  readonly path: string;
  readonly toView: (params: Params) => View | null;
}

function boxView(section: 'overview' | BoxSectionId, tab?: MailboxesTab | DnsTab) {
  return ({ boxId }: Params): View | null =>
    boxId ? { screen: 'box', boxId, section, ...(tab === undefined ? {} : { tab }) } : null;
}

/**
 * The one route table. Only sections that work get a route, so a "Later" section has no URL that opens anything;
 * the sidebar offers exactly these (see sidebarEntries).
 */
export const SCREEN_ROUTES: readonly ScreenRoute[] = [
  // The bare address (a fresh start, or the printed browser-mode link) is the fleet.
  { path: '/', toView: () => FLEET_VIEW },
  { path: '/fleet', toView: () => FLEET_VIEW },
  { path: '/alerts', toView: () => ALERTS_VIEW },
  { path: '/dns', toView: () => DNS_FLEET_VIEW },
  { path: '/install', toView: () => INSTALL_VIEW },
  { path: '/install/:installId', toView: ({ installId }) => (installId ? { screen: 'install', installId } : null) },
  ...MAIL_FLEET_TABS.map((tab) => ({
    path: tab === 'search' ? '/mail' : `/mail/${tab}`,
    toView: (): View => ({ screen: 'mail', tab }),
  })),
  { path: '/box/:boxId', toView: boxView('overview') },
  ...BOX_SECTIONS.filter((section) => section.enabled).map((section) => ({
    path: `/box/:boxId/${section.id}`,
    toView: boxView(section.id),
  })),
  { path: '/box/:boxId/mailboxes/domains', toView: boxView('mailboxes', 'domains') },
  { path: '/box/:boxId/mailboxes/guide', toView: boxView('mailboxes', 'guide') },
  ...DNS_TABS.map((tab) => ({ path: `/box/:boxId/dns/${tab}`, toView: boxView('dns', tab) })),
];

const NOT_FOUND_ID = 'not-found';

/**
 * The table in react-router's shape. Box ids are case-sensitive, so every route is; the catch-all keeps the router
 * from treating an unknown URL as an error, since the app shows its own "no such screen" state.
 */
export const ROUTE_OBJECTS: RouteObject[] = [
  ...SCREEN_ROUTES.map((route, index) => ({ id: String(index), path: route.path, caseSensitive: true })),
  { id: NOT_FOUND_ID, path: '*' },
];

/** The view a location's path names. */
export function viewForPath(path: string): View {
  const leaf = matchRoutes(ROUTE_OBJECTS, path)?.at(-1);
  const route = leaf === undefined ? undefined : SCREEN_ROUTES[Number(leaf.route.id)];
  return route?.toView(leaf?.params ?? {}) ?? { screen: 'not-found', path };
}

/** The path of a view; box ids are encoded so any id survives the trip through the URL. */
export function pathForView(view: View): string {
  switch (view.screen) {
    case 'fleet':
      return '/fleet';
    case 'alerts':
      return '/alerts';
    case 'dns':
      return '/dns';
    case 'install':
      return view.installId === undefined ? '/install' : `/install/${encodeURIComponent(view.installId)}`;
    case 'mail':
      return view.tab === 'search' ? '/mail' : `/mail/${view.tab}`;
    case 'box': {
      const box = `/box/${encodeURIComponent(view.boxId)}`;
      const section = view.section === 'overview' ? box : `${box}/${view.section}`;
      return view.tab === undefined ? section : `${section}/${view.tab}`;
    }
    case 'not-found':
      return view.path;
  }
}

export function sameView(a: View, b: View): boolean {
  return pathForView(a) === pathForView(b);
}

export interface SidebarEntry {
  readonly label: string;
  /** null for a section that is not available yet: it has no route. */
  readonly view: View | null;
  readonly current: boolean;
}

/** The box's entries in the sidebar, in the route table's terms: Overview, then every section, working or not. */
export function sidebarEntries(boxId: string, current: View): readonly SidebarEntry[] {
  const overview: View = { screen: 'box', boxId, section: 'overview' };
  const entries = [{ label: 'Overview', view: overview as View | null }].concat(
    BOX_SECTIONS.map((section) => {
      const view: View = { screen: 'box', boxId, section: section.id };
      // A section is offered only when the route table answers to its path.
      return { label: section.label, view: viewForPath(pathForView(view)).screen === 'box' ? view : null };
    }),
  );
  // A section's entry stays current on its inner pages (the Mailboxes section's domains and mail guide).
  const section: View = current.screen === 'box' ? { ...current, tab: undefined } : current;
  return entries.map((entry) => ({ ...entry, current: entry.view !== null && sameView(entry.view, section) }));
}
