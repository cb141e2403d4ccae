import { useEffect, useRef } from 'react';
import { ErrorBanner } from '../../components/error-banner';
import { ModalDialog } from '../../components/modal-dialog';
import { WizardSteps } from '../../components/wizard-steps';
import type { AddServerStep } from '../../stores/add-server-store';
import { useAddServer } from '../../stores/stores-context';
import { DetailsStep } from './details-step';
import { DuplicateNotice } from './duplicate-notice';
import { HostKeyStep } from './host-key-step';
import { NameStep } from './name-step';
import { ProgressStep } from './progress-step';

const STEPS = ['Connection', 'Host key', 'Mail-in-a-Box', 'Name'] as const;

/** The current screen's heading (made focusable for this, not a tab stop), else the main landmark it names. */
function focusCurrentScreen(): void {
  const heading = document.getElementById('screen-title');
  if (heading) {
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus();
    return;
  }
  document.getElementById('main')?.focus();
}

function stepIndex(step: AddServerStep): number {
  switch (step) {
    case 'closed':
    case 'details':
    case 'probing':
      return 0;
    case 'host-key':
      return 1;
    case 'connecting':
      return 2;
    case 'name':
    case 'saving':
      return 3;
  }
}

/**
 * "Add a server" (or "Edit the connection" of a saved box, the same steps): a modal wizard. Esc or Cancel at any step closes it and frees a draft main holds; failures keep
 * everything typed and move focus to what needs attention.
 */
export function AddServerDialog() {
  const step = useAddServer((s) => s.step);
  const error = useAddServer((s) => s.error);
  const attempt = useAddServer((s) => s.attempt);
  const cancel = useAddServer((s) => s.cancel);
  const backToDetails = useAddServer((s) => s.backToDetails);
  const editing = useAddServer((s) => s.editing);
  const body = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);

  // Closing returns focus to the control that opened the wizard; after a save that control is usually gone (the
  // empty fleet's button, a screen left behind), and focus would fall to the page. Land on the screen shown now.
  // Cleanups (the dialog closing and restoring focus) have run by the time this effect does.
  useEffect(() => {
    if (step !== 'closed') {
      wasOpen.current = true;
      return;
    }
    if (!wasOpen.current) return;
    wasOpen.current = false;
    const active = document.activeElement;
    if (active === null || active === document.body) focusCurrentScreen();
  }, [step]);

  // Focus follows the work, on each new step and each failed attempt (not on every keystroke): the first field that
  // is wrong, else the failure, else the step's own starting point.
  useEffect(() => {
    const root = body.current;
    if (!root || step === 'closed') return;
    const target =
      root.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      root.querySelector<HTMLElement>('[data-step-error]') ??
      root.querySelector<HTMLElement>('[data-autofocus]') ??
      root.querySelector<HTMLElement>('input, select, textarea, button');
    target?.focus();
  }, [step, attempt]);

  if (step === 'closed') return null;
  const onCancel = () => void cancel();
  const onBack = () => void backToDetails();
  return (
    <ModalDialog titleId="add-server-title" onDismiss={onCancel} wide>
      <div ref={body} className="wizard">
        <header className="dialog-header">
          <h2 id="add-server-title">{editing ? `Edit the connection of ${editing.name}` : 'Add a server'}</h2>
          <WizardSteps steps={STEPS} current={stepIndex(step)} />
        </header>
        <div className="wizard-body">
          <DuplicateNotice />
          {error ? (
            <div data-step-error="" tabIndex={-1}>
              <ErrorBanner context={error.context} report={error.report} />
            </div>
          ) : null}
          {step === 'details' ? <DetailsStep onCancel={onCancel} /> : null}
          {step === 'host-key' ? <HostKeyStep onBack={onBack} /> : null}
          {step === 'probing' || step === 'connecting' || step === 'saving' ? (
            <ProgressStep step={step} onCancel={onCancel} />
          ) : null}
          {step === 'name' ? <NameStep onBack={onBack} onCancel={onCancel} /> : null}
        </div>
      </div>
    </ModalDialog>
  );
}
