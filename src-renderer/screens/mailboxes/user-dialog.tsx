import { useLayoutEffect, useRef } from 'react';
import type { Box } from '../../../src-shared/domain/box';
import { useMailboxes, useUserEdit } from '../../stores/stores-context';
import { AddUserDialog } from './add-user-dialog';
import { ArchiveUserDialog } from './archive-user-dialog';
import { ChangeUserDialog } from './change-user-dialog';

/** Whichever change to a user of this box is being prepared, if any. */
export function UserDialog({ box, quotasAbsent }: { box: Box; quotasAbsent: string | null }) {
  const form = useUserEdit((s) => (s.form?.boxId === box.id ? s.form : null));
  const archived = useMailboxes((s) => {
    if (form?.kind !== 'add') return null;
    const email = form.email.trim();
    for (const group of s.byBox[box.id]?.data ?? []) {
      const user = group.users.find((u) => u.email === email && u.status === 'inactive');
      if (user) return user.mailbox ?? null;
    }
    return null;
  });
  // The dialogs live in the store, so they unmount rather than close: give focus back to what opened one (a row's
  // button, still in the list) as a closing native dialog would.
  const opener = useRef<HTMLElement | null>(null);
  const open = form !== null;
  useLayoutEffect(() => {
    if (open) {
      opener.current ??= document.activeElement instanceof HTMLElement ? document.activeElement : null;
      return;
    }
    const target = opener.current;
    opener.current = null;
    if (target?.isConnected) target.focus();
  }, [open]);
  if (form === null) return null;
  switch (form.kind) {
    case 'add':
      return <AddUserDialog box={box} form={form} quotasAbsent={quotasAbsent} restores={archived} />;
    case 'password':
    case 'quota':
      return <ChangeUserDialog form={form} />;
    case 'archive':
      return <ArchiveUserDialog box={box} email={form.email} storageRoot={box.paths.storageRoot} />;
  }
}
