import { useEffect, useRef, type MouseEvent } from 'react';
import { ActivityPanel } from './components/activity-panel';
import { ComingLaterHint } from './components/coming-later-hint';
import { ConnectionNotice } from './components/connection-notice';
import { ErrorBanner } from './components/error-banner';
import { ProblemsWarning } from './components/problems-warning';
import { Sidebar } from './components/sidebar';
import { AlertsScreen } from './screens/alerts/alerts-screen';
import { BoxScreen } from './screens/box-screen';
import { DnsFleetScreen } from './screens/dns/dns-fleet-screen';
import { FleetScreen } from './screens/fleet-screen';
import { InstallScreen } from './screens/install/install-screen';
import { MailFleetScreen } from './screens/mail-fleet/mail-fleet-screen';
import { pathForView } from './routes';
import { NoSuchScreen } from './routes-not-found';
import { useApp, useNavigation } from './stores/stores-context';

function AppInfoError() {
  const error = useApp((state) => state.error);
  const load = useApp((state) => state.load);
  if (!error) return null;
  return <ErrorBanner context="Could not read Boxfleet’s own details" report={error} onRetry={() => void load()} />;
}

/** The shell: skip link, sidebar navigation, and the current screen in the main landmark. */
export function App() {
  const view = useNavigation((state) => state.view);
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(pathForView(view));
  // When a screen change removed the focused control (a row's button, say), continue from the new screen rather
  // than from the top of the document. Focus that survived (a sidebar entry) stays where the user put it, and the
  // first render leaves focus alone so Tab starts at the skip link. Back and Forward change the view the same way.
  useEffect(() => {
    const path = pathForView(view);
    if (shownPath.current === path) return;
    shownPath.current = path;
    if (document.activeElement === null || document.activeElement === document.body) main.current?.focus();
  }, [view]);
  // The screen lives in the URL's hash, so following `#main` would navigate away: move focus instead.
  const skipToContent = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    main.current?.focus();
  };
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={skipToContent}>
        Skip to content
      </a>
      <Sidebar />
      <main ref={main} id="main" className="main" tabIndex={-1} aria-labelledby="screen-title">
        <div className="main-inner">
          <div className="notices">
            <ConnectionNotice />
            <AppInfoError />
            <ProblemsWarning />
          </div>
          {view.screen === 'fleet' ? <FleetScreen /> : null}
          {view.screen === 'alerts' ? <AlertsScreen /> : null}
          {view.screen === 'mail' ? <MailFleetScreen tab={view.tab} /> : null}
          {view.screen === 'dns' ? <DnsFleetScreen /> : null}
          {view.screen === 'install' ? <InstallScreen installId={view.installId} /> : null}
          {view.screen === 'box' ? <BoxScreen boxId={view.boxId} section={view.section} /> : null}
          {view.screen === 'not-found' ? <NoSuchScreen /> : null}
        </div>
      </main>
      <ActivityPanel />
      <ComingLaterHint />
    </div>
  );
}
