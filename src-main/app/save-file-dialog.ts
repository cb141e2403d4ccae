import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SavedFile } from '../../src-shared/contract/app';
import { fail, ok, type Result } from '../../src-shared/contract/result';

/** The options Boxfleet passes to Electron's `dialog.showSaveDialog`; the subset of its type we use. */
export interface SaveDialogOptions {
  title: string;
  buttonLabel: string;
  defaultPath: string;
  properties: Array<'createDirectory' | 'showOverwriteConfirmation' | 'dontAddToRecent'>;
}

export interface SaveDialogAnswer {
  canceled: boolean;
  filePath?: string;
}

export interface SaveDialogDeps {
  /** Electron's `dialog.showSaveDialog`, bound to the window it belongs to. */
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogAnswer>;
  /** Where the dialog opens: the user's Downloads folder. */
  downloadsDir: string;
  writeFile?: (path: string, text: string) => Promise<void>;
}

/** Exports hold people's addresses: readable by the admin only, as the rest of Boxfleet's files are. */
const writePrivate = (path: string, text: string): Promise<void> => writeFile(path, text, { mode: 0o600 });

/**
 * The desktop face's save dialog. The window names the file it suggests and hands over the text; only a path the
 * admin chose in the system dialog is written, so a page cannot pick where a file lands. The suggested name is cut
 * to its last segment for the same reason.
 */
export function createSaveTextDialog(deps: SaveDialogDeps) {
  const write = deps.writeFile ?? writePrivate;
  return async (suggestedName: string, text: string): Promise<Result<SavedFile>> => {
    const name = basename(suggestedName.replace(/\\/g, '/')) || 'boxfleet-export.txt';
    const answer = await deps.showSaveDialog({
      title: 'Save as',
      buttonLabel: 'Save',
      defaultPath: join(deps.downloadsDir, name),
      properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
    });
    if (answer.canceled || !answer.filePath) return ok({ cancelled: true });
    try {
      await write(answer.filePath, text);
      return ok({ path: answer.filePath });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail('internal', `Could not write ${answer.filePath}: ${reason}`, {
        retryable: true,
        detail: { path: answer.filePath },
      });
    }
  };
}
