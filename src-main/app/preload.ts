import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL } from '../../src-shared/contract/wire';
import { createExposedApi } from './preload-api';

// Runs sandboxed (bundled by scripts/build.mjs): only the contract's methods reach the page, never ipcRenderer.
const api = createExposedApi(
  (channel, request) => ipcRenderer.invoke(channel, request),
  (handler) => {
    ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, message: unknown) => handler(message));
  },
);

contextBridge.exposeInMainWorld('boxfleet', api);
