import type { MailDomainUsers } from '../../../src-shared/contract/mailboxes';
import { AddressText } from '../../components/address-text';
import { formatPercent, formatQuota, formatStatus, formatUsed } from '../../stores/mailboxes-view';

/** One domain's users. Everything the box sent is rendered as text. */
export function MailDomainTable({ group }: { group: MailDomainUsers }) {
  const headingId = `mail-domain-${group.domain.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <section aria-labelledby={headingId} className="mail-domain">
      <h3 id={headingId} className="mail-domain-title">
        {group.domain}
      </h3>
      <div className="table-wrap">
        <table className="table mail-users-table">
          <caption className="sr-only">Mail users of {group.domain}</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Status</th>
              <th scope="col">Quota</th>
              <th scope="col">Used</th>
              <th scope="col">Percent</th>
              <th scope="col">Privileges</th>
            </tr>
          </thead>
          <tbody>
            {group.users.map((user) => (
              <tr key={user.email} className={user.status === 'active' ? undefined : 'is-archived'}>
                <th scope="row">
                  <AddressText address={user.email} className="email" />
                </th>
                <td data-label="Status">
                  <span className={user.status === 'active' ? 'status status-active' : 'status status-archived'}>
                    {formatStatus(user)}
                  </span>
                </td>
                <td className="numeric" data-label="Quota">
                  {formatQuota(user)}
                </td>
                <td className="numeric" data-label="Used">
                  {formatUsed(user)}
                </td>
                <td className="numeric" data-label="Percent">
                  {formatPercent(user)}
                </td>
                <td data-label="Privileges">
                  {user.privileges.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <ul className="tags" aria-label={`Privileges of ${user.email}`}>
                      {user.privileges.map((privilege) => (
                        <li key={privilege} className={privilege === 'admin' ? 'tag tag-admin' : 'tag'}>
                          {privilege === 'admin' ? 'Admin' : privilege}
                        </li>
                      ))}
                    </ul>
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
