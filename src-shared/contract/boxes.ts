import { z } from 'zod';
import {
  boxIdSchema,
  boxNameSchema,
  boxPathsSchema,
  boxSchema,
  flavourSchema,
  hostSchema,
  jumpHostSchema,
  portSchema,
} from '../domain/box';
import { credentialInputSchema, hostKeySchema } from '../domain/credentials';
import { method } from './define';

const tagsSchema = z.array(z.string().trim().min(1).max(40)).max(20);

/** Where to connect, before a box exists. */
export const targetSchema = z.object({
  host: hostSchema,
  port: portSchema.default(22),
  user: z.string().trim().min(1, 'Enter the SSH user.'),
  jumpHost: jumpHostSchema.optional(),
  apiPort: portSchema.default(10222),
  paths: boxPathsSchema.optional(),
});

export const hostKeyCheckSchema = hostKeySchema.extend({
  status: z.enum(['trusted', 'unknown', 'mismatch']),
  /** The fingerprint on record when the status is mismatch. */
  expected: z.string().optional(),
});

/** What Boxfleet found on the box at first contact. */
export const detectionSchema = z.object({
  miab: z.boolean(),
  flavour: flavourSchema.optional(),
  version: z.string().optional(),
  hostname: z.string().optional(),
  /** The login user could read the API key (root, or passwordless sudo). */
  admin: z.boolean(),
  /** What to do when something is missing. */
  note: z.string().optional(),
});

export const boxesMethods = {
  list: method('Every box in the fleet registry', z.object({}).strict(), z.array(boxSchema)),
  get: method('One box by id', z.object({ boxId: boxIdSchema }), boxSchema),
  probe: method(
    'First contact: the host key the server presents, and whether it is known',
    targetSchema.pick({ host: true, port: true, jumpHost: true }).extend({
      credential: credentialInputSchema.optional().describe('Needed only with a jump host, to log in to it'),
    }),
    hostKeyCheckSchema,
  ),
  generateKey: method(
    'Makes a new ed25519 key pair for a box; the private half stays in main',
    z.object({}).strict(),
    z.object({ keyId: z.string(), publicKey: z.string(), authorizeCommand: z.string() }),
  ),
  connect: method(
    'Logs in with a credential (after the host key was confirmed) and detects Mail-in-a-Box; nothing is saved yet',
    targetSchema.extend({ credential: credentialInputSchema, acceptHostKey: z.string().optional() }),
    z.object({ draftId: z.string(), hostKey: hostKeySchema, detection: detectionSchema }),
  ),
  save: method(
    'Saves a connected draft as a box: its credential goes to the keychain, its host key is pinned',
    z.object({
      draftId: z.string(),
      name: boxNameSchema,
      tags: tagsSchema.default([]),
      /** Edit a saved box's connection: keep its id and history, replace its profile and credential. */
      replaces: boxIdSchema.optional(),
    }),
    boxSchema,
  ),
  discard: method('Forgets a draft that was not saved', z.object({ draftId: z.string() }), z.object({})),
  update: method(
    'Renames or retags a box',
    z.object({ boxId: boxIdSchema, name: boxNameSchema.optional(), tags: tagsSchema.optional() }),
    boxSchema,
  ),
  remove: method('Removes a box and its keychain entries', z.object({ boxId: boxIdSchema }), z.object({})),
  test: method(
    'Connects to a saved box and reports what works',
    z.object({ boxId: boxIdSchema, acceptHostKey: z.string().optional() }),
    z.object({ hostKey: hostKeySchema, detection: detectionSchema, roundTripMs: z.number() }),
  ),
  sshConfigHosts: method(
    'Hosts from ~/.ssh/config, to pick one when adding a box',
    z.object({}).strict(),
    z.array(
      z.object({
        alias: z.string(),
        host: z.string(),
        port: portSchema,
        user: z.string().optional(),
        identityFile: z.string().optional(),
        proxyJump: z.string().optional(),
      }),
    ),
  ),
};
