import { join } from 'node:path';
import type { StoreProblem } from '../../src-shared/contract/app';
import { JsonFile } from '../store/json-file';
import {
  emptyKnownHosts,
  knownHostsDataSchema,
  type KnownHostsData,
  type KnownHostsStorage,
} from './known-hosts-storage';

/** `known-hosts.json` in the data directory: the host keys the admin confirmed. */
export function openKnownHostsStorage(dataDir: string, onProblem: (p: StoreProblem) => void): KnownHostsStorage {
  const file = new JsonFile<KnownHostsData>(join(dataDir, 'known-hosts.json'), {
    version: 1,
    schema: knownHostsDataSchema,
    empty: emptyKnownHosts,
    onProblem,
  });
  return { load: () => file.readOrEmpty(), save: (data) => file.write(data) };
}
