import type { PreflightCheck, PreflightFacts } from '../../../src-shared/contract/install';
import type { Flavour } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import { checksSummary, checkTitle, flavourName, orderChecks, RESULT_LABEL } from '../../stores/install-view';
import { useInstallWizard } from '../../stores/stores-context';
import { StatusMark, type Tone } from '../fleet-status-mark';

const TONE: Readonly<Record<PreflightCheck['result'], Tone>> = { pass: 'ok', warn: 'warning', fail: 'error' };
const FLAVOURS: readonly Flavour[] = ['upstream', 'power'];

/** Which Mail-in-a-Box: the systems each supports differ, so the checks are made for the one chosen. */
export function FlavourChoice() {
  const flavour = useInstallWizard((s) => s.answers.flavour);
  const setFlavour = useInstallWizard((s) => s.setFlavour);
  return (
    <fieldset className="fieldset">
      <legend className="field-label">Flavour</legend>
      <div className="choices">
        {FLAVOURS.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="install-flavour"
              value={value}
              checked={flavour === value}
              onChange={() => setFlavour(value)}
            />
            {flavourName(value)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** One check: its result as a mark and a word, the one-line reason, and what to do (as main wrote them, as text). */
export function CheckRow({ check }: { check: PreflightCheck }) {
  return (
    <li className={`install-check install-check-${check.result}`}>
      <span className="install-check-result">
        <StatusMark tone={TONE[check.result]}>{RESULT_LABEL[check.result]}</StatusMark>
      </span>
      <div className="install-check-body">
        <p className="install-check-title">{checkTitle(check)}</p>
        <p className="install-check-reason">{check.reason}</p>
        {check.next ? (
          <p className="install-check-next">
            <strong>What to do:</strong> {check.next}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** Mail-in-a-Box is already there: installing would re-run it, which is the box's own Re-run or Upgrade. */
function ExistingBox({ existing }: { existing: NonNullable<PreflightFacts['existing']> }) {
  const addExisting = useInstallWizard((s) => s.addExisting);
  const adding = useInstallWizard((s) => s.addingExisting);
  const what = [existing.flavour ? flavourName(existing.flavour) : 'Mail-in-a-Box', existing.version]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="banner banner-warning" role="status">
      <p className="banner-title">
        {what} already runs on this server{existing.hostname ? ` as ${existing.hostname}` : ''}.
      </p>
      <p>
        Installing again would re-run its setup over the existing one. Add it to your fleet instead; its box actions
        then offer “Re-run setup or upgrade”, which keeps its mail, users and keys.
      </p>
      <div className="banner-actions">
        <button
          type="button"
          className="button button-primary"
          aria-disabled={adding || undefined}
          onClick={adding ? undefined : () => void addExisting()}
        >
          {adding ? 'Adding…' : 'Add it to the fleet instead'}
        </button>
      </div>
    </div>
  );
}

/** Step 2: every check with its result, reason and next step; a failed check holds the install back. */
export function PreflightStep({ onCancel }: { onCancel: () => void }) {
  const preflight = useInstallWizard((s) => s.preflight);
  const checkedFlavour = useInstallWizard((s) => s.checkedFlavour);
  const flavour = useInstallWizard((s) => s.answers.flavour);
  const host = useInstallWizard((s) => s.host);
  const draftLost = useInstallWizard((s) => s.draftLost);
  const runPreflight = useInstallWizard((s) => s.runPreflight);
  const toAnswers = useInstallWizard((s) => s.toAnswers);
  const backToConnect = useInstallWizard((s) => s.backToConnect);
  const loading = preflight.status === 'loading';
  const result = checkedFlavour === flavour ? preflight.data : null;
  const failed = result?.checks.filter((check) => check.result === 'fail') ?? [];
  const blocked = loading || !result || failed.length > 0;
  return (
    <section aria-labelledby="install-preflight-title" className="wizard-form">
      <h2 id="install-preflight-title" className="install-step-title">
        Check the server
      </h2>
      <FlavourChoice />
      {loading ? (
        <div className="wizard-progress">
          <progress className="progress" aria-label={`Checking ${host}`} />
          <p role="status" className="progress-title" tabIndex={-1} data-autofocus="">
            Checking {host} for {flavourName(flavour)}…
          </p>
        </div>
      ) : null}
      {preflight.status === 'failed' && preflight.error ? (
        <div data-step-error="" tabIndex={-1}>
          <ErrorBanner
            context="Could not check the server"
            report={preflight.error}
            onRetry={draftLost ? undefined : () => void runPreflight()}
          />
          {draftLost ? (
            <div className="banner-actions">
              <button type="button" className="button button-primary" onClick={() => void backToConnect()}>
                Connect again
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      {result && !loading ? (
        <>
          <p role="status" className="install-checks-summary">
            {checksSummary(result.checks)}
          </p>
          {result.facts.existing ? <ExistingBox existing={result.facts.existing} /> : null}
          <ul className="install-checks" aria-label="Preflight checks">
            {orderChecks(result.checks).map((check) => (
              <CheckRow key={check.id} check={check} />
            ))}
          </ul>
          {failed.length > 0 ? (
            <p className="field-error" id="install-preflight-blocked" data-step-error="" tabIndex={-1}>
              {failed.length === 1 ? 'One check failed' : `${failed.length} checks failed`}: fix{' '}
              {failed.length === 1 ? 'it' : 'them'} on the server, then check again.
            </p>
          ) : null}
        </>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button" onClick={() => void backToConnect()}>
          Back
        </button>
        <button
          type="button"
          className="button"
          aria-disabled={loading || undefined}
          onClick={loading ? undefined : () => void runPreflight()}
        >
          Check again
        </button>
        <button
          type="button"
          className="button button-primary"
          aria-disabled={blocked || undefined}
          aria-describedby={failed.length > 0 ? 'install-preflight-blocked' : undefined}
          onClick={() => toAnswers()}
          data-autofocus={result && !loading && failed.length === 0 ? '' : undefined}
        >
          Continue
        </button>
      </div>
    </section>
  );
}
