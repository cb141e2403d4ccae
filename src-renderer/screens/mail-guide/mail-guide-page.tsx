import { useEffect } from 'react';
import type { MailGuideEntry } from '../../../src-shared/contract/mailboxes';
import type { Box } from '../../../src-shared/domain/box';
import { CopyButton } from '../../components/copy-button';
import { ErrorBanner } from '../../components/error-banner';
import { NOT_LOADED } from '../../stores/mailboxes-store';
import { useMailboxes } from '../../stores/stores-context';

function Setting({ label, value, what }: { label: string; value: string; what: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <code className="guide-value">{value}</code>
        <span className="no-print">
          <CopyButton text={value} what={what} />
        </span>
      </dd>
    </>
  );
}

function GuideCard({ entry }: { entry: MailGuideEntry }) {
  const what = entry.label;
  return (
    <section className="guide-card" aria-labelledby={`guide-${entry.protocol}`}>
      <h3 id={`guide-${entry.protocol}`}>{entry.label}</h3>
      <dl className="guide-settings">
        {entry.url ? (
          <Setting label="Address" value={entry.url} what={`the ${what} address`} />
        ) : (
          <Setting label="Server" value={entry.host} what={`the ${what} server`} />
        )}
        {entry.port !== null ? <Setting label="Port" value={String(entry.port)} what={`the ${what} port`} /> : null}
        <dt>Security</dt>
        <dd>{entry.security}</dd>
      </dl>
      {entry.note ? <p className="note">{entry.note}</p> : null}
    </section>
  );
}

/**
 * What a person needs to set up a mail app for this box, as the box's own guide gives it, with copy buttons and a
 * print layout (everything but the guide is hidden on paper) for handing to the user.
 */
export function MailGuidePage({ box }: { box: Box }) {
  const entry = useMailboxes((s) => s.guide[box.id] ?? NOT_LOADED);
  const loadGuide = useMailboxes((s) => s.loadGuide);
  useEffect(() => {
    void loadGuide(box.id);
  }, [box.id, loadGuide]);
  const guide = entry.data;
  return (
    <section aria-labelledby="mail-guide-title" className="mail-guide">
      <div className="section-toolbar no-print">
        <h2 id="mail-guide-title" className="section-title">
          Mail guide
        </h2>
        {guide ? (
          <button type="button" className="button" onClick={() => window.print()}>
            Print
          </button>
        ) : null}
      </div>
      {entry.status === 'failed' && entry.error ? (
        <ErrorBanner
          context={`Could not read the mail settings of ${box.name}`}
          report={entry.error}
          onRetry={() => void loadGuide(box.id)}
        />
      ) : null}
      <p role="status" className="muted no-print">
        {entry.status === 'loading' ? `Loading the mail settings of ${box.name}…` : null}
      </p>
      {guide ? (
        <article className="guide-sheet" aria-label={`Mail settings for ${guide.hostname}`}>
          <h2 className="print-only">Mail settings for {guide.hostname}</h2>
          <dl className="guide-settings guide-login">
            <Setting label="Mail server" value={guide.hostname} what="the mail server name" />
            <dt>User name</dt>
            <dd>{guide.username}</dd>
            <dt>Password</dt>
            <dd>The password of the mailbox.</dd>
          </dl>
          <div className="guide-cards">
            {guide.entries.map((guideEntry) => (
              <GuideCard key={guideEntry.protocol} entry={guideEntry} />
            ))}
          </div>
        </article>
      ) : null}
    </section>
  );
}
