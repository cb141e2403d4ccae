import { useEffect, useRef } from 'react';
import { ErrorBanner } from '../../components/error-banner';
import { WizardSteps } from '../../components/wizard-steps';
import type { WizardPhase } from '../../stores/install-wizard-store';
import { useInstallWizard, useNavigation } from '../../stores/stores-context';
import { useStore } from 'zustand';
import { AnswersStep } from './answers-step';
import { InstallConnect } from './install-connect';
import { InstallRun } from './install-run';
import { InstallsList } from './installs-list';
import { PreflightStep } from './preflight-step';

const STEPS = ['Connect', 'Check', 'Answers', 'Install'] as const;

function stepIndex(phase: WizardPhase): number {
  switch (phase) {
    case 'connect':
      return 0;
    case 'preflight':
      return 1;
    case 'answers':
      return 2;
    case 'starting':
      return 3;
  }
}

/** A refused start or a refused "add it instead": the box's or core's words and the next step. */
function WizardError() {
  const error = useInstallWizard((s) => s.error);
  const draftLost = useInstallWizard((s) => s.draftLost);
  const backToConnect = useInstallWizard((s) => s.backToConnect);
  if (!error) return null;
  return (
    <div data-step-error="" tabIndex={-1}>
      <ErrorBanner context={error.context} report={error.report} />
      {draftLost ? (
        <div className="banner-actions">
          <p>The connection to the server was lost. Connect again; your answers stay as they are.</p>
          <button type="button" className="button button-primary" onClick={() => void backToConnect()}>
            Connect again
          </button>
        </div>
      ) : null}
    </div>
  );
}

function Starting() {
  const host = useInstallWizard((s) => s.host);
  return (
    <div className="wizard-progress">
      <progress className="progress" aria-label="Starting setup" />
      <p role="status" className="progress-title" tabIndex={-1} data-autofocus="">
        Starting setup on {host}…
      </p>
    </div>
  );
}

/** The wizard: connect, check, answers, then the install's own screen. Nothing typed is lost on a refusal. */
function InstallWizard() {
  const phase = useInstallWizard((s) => s.phase);
  const attempt = useInstallWizard((s) => s.attempt);
  const connect = useInstallWizard((s) => s.connect);
  const open = useInstallWizard((s) => s.open);
  const cancel = useInstallWizard((s) => s.cancel);
  const connectStep = useStore(connect, (s) => s.step);
  const connectAttempt = useStore(connect, (s) => s.attempt);
  const showFleet = useNavigation((s) => s.showFleet);
  const body = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  const shownStep = useRef(connectStep);
  useEffect(() => open(), [open, connect]);
  // Focus follows the work on each new step and each refused attempt: the first wrong field, else the failure, else
  // the step's own starting point. Arriving on the screen leaves focus where the app put it.
  useEffect(() => {
    // The connect form opening (on arrival, or afresh after a start) is no step of the admin's: leave focus alone.
    const opened = shownStep.current === 'closed';
    shownStep.current = connectStep;
    if (first.current || opened) {
      first.current = false;
      return;
    }
    const root = body.current;
    if (!root) return;
    const target =
      root.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      root.querySelector<HTMLElement>('[data-step-error]') ??
      root.querySelector<HTMLElement>('[data-autofocus]') ??
      root.querySelector<HTMLElement>('h2');
    if (target && !target.hasAttribute('tabindex') && target.tagName === 'H2') target.setAttribute('tabindex', '-1');
    target?.focus();
  }, [phase, attempt, connectStep, connectAttempt]);
  const onCancel = () => {
    void cancel();
    showFleet();
  };
  return (
    <div ref={body} className="wizard install-wizard">
      <WizardSteps steps={STEPS} current={stepIndex(phase)} />
      <div className="wizard-body">
        <WizardError />
        {phase === 'connect' ? <InstallConnect onCancel={onCancel} /> : null}
        {phase === 'preflight' ? <PreflightStep onCancel={onCancel} /> : null}
        {phase === 'answers' ? <AnswersStep onCancel={onCancel} /> : null}
        {phase === 'starting' ? <Starting /> : null}
      </div>
    </div>
  );
}

/** `/install`: installs to reattach to, and the wizard for a new one; `/install/<id>`: that install. */
export function InstallScreen({ installId }: { installId: string | undefined }) {
  if (installId !== undefined) return <InstallRun installId={installId} />;
  return (
    <>
      <header className="screen-header">
        <h1 id="screen-title">Install a new server</h1>
      </header>
      <p className="screen-subtitle">
        Boxfleet logs in to a fresh server, checks it, and runs Mail-in-a-Box’s setup there detached: closing Boxfleet
        or losing the connection does not stop it, and you can attach again later.
      </p>
      <InstallsList />
      <InstallWizard />
    </>
  );
}
