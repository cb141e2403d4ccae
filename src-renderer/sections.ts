/** The parts of a box the sidebar offers once a box is selected, in the order Mail-in-a-Box's own panel uses. */
export type BoxSectionId = 'mailboxes' | 'aliases' | 'dns' | 'tls' | 'backups' | 'pgp' | 'system' | 'checks';

export interface BoxSectionDef {
  readonly id: BoxSectionId;
  readonly label: string;
  /**
   * Only sections that really work are enabled: no screen pretends. Flip this when a section lands: the route table
   * (routes.ts) then gives it a URL and its sidebar entry starts working.
   */
  readonly enabled: boolean;
}

export const COMING_LATER = 'Coming in a later release';

export const BOX_SECTIONS: readonly BoxSectionDef[] = [
  { id: 'mailboxes', label: 'Mailboxes', enabled: true },
  { id: 'aliases', label: 'Aliases', enabled: true },
  { id: 'dns', label: 'DNS', enabled: true },
  { id: 'tls', label: 'TLS', enabled: false },
  { id: 'backups', label: 'Backups', enabled: false },
  { id: 'pgp', label: 'PGP', enabled: false },
  { id: 'system', label: 'System', enabled: false },
  { id: 'checks', label: 'Status checks', enabled: true },
];
