import { z } from 'zod';
import { boxIdSchema, boxNameSchema, flavourSchema } from '../domain/box';
import { method } from './define';
import { draftIdSchema } from './boxes';
import { passwordSchema } from './mailboxes';

/** An install's id: `inst-` and hex digits, made by main. */
export const installIdSchema = z
  .string()
  .max(40)
  .regex(/^inst-[a-z0-9]{1,32}$/, 'That is not an install id.');

/** One preflight check (§8.3 plus what the issue adds): the CLI's `--preflight-only --json` prints id, result, reason. */
export const preflightCheckSchema = z.object({
  /** Stable: `os`, `arch`, `ram`, `disk`, `tmp-exec`, `wgetrc`, `privilege`, `apt-lock`, `port-25`, `dns-forward`, `dns-reverse`, `existing`. */
  id: z.string(),
  result: z.enum(['pass', 'warn', 'fail']),
  /** One line: what was found. */
  reason: z.string(),
  /** What to do about it; absent on a pass. */
  next: z.string().optional(),
});
export type PreflightCheck = z.infer<typeof preflightCheckSchema>;

/** What preflight detected, to prefill the answers. */
export const preflightFactsSchema = z.object({
  os: z.string().nullable(),
  arch: z.string().nullable(),
  ramMb: z.number().nullable(),
  freeDiskGb: z.number().nullable(),
  /** Addresses on the box's interfaces that look public (editable answers). */
  ipv4: z.string().nullable(),
  ipv6: z.string().nullable(),
  /** `hostname --fqdn` */
  fqdn: z.string().nullable(),
  /** A Mail-in-a-Box already there: offer re-run or upgrade instead. */
  existing: z
    .object({ flavour: flavourSchema.nullable(), version: z.string().nullable(), hostname: z.string().nullable() })
    .nullable(),
});
export type PreflightFacts = z.infer<typeof preflightFactsSchema>;

export const preflightResultSchema = z.object({ checks: z.array(preflightCheckSchema), facts: preflightFactsSchema });
export type PreflightResult = z.infer<typeof preflightResultSchema>;

/**
 * The answers setup gets through §8.2's variables. `adminPassword` only ever crosses in a request: never stored on
 * the desktop, never on a command line on the box, removed from the box when setup has read it.
 */
export const installAnswersSchema = z.object({
  flavour: flavourSchema,
  /** A tag (`v75`, `v60.5`); omitted = the bootstrap's default for the box's OS. */
  version: z.string().max(40).optional(),
  hostname: z.string().min(3).max(253),
  adminEmail: z.string().min(3).max(320),
  adminPassword: passwordSchema,
  publicIp: z.string().min(1).max(64),
  /** An address, `auto`, or '' for none. */
  publicIpv6: z.string().max(64),
  /** Omitted = setup's default (/home/user-data). */
  storageRoot: z.string().max(4096).optional(),
});
export type InstallAnswers = z.infer<typeof installAnswersSchema>;

export const installStepSchema = z.object({
  /** The §8.4 heading it stands for (`Installing Postfix (SMTP server)...`), shortened for display in `title`. */
  id: z.string(),
  title: z.string(),
  state: z.enum(['pending', 'running', 'done', 'failed']),
});
export type InstallStep = z.infer<typeof installStepSchema>;

export const installStateSchema = z.enum(['running', 'succeeded', 'failed', 'unknown']);
export type InstallState = z.infer<typeof installStateSchema>;

/** What to do once the box runs, with its own values. */
export const nextStepsSchema = z.object({
  hostname: z.string(),
  nameservers: z.array(z.string()),
  glue: z.array(z.object({ host: z.string(), ipv4: z.string().nullable(), ipv6: z.string().nullable() })),
  reverseDns: z.array(z.object({ address: z.string(), name: z.string() })),
  /** The fingerprint setup printed and the one port 443 serves; `match` false is a warning to read. */
  tls: z.object({ printed: z.string().nullable(), served: z.string().nullable(), match: z.boolean().nullable() }),
  controlPanel: z.string(),
});
export type NextSteps = z.infer<typeof nextStepsSchema>;

/** An install as the desktop remembers it: no secret in it. */
export const installRecordSchema = z.object({
  installId: installIdSchema,
  kind: z.enum(['install', 'rerun', 'upgrade']),
  host: z.string(),
  port: z.number().int(),
  user: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  flavour: flavourSchema,
  version: z.string().nullable(),
  hostname: z.string(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).optional(),
  state: installStateSchema,
  /** The box once it is in the fleet (or, for re-run and upgrade, the box it ran on). */
  boxId: boxIdSchema.optional(),
});
export type InstallRecord = z.infer<typeof installRecordSchema>;

export const installStatusSchema = z.object({
  record: installRecordSchema,
  steps: z.array(installStepSchema),
  /** 0..1 by the steps of §8.4. */
  fraction: z.number().min(0).max(1),
  elapsedMs: z.number(),
  /** The newest log lines (at most 200), secrets blanked. */
  logTail: z.array(z.string()),
  /** Set once the install ended. */
  outcome: z
    .object({
      ok: z.boolean(),
      /** The step that failed, its message (`FAILED:` block, a preflight message that exits 0, the exit status). */
      failingStep: z.string().nullable(),
      message: z.string(),
      next: z.string().nullable(),
      nextSteps: nextStepsSchema.nullable(),
    })
    .nullable(),
});
export type InstallStatus = z.infer<typeof installStatusSchema>;

const installRequest = z.object({ installId: installIdSchema });
const tagsSchema = z.array(z.string().trim().min(1).max(40)).max(20);

export const installMethods = {
  preflight: method(
    'Checks a connected server (a draft from boxes.connect) before installing',
    z.object({
      draftId: draftIdSchema,
      flavour: flavourSchema,
      /** The hostname the box will have, when already chosen: the DNS hints look it up (else `hostname --fqdn`). */
      hostname: z.string().max(253).optional(),
    }),
    preflightResultSchema,
  ),
  start: method(
    'Starts setup detached on the server as an install.run job; the box joins the fleet when it succeeds',
    z.object({
      draftId: draftIdSchema,
      answers: installAnswersSchema,
      name: boxNameSchema,
      tags: tagsSchema.default([]),
    }),
    z.object({ installId: installIdSchema, jobId: z.string().max(64) }),
  ),
  list: method('Installs this computer started, newest first', z.object({}).strict(), z.array(installRecordSchema)),
  status: method('Steps, progress, log tail and outcome of an install', installRequest, installStatusSchema),
  attach: method(
    'Reconnects to an install (after a dropped connection or a restart) and follows it as a job',
    installRequest,
    z.object({ jobId: z.string().max(64) }),
  ),
  forget: method(
    'Forgets an install that ended (and its saved login, unless a box uses it)',
    installRequest,
    z.object({}),
  ),
  upgrade: method(
    'Re-runs setup on a box of the fleet, or upgrades it to another tag; the daemon restarts and its API key rotates',
    z.object({ boxId: boxIdSchema, version: z.string().max(40).optional() }),
    z.object({ installId: installIdSchema, jobId: z.string().max(64) }),
  ),
};
