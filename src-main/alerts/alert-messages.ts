import { assertNever } from '../../src-shared/contract/result';
import type { Facts } from './alert-conditions';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The sentence an admin reads in the list and in the notification: Boxfleet's words around facts (the box's name as
 * the admin typed it, numbers). Plain text, never HTML; nothing a box wrote goes in except a checked domain name.
 */
export function alertMessage(boxName: string, facts: Facts): string {
  switch (facts.kind) {
    case 'down':
      switch (facts.reachability) {
        case 'down':
          return `${boxName} is not answering over SSH.`;
        case 'auth-failed':
          return `${boxName} refused Boxfleet's SSH login.`;
        case 'error':
          return `${boxName} could not be checked: the connection failed.`;
        default:
          return assertNever(facts.reachability);
      }
    case 'host-key-changed':
      return `${boxName} presented a different SSH host key than the one on record. Boxfleet stopped talking to it.`;
    case 'tls-expiring': {
      const what = facts.domain === null ? 'A TLS certificate' : `The TLS certificate for ${facts.domain}`;
      return facts.daysLeft === 0
        ? `${what} on ${boxName} expires within a day or has expired.`
        : `${what} on ${boxName} expires in ${plural(facts.daysLeft, 'day', 'days')}.`;
    }
    case 'backup-stale':
      return `The last backup of ${boxName} is ${plural(facts.hoursSince, 'hour', 'hours')} old.`;
    case 'check-error':
      return `The status checks of ${boxName} show ${plural(facts.errors, 'error', 'errors')}.`;
    case 'disk-full':
      return `The ${facts.which === 'storage' ? 'mail storage' : 'root'} disk of ${boxName} is ${facts.percent}% full.`;
    case 'reboot-required':
      return `${boxName} needs a reboot to finish installing updates.`;
    default:
      return assertNever(facts);
  }
}
