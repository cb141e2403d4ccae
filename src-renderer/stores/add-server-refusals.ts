import type { AppError } from '../../src-shared/contract';
import type { DuplicateBox } from './add-server-checks';
import type { AddServerForm, FormField } from './add-server-form';

/** Main's `conflict` for a server already in the fleet carries the box (`detail: { boxId, name }`). */
export function duplicateFromError(error: AppError): DuplicateBox | null {
  if (error.code !== 'conflict') return null;
  const boxId = error.detail?.['boxId'];
  const name = error.detail?.['name'];
  if (typeof boxId !== 'string' || typeof name !== 'string') return null;
  return { boxId, name, message: error.message };
}

/**
 * Main's `validation` that names a field (`detail: { field }`), mapped onto the form: a key chosen with the file
 * input is shown on the key-file control, wherever main says the key text was wrong.
 */
export function fieldFromError(error: AppError, form: AddServerForm): FormField | null {
  if (error.code !== 'validation') return null;
  const field = error.detail?.['field'];
  if (field === 'keyPath' || (field === 'privateKey' && form.uploadedKey)) {
    return form.authKind === 'key-file' ? 'keyPath' : 'privateKey';
  }
  if (field === 'privateKey' || field === 'passphrase' || field === 'password') return field;
  return null;
}
