import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, mainWindowOptions } from '../../../src-main/app/window-options';

function cspDirectives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('main window options', () => {
  const options = mainWindowOptions({ preloadPath: '/opt/boxfleet/build/preload/preload.js', isPackaged: true });
  const prefs = options.webPreferences;

  it('isolates the renderer from Node and Electron', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('keeps web security on', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('uses the given preload and stays hidden until ready', () => {
    expect(prefs.preload).toBe('/opt/boxfleet/build/preload/preload.js');
    expect(options.show).toBe(false);
    expect(options.icon).toBeUndefined();
  });

  it('ships DevTools only in development', () => {
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions({ preloadPath: '/p.js', isPackaged: false }).webPreferences.devTools).toBe(true);
  });

  it('loads the renderer from the app scheme', () => {
    // Node gives non-special schemes an opaque origin, so compare the parts Chromium builds the origin from.
    const url = new URL(APP_ENTRY_URL);
    expect([url.protocol, url.host, url.pathname]).toEqual(['app:', 'boxfleet', '/index.html']);
  });
});

describe('content security policy', () => {
  const csp = cspDirectives(CONTENT_SECURITY_POLICY);

  it('allows only our own scripts, styles and connections', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('shuts plugins, base rewriting, framing and forms', () => {
    for (const name of ['object-src', 'base-uri', 'frame-ancestors', 'form-action', 'frame-src']) {
      expect(csp.get(name)).toEqual(["'none'"]);
    }
  });

  it('has no unsafe keyword and no remote source', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:|wss?:|blob:/);
    expect([...csp.values()].flat().filter((v) => v === 'data:')).toHaveLength(1);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
  });
});
