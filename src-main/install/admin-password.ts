import { randomBytes } from 'node:crypto';
import type { Result } from '../../src-shared/contract/result';

/**
 * Setup creates the first admin with `management/cli.py user add "$EMAIL_ADDR" "$EMAIL_PW"` (setup/firstuser.sh):
 * the password is on that command's argv, where `ps` on the box shows it while it runs. So setup is given a
 * temporary password instead (still set, so setup never invents `12345678`), and the password the admin chose goes to
 * the box only through the API (a form field inside the SSH tunnel) once setup has finished.
 */
export function temporaryPassword(): string {
  // Letters and digits only: Power passes EMAIL_PW unquoted (§8.2), so no spaces or shell characters.
  return randomBytes(32)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 24);
}

export interface ChosenAdmin {
  email: string;
  password: string;
}

/** What finishing says about the admin's password: nothing when it is set, else the next step. */
export async function setChosenPassword(
  setPassword: (email: string, password: string) => Promise<Result<void>>,
  admin: ChosenAdmin | undefined,
): Promise<string | null> {
  if (admin === undefined)
    return (
      ' The install was followed again after Boxfleet restarted, and the password you chose is never written down, so' +
      ' the first admin still has the temporary one setup was given: set a new one for that user on the box’s' +
      ' Mailboxes page.'
    );
  const set = await setPassword(admin.email, admin.password);
  if (set.ok) return null;
  return (
    ` The password you chose could not be set (${set.error.message}); the first admin still has the temporary one` +
    ' setup was given: set a new one for that user on the box’s Mailboxes page.'
  );
}
