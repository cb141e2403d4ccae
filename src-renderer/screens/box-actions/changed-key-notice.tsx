import type { Box } from '../../../src-shared/domain/box';
import { FingerprintPair } from '../../components/fingerprint-pair';
import type { HostKeyCheck } from '../../stores/host-key-error';
import { useNavigation } from '../../stores/stores-context';

interface Props {
  readonly box: Box;
  /** Both fingerprints, when the refusal carried them; the overview's stop has them too. */
  readonly hostKey: HostKeyCheck | undefined;
}

/**
 * A changed host key met outside the box overview (the Mailboxes screen, say): one stop that says what happened
 * and what it may mean, both fingerprints labelled, and one way on, to the overview where the key is checked and
 * trusted deliberately. No retry here: retrying meets the same key.
 */
export function ChangedKeyNotice({ box, hostKey }: Props) {
  const openBox = useNavigation((s) => s.openBox);
  return (
    <div className="banner banner-error changed-key-notice" role="alert">
      <p className="banner-title">Stopped: {box.name} presented a different host key than the one on record.</p>
      <p>
        Boxfleet sent nothing to the box. Reinstalling a server or replacing its keys changes its host key, and so would
        someone intercepting the connection.
      </p>
      {hostKey ? <FingerprintPair hostKey={hostKey} /> : null}
      <p>
        <button type="button" className="link-button" onClick={() => openBox(box.id, 'overview')}>
          Check and trust the new key on the overview of {box.name}
        </button>
      </p>
    </div>
  );
}
