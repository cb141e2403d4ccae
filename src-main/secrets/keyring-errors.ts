import { fail, type Fail } from '../../src-shared/contract/result';

/** Read by shape, not instanceof: errors from native code can come from another realm (jest, worker contexts). */
function messageOf(error: unknown): string {
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const message: unknown = (error as Record<string, unknown>)['message'];
    if (typeof message === 'string') return message;
  }
  return 'unknown error';
}

/**
 * The one place keyring errors become Boxfleet errors. Every failure of the OS keychain is
 * `keychain-unavailable` with what to install or unlock: there is no file fallback, so the user must fix the keychain.
 */
export function mapKeyringError(error: unknown, operation: 'read' | 'save' | 'delete'): Fail {
  const raw = messageOf(error);
  const text = raw.toLowerCase();
  let advice: string;
  if (
    text.includes('dbus_session_bus_address') ||
    text.includes('d-bus') ||
    text.includes('dbus') ||
    text.includes('no such file')
  ) {
    advice =
      'No D-Bus session bus is reachable. Start Boxfleet inside a desktop session, or run a session bus (dbus-launch) with a Secret Service such as gnome-keyring or KWallet.';
  } else if (text.includes('prompt') && text.includes('dismiss')) {
    advice = 'The keychain unlock prompt was dismissed. Unlock your login keyring and try again.';
  } else if (text.includes('locked') || text.includes('no result found') || text.includes('no matching')) {
    advice =
      'The keychain collection is locked or missing. Unlock your login keyring (for example with Seahorse or `gnome-keyring-daemon --unlock`) and try again.';
  } else if (
    text.includes('secret service') ||
    text.includes('secret-service') ||
    text.includes('org.freedesktop.secrets') ||
    text.includes('serviceunknown') ||
    text.includes('not provided by any')
  ) {
    advice =
      'No Secret Service is running. Install and start gnome-keyring (or KWallet with its Secret Service bridge).';
  } else if (text.includes('ambiguous')) {
    advice =
      'The keychain holds more than one matching entry for this credential. Remove the duplicates named "boxfleet" in your keyring manager.';
  } else {
    advice =
      'Check that your desktop keyring (gnome-keyring, KWallet, macOS Keychain or Windows Credential Manager) is running and unlocked.';
  }
  return fail('keychain-unavailable', `Could not ${operation} the secret in the OS keychain. ${advice}`, {
    retryable: true,
    detail: { cause: raw },
  });
}
