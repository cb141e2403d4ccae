import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import type { Core } from '../compose/core';

/** The CLI names boxes; the contract takes ids. */
export async function findBoxByName(core: Core, name: string): Promise<Result<Box>> {
  const list = await core.router.call('boxes.list', {}, { face: 'cli' });
  if (!list.ok) return list;
  const box = (list.value as Box[]).find((b) => b.name.toLowerCase() === name.toLowerCase() || b.id === name);
  return box ? ok(box) : fail('not-found', `There is no box called "${name}". \`boxfleet box list\` shows the fleet.`);
}
