import { useEffect, useMemo, useState } from 'react';
import type { MailAlias } from '../../../src-shared/contract/mailboxes';
import type { Box } from '../../../src-shared/domain/box';
import { ListFilter } from '../../components/list-filter';
import { ReloadButton } from '../../components/reload-button';
import { countAliases, filterAliases, reportHeadline } from '../../stores/aliases-view';
import { NOT_LOADED } from '../../stores/server-state';
import { useAliases } from '../../stores/stores-context';
import { BoxListFailure } from '../box-actions/box-list-failure';
import { MailTransferPanel } from '../mail-transfer/mail-transfer-panel';
import { AliasDialog } from './alias-dialog';
import { AliasDomainTable } from './alias-domain-table';
import { RemoveAliasDialog } from './remove-alias-dialog';

type Open = { readonly kind: 'add' } | { readonly kind: 'edit' | 'remove'; readonly alias: MailAlias } | null;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 'es'}`;

/** The box's aliases grouped by domain: add, edit and remove the user-made ones; automatic ones shown as such. */
export function AliasesScreen({ box }: { box: Box }) {
  const entry = useAliases((s) => s.byBox[box.id] ?? NOT_LOADED);
  const query = useAliases((s) => s.filter[box.id] ?? '');
  const report = useAliases((s) => s.lastReport[box.id]);
  const load = useAliases((s) => s.load);
  const setFilter = useAliases((s) => s.setFilter);
  const [open, setOpen] = useState<Open>(null);

  useEffect(() => {
    void load(box.id);
  }, [box.id, load]);

  const groups = useMemo(() => entry.data ?? [], [entry.data]);
  const shown = useMemo(() => filterAliases(groups, query), [groups, query]);
  const counts = countAliases(groups);
  const total = counts.made + counts.auto;
  const close = () => setOpen(null);

  return (
    <section aria-labelledby="aliases-title" className="aliases">
      <div className="section-toolbar">
        <h2 id="aliases-title" className="section-title">
          Aliases
        </h2>
        {total > 0 ? (
          <ListFilter
            id="aliases-filter"
            label="Filter aliases"
            placeholder="Filter by address, domain, kind or forward-to"
            value={query}
            onChange={(value) => setFilter(box.id, value)}
            controls="aliases-tables"
          />
        ) : null}
        <ReloadButton loading={entry.status === 'loading'} onReload={() => void load(box.id)} />
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'add' })}>
          Add an alias
        </button>
      </div>
      <BoxListFailure
        box={box}
        error={entry.status === 'failed' ? entry.error : null}
        context={`Could not list the aliases of ${box.name}`}
        onRetry={() => void load(box.id)}
      />
      {report ? (
        <details className="alias-report">
          <summary>
            <span role="status">The box says: {reportHeadline(report)}</span>
          </summary>
          <pre className="report-text">{report}</pre>
        </details>
      ) : null}
      <p role="status" className="muted">
        {entry.status === 'loading' && entry.data === null ? `Loading the aliases of ${box.name}…` : null}
        {entry.data !== null && total > 0
          ? query.trim() === ''
            ? `${plural(counts.made, 'alias')} made by you, ${counts.auto} automatic, in ${groups.length} ${groups.length === 1 ? 'domain' : 'domains'}.`
            : `${shown.reduce((n, group) => n + group.aliases.length, 0)} of ${total} aliases match.`
          : null}
      </p>
      {entry.status === 'ready' && total === 0 ? (
        <div className="empty-state empty-state-small">
          <h3>No aliases on this box yet</h3>
          <p>
            An alias forwards mail for an address to one or more others, and can let mail users send as it. Add one with{' '}
            <strong>Add an alias</strong>.
          </p>
        </div>
      ) : null}
      {total > 0 && shown.length === 0 ? <p className="note">No aliases match “{query.trim()}”.</p> : null}
      <div id="aliases-tables" className="mail-domains">
        {shown.map((group) => (
          <AliasDomainTable
            key={group.domain}
            group={group}
            onEdit={(alias) => setOpen({ kind: 'edit', alias })}
            onRemove={(alias) => setOpen({ kind: 'remove', alias })}
          />
        ))}
      </div>
      <MailTransferPanel box={box} kind="aliases" />
      {open?.kind === 'add' ? <AliasDialog box={box} onClose={close} /> : null}
      {open?.kind === 'edit' ? <AliasDialog box={box} alias={open.alias} onClose={close} /> : null}
      {open?.kind === 'remove' ? <RemoveAliasDialog box={box} alias={open.alias} onClose={close} /> : null}
    </section>
  );
}
