import type { App, Session, WebContents } from 'electron';
import { decideNavigation } from './navigation';

/** No web permission (camera, notifications, geolocation, clipboard read, HID, ...) is ever granted to a page. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Files reach disk only through main's services (backups over SFTP), never through a page's download.
  session.on('will-download', (event) => event.preventDefault());
}

/**
 * Applied to every webContents Electron creates: navigation stays on app://, new windows are never opened,
 * allow-listed links go to the OS browser, and <webview> cannot be attached.
 */
export function guardContents(contents: WebContents, openExternal: (url: string) => void): void {
  const onNavigate = (event: { preventDefault(): void }, url: string): void => {
    const decision = decideNavigation(url, 'navigate');
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.action === 'open-external') openExternal(decision.url);
  };
  contents.on('will-navigate', (event) => onNavigate(event, event.url));
  contents.on('will-redirect', (event) => onNavigate(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideNavigation(url, 'new-window');
    if (decision.action === 'open-external') openExternal(decision.url);
    return { action: 'deny' };
  });
}

export function hardenApp(app: App, openExternal: (url: string) => void): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, openExternal));
  // A page must never be able to show an HTTP auth prompt: calling back without credentials cancels it.
  app.on('login', (event, _contents, _details, _authInfo, callback) => {
    event.preventDefault();
    callback();
  });
}
