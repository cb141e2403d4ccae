import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, mainWindowOptions, type MainWindowInputs } from './window-options';

/** Creates the one main window and loads the renderer from app://boxfleet/. Navigation guards come from security.ts. */
export function createMainWindow(inputs: MainWindowInputs, onLoadFailed: (message: string) => void): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(inputs));
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    onLoadFailed(error instanceof Error ? error.message : String(error));
  });
  return window;
}

/** Brings an existing window to the front, e.g. when a second instance was started. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
