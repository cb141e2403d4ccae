import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { HostKeys } from '../hostkeys/host-keys';
import type { HostKeyProbe } from '../ssh/probe-host-key';

export type DescribedProbe = HostKeyProbe & { expected?: string; expectedKeyType?: string };

/** A changed key is only useful to the admin next to the one on record, so every stop carries both. */
export async function withKeyOnRecord(
  hostKeys: HostKeys,
  host: string,
  port: number,
  probed: HostKeyProbe,
): Promise<DescribedProbe> {
  if (probed.status !== 'mismatch') return probed;
  const known = await hostKeys.check(host, port, probed.keyType, probed.fingerprint);
  if (!known.ok || known.value.status !== 'mismatch') return probed;
  return { ...probed, expected: known.value.expected, expectedKeyType: known.value.expectedKeyType };
}

/**
 * Decides whether to go on after reading a host key. A known key passes. An unknown key, or a changed one, passes
 * only when the admin confirmed that exact fingerprint; it is then pinned before any credential is sent.
 */
export async function confirmHostKey(
  hostKeys: HostKeys,
  host: string,
  port: number,
  probed: HostKeyProbe,
  acceptHostKey: string | undefined,
): Promise<Result<void>> {
  if (probed.status === 'trusted') return ok(undefined);
  if (acceptHostKey === probed.fingerprint) return hostKeys.trust(host, port, probed.keyType, probed.fingerprint);
  const detail = { keyType: probed.keyType, fingerprint: probed.fingerprint };
  if (probed.status === 'unknown') {
    return fail(
      'host-key-unknown',
      `${host} is not known yet. Its ${probed.keyType} key is ${probed.fingerprint}. Compare it with the box's own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the box) before you accept it.`,
      { detail },
    );
  }
  const described = await withKeyOnRecord(hostKeys, host, port, probed);
  const onRecord = described.expected ? `It was ${described.expectedKeyType ?? ''} ${described.expected}; it` : 'It';
  return fail(
    'host-key-mismatch',
    `The host key of ${host} changed. ${onRecord.replace('  ', ' ')} is now ${probed.keyType} ${probed.fingerprint}. Nothing was sent to it. ` +
      'If the server was reinstalled or its keys replaced, verify the new fingerprint on the box and accept it deliberately; otherwise someone may be intercepting the connection.',
    {
      detail: {
        ...detail,
        ...(described.expected ? { expected: described.expected, expectedKeyType: described.expectedKeyType } : {}),
      },
    },
  );
}
