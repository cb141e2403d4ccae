import type { FormEvent } from 'react';
import { useUserEdit } from '../../stores/stores-context';

/** What the add and change dialogs of a mail user both take from the edit store, and their submit handler. */
export function useUserForm() {
  const busy = useUserEdit((s) => s.busy);
  const errors = useUserEdit((s) => s.fieldErrors);
  const error = useUserEdit((s) => s.error);
  const setField = useUserEdit((s) => s.setField);
  const submit = useUserEdit((s) => s.submit);
  const close = useUserEdit((s) => s.close);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  return { busy, errors, error, setField, close, onSubmit };
}
