/** The numbered step list at the top of a wizard (adding a box, installing one): done, current and coming steps. */
export function WizardSteps({ steps, current }: { steps: readonly string[]; current: number }) {
  return (
    <ol className="wizard-steps" aria-label="Steps">
      {steps.map((label, index) => (
        <li
          key={label}
          className={
            index === current ? 'wizard-step is-current' : index < current ? 'wizard-step is-done' : 'wizard-step'
          }
          aria-current={index === current ? 'step' : undefined}
        >
          <span className="wizard-step-number" aria-hidden="true">
            {index + 1}
          </span>
          {label}
        </li>
      ))}
    </ol>
  );
}
