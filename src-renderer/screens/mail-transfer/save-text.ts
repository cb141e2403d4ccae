/**
 * Hands text to the browser as a download with a suggested name: browser mode saves it to the downloads folder, the
 * desktop app asks where. Nothing here names a path, so no file can be written anywhere the user did not choose.
 */
export function saveText(text: string, filename: string): void {
  // Zone files (.txt) are plain text; exports are CSV or JSON.
  const type = filename.endsWith('.json') ? 'application/json' : filename.endsWith('.csv') ? 'text/csv' : 'text/plain';
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has queued the download; the object URL may go once the current task is over.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
