import { assertNever, type AppError, type ErrorCode } from '../../src-shared/contract/result';

/** What the user reads when a call fails: what happened in their words, and the next thing to do. */
export interface Guidance {
  readonly title: string;
  readonly nextStep: string;
}

/**
 * Every error code mapped to a headline and a next step. Exhaustive on purpose: a new code is a compile error here
 * until someone decides what the user should do about it.
 */
export function guidanceFor(code: ErrorCode): Guidance {
  switch (code) {
    case 'auth-failed':
      return {
        title: 'The box refused the login.',
        nextStep: 'Check the user name and the SSH key or password saved for this box, then try again.',
      };
    case 'host-key-unknown':
      return {
        title: 'This box has not been confirmed yet.',
        nextStep:
          'Compare the SHA-256 fingerprint shown with the one on the box (ssh-keygen -lf on its host key) before you trust it.',
      };
    case 'host-key-mismatch':
      return {
        title: 'The box identified itself with a different host key than before.',
        nextStep:
          'Do not continue until you know why: reinstalling the box changes its key, and so would an attacker. Check the new fingerprint on the box’s console; the box’s overview shows both keys and lets you trust the new one.',
      };
    case 'host-unreachable':
      return {
        title: 'Boxfleet could not reach the box.',
        nextStep: 'Check the host name, the SSH port and your network connection, then retry.',
      };
    case 'timeout':
      return {
        title: 'The box took too long to answer.',
        nextStep: 'Retry. If it keeps happening, check the box’s load and the network between you and it.',
      };
    case 'cancelled':
      return {
        title: 'The operation was cancelled.',
        nextStep: 'Nothing was changed after the cancellation. Start it again when you are ready.',
      };
    case 'keychain-unavailable':
      return {
        title: 'The system keychain could not be used.',
        nextStep:
          'Unlock your login keychain, or start a Secret Service such as GNOME Keyring, then retry. Boxfleet never stores passwords anywhere else.',
      };
    case 'needs-sudo':
      return {
        title: 'The login user cannot read the box’s settings without a password.',
        nextStep: 'Log in as root, or allow this user passwordless sudo on the box, then retry.',
      };
    case 'box-api-error':
      return {
        title: 'The box’s management service reported a problem.',
        nextStep: 'Retry in a moment. If it persists, run the status checks on the box or look at its admin panel.',
      };
    case 'not-a-box':
      return {
        title: 'This server does not look like a Mail-in-a-Box.',
        nextStep: 'Check that the host is right, or install Mail-in-a-Box on it first.',
      };
    case 'validation':
      return {
        title: 'Some of the input was not accepted.',
        nextStep: 'Correct what the message below points at and try again.',
      };
    case 'not-found':
      return {
        title: 'That no longer exists.',
        nextStep: 'Refresh the list: it may have been removed from another window or the command line.',
      };
    case 'conflict':
      return {
        title: 'That clashes with something that already exists.',
        nextStep: 'Refresh to see the current state, then choose a different name or change the existing entry.',
      };
    case 'not-supported':
      return {
        title: 'This is not supported here.',
        nextStep: 'Update the box or Boxfleet to a version that supports it.',
      };
    case 'store-corrupt':
      return {
        title: 'A file in Boxfleet’s data directory could not be read.',
        nextStep:
          'The file was kept aside, not deleted. Restore it from a backup, or continue and Boxfleet starts fresh.',
      };
    case 'internal':
      return {
        title: 'Boxfleet ran into an unexpected problem.',
        nextStep: 'Retry. If it happens again, restart Boxfleet and report the message below.',
      };
    default:
      return assertNever(code);
  }
}

/** A failed call as the banner shows it; `canRetry` only when trying again could help. */
export interface ErrorReport extends Guidance {
  readonly message: string;
  readonly code: ErrorCode;
  readonly canRetry: boolean;
}

export function describeError(error: AppError): ErrorReport {
  return { ...guidanceFor(error.code), message: error.message, code: error.code, canRetry: error.retryable };
}
