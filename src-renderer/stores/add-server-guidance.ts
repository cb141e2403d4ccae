import { sudoersLine } from '../../src-shared/domain/api-key-access';
import type { ErrorReport } from '../errors/error-guidance';
import type { AddServerForm } from './add-server-form';

/** What to do when the login user cannot read the API key: the same words for an error and for a detection. */
export function needsSudoStep(form: Pick<AddServerForm, 'user' | 'apiKeyPath'>): string {
  const user = form.user.trim() || 'USER';
  return (
    `Log in as root, or let ${user} read the API key without a password: on the server, run ` +
    `“sudo visudo -f /etc/sudoers.d/boxfleet”, add the line “${sudoersLine(user, form.apiKeyPath.trim())}”, ` +
    'save, then try again.'
  );
}

function authFailedStep(form: AddServerForm): string {
  const user = form.user.trim() || 'the user';
  switch (form.authKind) {
    case 'key-file':
      return (
        `Check that ${form.uploadedKey?.fileName ?? (form.keyPath.trim() || 'the path')} is the private key (not the .pub file), that its passphrase ` +
        `is right, and that its public half is in ~${user}/.ssh/authorized_keys on the server. Then try again.`
      );
    case 'key-text':
      return `Check the pasted key and its passphrase, and that its public half is in ~${user}/.ssh/authorized_keys on the server.`;
    case 'password':
      return `Check the password of ${user}. Many servers refuse password logins (PasswordAuthentication no): use a key then.`;
    case 'agent':
      return 'Check that your SSH agent is running and holds a key the server accepts (“ssh-add -l” lists them).';
    case 'generated':
      return `Run the authorize command shown under Authentication on the server as ${user}, then try again.`;
  }
}

/**
 * The general guidance for a code, made specific to what the admin is doing in "Add a server":
 * which key, which user, which sudoers line.
 */
export function addServerGuidance(report: ErrorReport, form: AddServerForm): ErrorReport {
  switch (report.code) {
    case 'auth-failed':
      return { ...report, nextStep: authFailedStep(form) };
    case 'needs-sudo':
      return { ...report, nextStep: needsSudoStep(form) };
    case 'not-a-box':
      return {
        ...report,
        nextStep:
          'Check the host, and under Advanced the API port and file paths. If Mail-in-a-Box is not installed on this server yet, install it first.',
      };
    case 'host-unreachable':
      return {
        ...report,
        nextStep: form.useJumpHost
          ? 'Check the host, the port and the jump host, and that this computer can reach the jump host. Then try again.'
          : report.nextStep,
      };
    default:
      return report;
  }
}
