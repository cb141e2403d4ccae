import { z } from 'zod';

/** Where a real Mail-in-a-Box keeps the files Boxfleet reads over SSH (§7 of the API reference). */
export const DEFAULT_BOX_PATHS = {
  apiKey: '/var/lib/mailinabox/api.key',
  conf: '/etc/mailinabox.conf',
  storageRoot: '/home/user-data',
} as const;

/** A box's file locations: real boxes use the defaults; the emulator moves them. */
export const boxPathsSchema = z.object({
  apiKey: z.string().min(1).default(DEFAULT_BOX_PATHS.apiKey),
  conf: z.string().min(1).default(DEFAULT_BOX_PATHS.conf),
  storageRoot: z.string().min(1).default(DEFAULT_BOX_PATHS.storageRoot),
});
export type BoxPaths = z.infer<typeof boxPathsSchema>;

export const flavourSchema = z.enum(['upstream', 'power']);
export type Flavour = z.infer<typeof flavourSchema>;

export const boxIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'box ids are lowercase letters, digits and hyphens');
export type BoxId = z.infer<typeof boxIdSchema>;

/** A box name as the admin types it; also what the CLI takes as NAME. */
export const boxNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the box a name.')
  .max(64, 'Box names are at most 64 characters.')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'Box names use letters, digits, dot, underscore and hyphen, and start with a letter or digit.',
  );

export const hostSchema = z
  .string()
  .trim()
  .min(1, 'Enter a host name or IP address.')
  .max(253)
  .regex(/^[A-Za-z0-9.:_-]+$/, 'That is not a host name or IP address.');

export const portSchema = z.number().int().min(1).max(65535);

/** How Boxfleet logs in. Secret values live in the OS keychain; this only says which kind exists. */
export const authMethodSchema = z.discriminatedUnion('kind', [
  /** keyPath is where the key came from (informational: the key itself is kept in the keychain); absent when pasted. */
  z.object({ kind: z.literal('key'), keyPath: z.string().min(1).optional(), hasPassphrase: z.boolean() }),
  z.object({ kind: z.literal('generated-key'), publicKey: z.string().min(1) }),
  z.object({ kind: z.literal('password') }),
  z.object({ kind: z.literal('agent') }),
]);
export type AuthMethod = z.infer<typeof authMethodSchema>;

export const jumpHostSchema = z.object({ host: hostSchema, port: portSchema.default(22), user: z.string().min(1) });
export type JumpHost = z.infer<typeof jumpHostSchema>;

export const detectedSchema = z.object({
  flavour: flavourSchema,
  version: z.string(),
  hostname: z.string().optional(),
  checkedAt: z.string(),
});
export type Detected = z.infer<typeof detectedSchema>;

/** A box in the fleet registry. Never holds a secret. */
export const boxSchema = z.object({
  id: boxIdSchema,
  name: boxNameSchema,
  host: hostSchema,
  port: portSchema.default(22),
  user: z.string().min(1),
  auth: authMethodSchema,
  jumpHost: jumpHostSchema.optional(),
  tags: z.array(z.string().min(1).max(40)).default([]),
  apiPort: portSchema.default(10222),
  paths: boxPathsSchema.default({ ...DEFAULT_BOX_PATHS }),
  detected: detectedSchema.optional(),
  addedAt: z.string(),
});
export type Box = z.infer<typeof boxSchema>;

/** Where a login lands: the same host (letter case and a final dot ignored), port and user is the same server. */
export interface ServerLogin {
  host: string;
  port: number;
  user: string;
}

function sameHost(a: string, b: string): boolean {
  const norm = (h: string) => h.trim().toLowerCase().replace(/\.$/, '');
  return norm(a) === norm(b);
}

/**
 * The saved box that already logs in to this server, if any, other than `exceptBoxId` (a box whose own connection
 * is being edited is not a duplicate of itself). Adding the same server twice would split its history and secrets.
 */
export function findSameServer(boxes: readonly Box[], login: ServerLogin, exceptBoxId?: string): Box | undefined {
  return boxes.find(
    (b) => b.id !== exceptBoxId && b.port === login.port && b.user === login.user && sameHost(b.host, login.host),
  );
}

/** The `conflict` message for a server that is already in the fleet; `detail` carries `{ boxId, name }`. */
export function sameServerMessage(existing: Box): string {
  const port = existing.port === 22 ? '' : ` port ${existing.port}`;
  return `${existing.user}@${existing.host}${port} is already in the fleet as "${existing.name}".`;
}
