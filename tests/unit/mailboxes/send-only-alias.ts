import type { AliasGroup } from '../../../src-shared/domain/miab';

/**
 * A send-only alias as the box lists it (§4.3.1): nothing stored as its forward-to, which the box splits into
 * `[""]`. Export and import both have to read that as "forwards to nobody".
 */
export const SEND_ONLY_ALIAS: AliasGroup[] = [
  {
    domain: 'example.com',
    aliases: [
      {
        address: 'news@example.com',
        address_display: 'news@example.com',
        auto: false,
        forwards_to: [''],
        permitted_senders: ['alice@example.com'],
      },
    ],
  },
];
