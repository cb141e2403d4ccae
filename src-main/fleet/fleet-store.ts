import { join } from 'node:path';
import { z } from 'zod';
import { boxSchema } from '../../src-shared/domain/box';
import type { StoreProblem } from '../../src-shared/contract/app';
import { JsonFile } from '../store/json-file';

export const fleetDataSchema = z.object({ boxes: z.array(boxSchema) });
export type FleetData = z.infer<typeof fleetDataSchema>;

/** `fleet.json`: the registry of boxes (no secrets). */
export function openFleetFile(dataDir: string, onProblem: (p: StoreProblem) => void): JsonFile<FleetData> {
  return new JsonFile(join(dataDir, 'fleet.json'), {
    version: 1,
    schema: fleetDataSchema,
    empty: () => ({ boxes: [] }),
    onProblem,
  });
}
