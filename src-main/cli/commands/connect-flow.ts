import type { z } from 'zod';
import type { detectionSchema, hostKeyCheckSchema } from '../../../src-shared/contract/boxes';
import { fail, type Result } from '../../../src-shared/contract/result';
import type { Box, BoxPaths, JumpHost } from '../../../src-shared/domain/box';
import type { CredentialInput } from '../../../src-shared/domain/credentials';
import type { Core } from '../../compose/core';
import { str, type CommandInput } from '../command';

export type Detection = z.infer<typeof detectionSchema>;
export type HostKeyCheck = z.infer<typeof hostKeyCheckSchema>;

export interface ConnectTarget {
  host: string;
  port: number;
  user: string;
  jumpHost: JumpHost | undefined;
  apiPort: number;
  paths: BoxPaths | undefined;
}

/** Decides whether to trust a host key at first contact: the flag, a prompt on a terminal, or a refusal that says how. */
export async function confirmHostKey(input: CommandInput, host: string, check: HostKeyCheck): Promise<Result<string>> {
  const accept = str(input.values, 'accept-host-key');
  if (check.status === 'trusted') return { ok: true, value: check.fingerprint };
  if (check.status === 'mismatch') {
    if (accept === check.fingerprint) return { ok: true, value: check.fingerprint };
    return fail(
      'host-key-mismatch',
      `The host key of ${host} changed: it was ${check.expected ?? 'different'}, it is now ${check.keyType} ${check.fingerprint}. ` +
        'This can mean someone is intercepting the connection. Verify the new key on the box (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub); ' +
        `if it is right, run again with --accept-host-key ${check.fingerprint}.`,
    );
  }
  if (accept !== undefined) {
    if (accept === check.fingerprint) return { ok: true, value: accept };
    return fail(
      'host-key-mismatch',
      `${host} presented ${check.keyType} ${check.fingerprint}, not the ${accept} you said to accept. Nothing was sent to it.`,
    );
  }
  const question = `The host key of ${host} is ${check.keyType} ${check.fingerprint}.\nDoes it match the box's key (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the box)? [y/N] `;
  const answer = await input.io.prompt?.(question, { secret: false });
  if (answer !== undefined && /^y(es)?$/i.test(answer.trim())) return { ok: true, value: check.fingerprint };
  return fail(
    'host-key-unknown',
    answer === undefined
      ? `${host} is not known yet: its key is ${check.keyType} ${check.fingerprint}. Verify it on the box, then run again with --accept-host-key ${check.fingerprint}.`
      : 'Host key not confirmed; nothing was sent to the host.',
    { detail: { fingerprint: check.fingerprint, keyType: check.keyType } },
  );
}

/**
 * Probe → confirm the host key → log in and detect, through the same contract calls the app makes: what adding a
 * box and installing one share. The draft it gives holds the login until it is saved or discarded.
 */
export async function connectDraft(
  input: CommandInput,
  core: Core,
  target: ConnectTarget,
  credential: CredentialInput,
  replaces?: string,
): Promise<Result<{ draftId: string; detection: Detection }>> {
  const call = (method: string, request: unknown) => core.router.call(method, request, { face: 'cli' });
  const { host, port, user, jumpHost } = target;
  const replacing = replaces !== undefined ? { replaces } : {};
  // The credential and the user go with the probe so a bad key file or a duplicate box stops us before first contact.
  const probe = await call('boxes.probe', { host, port, user, jumpHost, credential, ...replacing });
  if (!probe.ok) return probe;
  const confirmed = await confirmHostKey(input, host, probe.value as HostKeyCheck);
  if (!confirmed.ok) return confirmed;
  const connected = await call('boxes.connect', {
    ...target,
    credential,
    acceptHostKey: confirmed.value,
    ...replacing,
  });
  if (!connected.ok) return connected;
  return { ok: true, value: connected.value as { draftId: string; detection: Detection } };
}

/**
 * The CLI's add and edit both go probe → confirm the host key → log in and detect → save; a failed save discards
 * the draft so no credential lingers in memory.
 */
export async function connectAndSave(
  input: CommandInput,
  core: Core,
  target: ConnectTarget,
  credential: CredentialInput,
  save: { name: string; tags: string[]; replaces?: string },
): Promise<Result<{ box: Box; detection: Detection }>> {
  const call = (method: string, request: unknown) => core.router.call(method, request, { face: 'cli' });
  const connected = await connectDraft(input, core, target, credential, save.replaces);
  if (!connected.ok) return connected;
  const { draftId, detection } = connected.value;
  const saved = await call('boxes.save', { draftId, ...save });
  if (!saved.ok) {
    await call('boxes.discard', { draftId });
    return saved;
  }
  return { ok: true, value: { box: saved.value as Box, detection } };
}
