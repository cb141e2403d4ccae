import type { z } from 'zod';
import type { detectionSchema } from '../../../src-shared/contract/boxes';

/** One sentence about what was found on a box, for people (the JSON carries the fields). */
export function describeDetection(d: z.infer<typeof detectionSchema>): string {
  if (!d.miab) return d.note ?? 'No Mail-in-a-Box was found there.';
  const what = `Mail-in-a-Box ${d.flavour === 'power' ? '(Power fork) ' : ''}${d.version ?? ''}`.trim();
  const admin = d.admin ? 'with admin access' : `without admin access${d.note ? ` (${d.note})` : ''}`;
  return `${what}${d.hostname ? ` on ${d.hostname}` : ''}, ${admin}.`;
}
