import { z } from 'zod';

/**
 * How the admin proves who they are to a box. Sent renderer → main once, when typed; never sent back.
 * Main keeps secret values only in memory until the login worked, then in the OS keychain.
 */
export const credentialInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('key-file'),
    path: z.string().min(1, 'Choose a private key file.').max(4096, 'That path is too long.'),
    passphrase: z.string().optional(),
  }),
  z.object({
    kind: z.literal('key-text'),
    privateKey: z
      .string()
      .min(1, 'Paste a private key.')
      .max(64 * 1024, 'That is too long to be a private key.'),
    passphrase: z.string().optional(),
  }),
  z.object({ kind: z.literal('password'), password: z.string().min(1, 'Enter the password.') }),
  z.object({ kind: z.literal('agent') }),
  /** A key Boxfleet generated earlier with boxes.generateKey, authorized on the box by the admin. */
  z.object({ kind: z.literal('generated'), keyId: z.string().min(1).max(40) }),
]);
export type CredentialInput = z.infer<typeof credentialInputSchema>;

export const hostKeySchema = z.object({
  keyType: z.string(),
  /** `SHA256:<base64>` as `ssh-keygen -l` prints it. */
  fingerprint: z.string(),
});
export type HostKey = z.infer<typeof hostKeySchema>;
