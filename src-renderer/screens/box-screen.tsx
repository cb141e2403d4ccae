import type { Box } from '../../src-shared/domain/box';
import { AddressText } from '../components/address-text';
import { formatAddress, formatAuth, formatFlavour } from '../format';
import { BOX_SECTIONS, type BoxSectionId } from '../sections';
import { useFleet, useNavigation } from '../stores/stores-context';
import { AliasesScreen } from './aliases/aliases-screen';
import { BoxActions } from './box-actions/box-actions';
import { ChecksScreen } from './checks/checks-screen';
import { BoxDashboard } from './dashboard/box-dashboard';
import { DnsScreen } from './dns/dns-screen';
import { MailboxesScreen } from './mailboxes/mailboxes-screen';

interface Props {
  readonly boxId: string;
  readonly section: 'overview' | BoxSectionId;
}

function Overview({ box }: { box: Box }) {
  const coming = BOX_SECTIONS.filter((section) => !section.enabled).map((section) => section.label);
  return (
    <>
      <BoxActions box={box} />
      <BoxDashboard box={box} />
      <dl className="details box-details">
        <dt>Address</dt>
        <dd>
          <code>
            <AddressText address={formatAddress(box)} />
          </code>
        </dd>
        <dt>Login</dt>
        <dd>{formatAuth(box.auth)}</dd>
        {box.jumpHost ? (
          <>
            <dt>Jump host</dt>
            <dd>
              <code>
                <AddressText address={formatAddress(box.jumpHost)} />
              </code>
            </dd>
          </>
        ) : null}
        <dt>Mail-in-a-Box</dt>
        <dd>{formatFlavour(box.detected)}</dd>
        {box.detected?.hostname ? (
          <>
            <dt>Box hostname</dt>
            <dd>{box.detected.hostname}</dd>
          </>
        ) : null}
        <dt>Tags</dt>
        <dd>{box.tags.length > 0 ? box.tags.join(', ') : 'None'}</dd>
        <dt>Added</dt>
        <dd>{new Date(box.addedAt).toLocaleString()}</dd>
      </dl>
      {coming.length > 0 ? <p className="note">{coming.join(', ')}: coming in a later release.</p> : null}
    </>
  );
}

/** One box: its overview, or one of its sections once that section works. */
export function BoxScreen({ boxId, section }: Props) {
  const box = useFleet((state) => state.boxes.find((b) => b.id === boxId));
  const status = useFleet((state) => state.status);
  const showFleet = useNavigation((state) => state.showFleet);

  if (!box) {
    const title = status === 'ready' ? 'No such box' : status === 'failed' ? 'Could not load your fleet' : 'Loading…';
    return (
      <>
        <header className="screen-header">
          <h1 id="screen-title">{title}</h1>
        </header>
        {status === 'ready' || status === 'failed' ? (
          <p>
            {status === 'ready'
              ? 'There is no box with this address in your fleet: it may have been removed, or the link is from another Boxfleet. '
              : 'The fleet screen says what went wrong and lets you try again. '}
            <button type="button" className="link-button" onClick={showFleet}>
              Go to the fleet
            </button>
          </p>
        ) : null}
      </>
    );
  }
  const sectionLabel = BOX_SECTIONS.find((s) => s.id === section)?.label;
  return (
    <>
      <header className="screen-header">
        <h1 id="screen-title">{box.name}</h1>
        {sectionLabel ? <p className="screen-subtitle">{sectionLabel}</p> : null}
      </header>
      {section === 'overview' ? <Overview box={box} /> : null}
      {section === 'mailboxes' ? <MailboxesScreen box={box} /> : null}
      {section === 'checks' ? <ChecksScreen box={box} /> : null}
      {section === 'aliases' ? <AliasesScreen box={box} /> : null}
      {section === 'dns' ? <DnsScreen box={box} /> : null}
      {section !== 'overview' &&
      section !== 'mailboxes' &&
      section !== 'checks' &&
      section !== 'aliases' &&
      section !== 'dns' ? (
        <p className="note">{sectionLabel} is not available yet.</p>
      ) : null}
    </>
  );
}
