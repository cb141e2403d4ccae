/**
 * The main window's options and the renderer's Content-Security-Policy, kept free of Electron so tests can
 * assert the security settings without an Electron binary. window.ts passes these straight to BrowserWindow.
 */

/** The privileged scheme the renderer is served from; registered as standard and secure in protocol.ts. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'boxfleet';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * One directive per line of policy. No 'unsafe-inline' or 'unsafe-eval' anywhere: the bundled renderer loads
 * its script and stylesheet as files, and React's `style` props go through the CSSOM, which CSP does not gate.
 * `img-src data:` is for QR codes (TOTP setup) rendered as data URLs.
 */
const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['worker-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/** The subset of Electron's WebPreferences we set; every field is spelled out so a default change upstream cannot loosen it. */
export interface MainWindowWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly webviewTag: false;
  readonly experimentalFeatures: false;
  readonly navigateOnDragDrop: false;
  readonly spellcheck: boolean;
  readonly devTools: boolean;
  readonly safeDialogs: true;
  /** Middle-click would otherwise open links in a new window before our window-open handler sees them. */
  readonly disableBlinkFeatures: 'Auxclick';
}

export interface MainWindowOptions {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly title: string;
  readonly show: false;
  readonly backgroundColor: string;
  readonly icon?: string;
  readonly webPreferences: MainWindowWebPreferences;
}

export interface MainWindowInputs {
  /** Absolute path of the bundled preload (build/preload/preload.js). */
  readonly preloadPath: string;
  /** Packaged builds ship without DevTools; development builds keep them. */
  readonly isPackaged: boolean;
  /** Linux uses the window icon for the task bar; macOS and Windows take it from the bundle. */
  readonly iconPath?: string;
}

export function mainWindowOptions(inputs: MainWindowInputs): MainWindowOptions {
  const options: MainWindowOptions = {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Boxfleet',
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#1f2933',
    webPreferences: {
      preload: inputs.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !inputs.isPackaged,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  };
  return inputs.iconPath === undefined ? options : { ...options, icon: inputs.iconPath };
}
