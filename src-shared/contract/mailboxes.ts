import { z } from 'zod';
import { boxIdSchema } from '../domain/box';
import { method } from './define';

/** A mail user as the box lists it (§4.2.1 of the API reference), numbers normalised. */
export const mailUserSchema = z.object({
  email: z.string(),
  status: z.enum(['active', 'inactive']),
  privileges: z.array(z.string()),
  /** "0" = unlimited; absent for archived users. */
  quota: z.string().optional(),
  /** Bytes, or null when the box does not know. */
  quotaBytes: z.number().nullable(),
  usedDisplay: z.string().nullable(),
  percent: z.string().nullable(),
  messages: z.number().nullable(),
  mailbox: z.string().optional(),
});
export type MailUser = z.infer<typeof mailUserSchema>;

export const mailDomainUsersSchema = z.object({ domain: z.string(), users: z.array(mailUserSchema) });
export type MailDomainUsers = z.infer<typeof mailDomainUsersSchema>;

export const mailboxesMethods = {
  users: {
    list: method(
      'Mail users of a box, grouped by domain',
      z.object({ boxId: boxIdSchema }),
      z.array(mailDomainUsersSchema),
    ),
  },
};
