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

/** A draft id as boxes.connect makes it (`draft-` and 12 hex digits); bounded, so a caller's string costs nothing. */
export const draftIdSchema = z
  .string()
  .max(40)
  .regex(/^draft-[a-z0-9]{1,32}$/, 'That is not a draft id.');

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
      credential: credentialInputSchema
        .optional()
        .describe('Needed with a jump host, to log in to it; when given it is checked before the host is contacted'),
      /** With the user, a server the fleet already reaches is refused as in boxes.connect, before any contact. */
      user: z.string().trim().min(1).optional(),
      replaces: boxIdSchema.optional(),
    }),
    hostKeyCheckSchema,
  ),
  generateKey: method(
    'Makes a new ed25519 key pair for a box; the private half stays in main',
    z.object({}).strict(),
    z.object({ keyId: z.string(), publicKey: z.string(), authorizeCommand: z.string() }),
  ),
  connect: method(
    'Logs in with a credential (after the host key was confirmed) and detects Mail-in-a-Box; nothing is saved yet. ' +
      'A server the fleet already reaches (same host, port and user) is refused before it is contacted: code ' +
      '`conflict`, `detail: { boxId, name }` of the existing box',
    targetSchema.extend({
      credential: credentialInputSchema,
      acceptHostKey: z.string().optional(),
      /** When editing a saved box's connection: its own server is not a duplicate (see `conflict` below). */
      replaces: boxIdSchema.optional(),
    }),
    z.object({ draftId: draftIdSchema, hostKey: hostKeySchema, detection: detectionSchema }),
  ),
  save: method(
    'Saves a connected draft as a box: its credential goes to the keychain, its host key is pinned. ' +
      'Refuses a duplicate server like boxes.connect (`conflict` with `detail: { boxId, name }`)',
    z.object({
      draftId: draftIdSchema,
      name: boxNameSchema,
      tags: tagsSchema.default([]),
      /** Edit a saved box's connection: keep its id and history, replace its profile and credential. */
      replaces: boxIdSchema.optional(),
    }),
    boxSchema,
  ),
  discard: method('Forgets a draft that was not saved', z.object({ draftId: draftIdSchema }), z.object({})),
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
