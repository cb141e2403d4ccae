import type { FormEvent } from 'react';
import { PasswordField } from '../../components/password-field';
import { TextField } from '../../components/text-field';
import { DEFAULT_STORAGE_ROOT } from '../../stores/install-answers';
import { useInstallWizard } from '../../stores/stores-context';
import { CheckRow, FlavourChoice } from './preflight-step';

/** Does the hostname typed point at this server, and its address back at it: hints to act on, never blockers. */
function DnsHints() {
  const hints = useInstallWizard((s) => s.dnsHints);
  const hostname = useInstallWizard((s) => s.dnsHostname);
  if (hints.status === 'idle') return null;
  return (
    <div className="install-dns-hints">
      {hints.status === 'loading' ? (
        <p className="muted" role="status">
          Looking up {hostname}…
        </p>
      ) : null}
      {hints.error ? (
        <p className="field-error" role="alert">
          Could not look up {hostname}: {hints.error.message}
        </p>
      ) : null}
      {hints.data && hints.status !== 'loading' ? (
        <ul className="install-checks" aria-label={`DNS of ${hostname}`}>
          {hints.data.map((check) => (
            <CheckRow key={check.id} check={check} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Step 3: what setup is told (§8.2), prefilled from what preflight found, and the box's name in the fleet. */
export function AnswersStep({ onCancel }: { onCancel: () => void }) {
  const answers = useInstallWizard((s) => s.answers);
  const errors = useInstallWizard((s) => s.answerErrors);
  const setAnswer = useInstallWizard((s) => s.setAnswer);
  const start = useInstallWizard((s) => s.start);
  const backToPreflight = useInstallWizard((s) => s.backToPreflight);
  const checkDns = useInstallWizard((s) => s.checkDns);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void start();
  };
  return (
    <section aria-labelledby="install-answers-title">
      <h2 id="install-answers-title" className="install-step-title">
        Answers for setup
      </h2>
      <form className="wizard-form" noValidate onSubmit={onSubmit} aria-label="Answers for setup">
        <FlavourChoice />
        <p className="field-hint install-flavour-hint">Changing the flavour checks the server again.</p>
        <TextField
          id="install-version"
          label="Version"
          value={answers.version}
          onChange={(value) => setAnswer('version', value)}
          error={errors.version}
          placeholder="newest for this system"
          hint="A release tag such as v75 or v60.5; leave it empty for the newest one for this server’s system."
          mono
        />
        <TextField
          id="install-hostname"
          label="Primary hostname"
          value={answers.hostname}
          onChange={(value) => setAnswer('hostname', value)}
          error={errors.hostname}
          placeholder="box.example.com"
          hint="The box’s own name: mail, the control panel and its nameservers (ns1 and ns2 under it) use it."
          required
          action={
            <button type="button" className="button" onClick={() => void checkDns()}>
              Check its DNS
            </button>
          }
        />
        <DnsHints />
        <TextField
          id="install-admin-email"
          label="Admin email"
          value={answers.adminEmail}
          onChange={(value) => setAnswer('adminEmail', value)}
          error={errors.adminEmail}
          placeholder="me@example.com"
          hint="The first mail account; it can sign in to the control panel."
          autoComplete="off"
          required
        />
        <PasswordField
          id="install-admin-password"
          label="Admin password"
          value={answers.adminPassword}
          onChange={(value) => setAnswer('adminPassword', value)}
          email={answers.adminEmail}
          error={errors.adminPassword}
        />
        <p className="field-hint">
          Sent to the server once, for setup only: never on a command line, never kept by Boxfleet.
        </p>
        <div className="install-field-pair">
          <TextField
            id="install-public-ip"
            label="Public IPv4 address"
            value={answers.publicIp}
            onChange={(value) => setAnswer('publicIp', value)}
            error={errors.publicIp}
            hint="Found on the server; change it if the server sits behind NAT."
            mono
            required
          />
          <TextField
            id="install-public-ipv6"
            label="Public IPv6 address"
            value={answers.publicIpv6}
            onChange={(value) => setAnswer('publicIpv6', value)}
            error={errors.publicIpv6}
            hint="Empty when the server has none; “auto” lets setup look it up."
            mono
          />
        </div>
        <TextField
          id="install-storage-root"
          label="Storage root"
          value={answers.storageRoot}
          onChange={(value) => setAnswer('storageRoot', value)}
          error={errors.storageRoot}
          hint={`Where mail and settings live on the server; ${DEFAULT_STORAGE_ROOT} unless you have a reason.`}
          mono
        />
        <div className="install-field-pair">
          <TextField
            id="install-name"
            label="Box name"
            value={answers.name}
            onChange={(value) => setAnswer('name', value)}
            error={errors.name}
            hint="How the box appears in your fleet and on the command line."
            required
          />
          <TextField
            id="install-tags"
            label="Tags"
            value={answers.tagsText}
            onChange={(value) => setAnswer('tagsText', value)}
            error={errors.tagsText}
            placeholder="production, eu"
            hint="Optional, separated by commas."
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button" onClick={backToPreflight}>
            Back
          </button>
          <button type="submit" className="button button-primary">
            Install Mail-in-a-Box
          </button>
        </div>
      </form>
    </section>
  );
}
