/**
 * Web routes (§4.7, Power §6.3.5).
 */
import { json, text, htmlError } from '../respond';
import type { EmuBox, EmuResponse, RouteDef } from '../types';
import { webDomainsInfo, webUpdate } from '../web';

const BOTH = ['upstream', 'power'] as const;

function update(_req: unknown, box: EmuBox): EmuResponse {
  try {
    return text(webUpdate(box));
  } catch (e) {
    // Power's view catches the exception and answers it as text; upstream lets it reach Flask.
    if (box.state.flavour === 'power') return text((e as Error).message, 500);
    return htmlError(500);
  }
}

export const webRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/web/domains',
    auth: 'admin',
    flavours: BOTH,
    handler: (_r, box) => json(webDomainsInfo(box)),
  },
  { method: 'POST', path: '/web/update', auth: 'admin', flavours: BOTH, handler: update },
];
