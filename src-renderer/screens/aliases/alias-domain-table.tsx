import type { MailAlias, MailDomainAliases } from '../../../src-shared/contract/mailboxes';
import { KIND_LABEL } from '../../stores/aliases-view';

interface Props {
  readonly group: MailDomainAliases;
  readonly onEdit: (alias: MailAlias) => void;
  readonly onRemove: (alias: MailAlias) => void;
}

function AddressList({ addresses, label }: { addresses: readonly string[]; label: string }) {
  if (addresses.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="address-list" aria-label={label}>
      {addresses.map((address) => (
        <li key={address} className="break-anywhere">
          {address}
        </li>
      ))}
    </ul>
  );
}

/**
 * One domain's aliases, user-made first as the box orders them. Automatic ones are marked and offer no actions: the
 * box maintains them and refuses to change them. Everything the box sent is rendered as text.
 */
export function AliasDomainTable({ group, onEdit, onRemove }: Props) {
  const headingId = `alias-domain-${group.domain.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <section aria-labelledby={headingId} className="mail-domain">
      <h3 id={headingId} className="mail-domain-title">
        {group.domain}
      </h3>
      <div className="table-wrap">
        <table className="table aliases-table">
          <caption className="sr-only">Aliases of {group.domain}</caption>
          <thead>
            <tr>
              <th scope="col">Alias</th>
              <th scope="col">Kind</th>
              <th scope="col">Forwards to</th>
              <th scope="col">Permitted senders</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {group.aliases.map((alias) => (
              <tr key={alias.address} className={alias.auto ? 'is-auto' : undefined}>
                <th scope="row">
                  <span className="email break-anywhere">{alias.display}</span>
                  {alias.display !== alias.address ? (
                    <span className="muted alias-stored break-anywhere">{alias.address}</span>
                  ) : null}
                </th>
                <td data-label="Kind">
                  <span className="tag">{KIND_LABEL[alias.kind]}</span>
                  {alias.auto ? <span className="tag tag-auto">Automatic</span> : null}
                </td>
                <td data-label="Forwards to">
                  <AddressList addresses={alias.forwardsTo} label={`${alias.display} forwards to`} />
                </td>
                <td data-label="Permitted senders">
                  <AddressList addresses={alias.permittedSenders} label={`Permitted senders of ${alias.display}`} />
                </td>
                <td className="alias-actions">
                  {alias.auto ? (
                    <span className="muted">Kept by the box</span>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Edit alias ${alias.display}`}
                        onClick={() => onEdit(alias)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button button-small button-danger-outline"
                        aria-label={`Remove alias ${alias.display}`}
                        onClick={() => onRemove(alias)}
                      >
                        Remove
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
