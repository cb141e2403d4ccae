import { ErrorBanner } from '../../components/error-banner';
import { AddServerScope, useAddServer, useInstallWizard } from '../../stores/stores-context';
import { DetailsStep } from '../add-server/details-step';
import { DuplicateNotice } from '../add-server/duplicate-notice';
import { HostKeyStep } from '../add-server/host-key-step';
import { ProgressStep } from '../add-server/progress-step';

/** The add-server screens, unchanged, on the wizard's own store: the same fields, checks and host-key stop. */
function ConnectSteps({ onCancel }: { onCancel: () => void }) {
  const step = useAddServer((s) => s.step);
  const error = useAddServer((s) => s.error);
  const backToDetails = useAddServer((s) => s.backToDetails);
  const onBack = () => void backToDetails();
  return (
    <>
      <DuplicateNotice />
      {error ? (
        <div data-step-error="" tabIndex={-1}>
          <ErrorBanner context={error.context} report={error.report} />
        </div>
      ) : null}
      {step === 'details' ? <DetailsStep onCancel={onCancel} /> : null}
      {step === 'host-key' ? <HostKeyStep onBack={onBack} /> : null}
      {step === 'probing' || step === 'connecting' || step === 'saving' || step === 'name' ? (
        <ProgressStep step={step === 'name' ? 'connecting' : step} onCancel={onCancel} />
      ) : null}
    </>
  );
}

/** Step 1 of the install: where the fresh server is and how to log in, exactly as when adding a box. */
export function InstallConnect({ onCancel }: { onCancel: () => void }) {
  const connect = useInstallWizard((s) => s.connect);
  return (
    <section aria-labelledby="install-connect-title">
      <h2 id="install-connect-title" className="install-step-title">
        Connect to the server
      </h2>
      <p className="note">
        A fresh Ubuntu 22.04 server (or one of Power Mail-in-a-Box’s systems) that you can log in to as root or as a
        user with passwordless sudo.
      </p>
      <AddServerScope store={connect}>
        <ConnectSteps onCancel={onCancel} />
      </AddServerScope>
    </section>
  );
}
