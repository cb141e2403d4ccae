import { join } from 'node:path';
import type { PickedKeyFile } from '../../src-shared/contract/app';
import type { FaceDialogs } from '../ipc/handlers';

/** The options Boxfleet passes to Electron's `dialog.showOpenDialog`; the subset of its type we use. */
export interface OpenDialogOptions {
  title: string;
  buttonLabel: string;
  defaultPath: string;
  properties: Array<'openFile' | 'showHiddenFiles' | 'dontAddToRecent'>;
}

export interface OpenDialogAnswer {
  canceled: boolean;
  filePaths: string[];
}

export interface KeyFileDialogDeps {
  /** Electron's `dialog.showOpenDialog`, bound to the window it belongs to (so it is modal to that window). */
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogAnswer>;
  homeDir: string;
}

/**
 * The desktop face's dialogs, kept free of Electron so tests can run them. Only the chosen path goes back to the
 * window; main reads the file itself when connecting, with the same checks as for a typed path.
 */
export function createKeyFileDialogs(deps: KeyFileDialogDeps): Pick<FaceDialogs, 'openKeyFile'> {
  return {
    async openKeyFile(): Promise<PickedKeyFile> {
      const answer = await deps.showOpenDialog({
        title: 'Choose your private SSH key',
        buttonLabel: 'Use this key',
        // Where ssh-keygen puts keys; the dialog falls back to its own default when the folder does not exist.
        defaultPath: join(deps.homeDir, '.ssh'),
        // ~/.ssh is hidden on every platform, and keys have no extension to filter on.
        properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent'],
      });
      const path = answer.filePaths[0];
      return answer.canceled || !path ? { cancelled: true } : { path };
    },
  };
}
