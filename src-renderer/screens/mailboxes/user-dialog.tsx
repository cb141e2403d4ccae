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
