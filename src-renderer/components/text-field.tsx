import type { ReactNode } from 'react';

interface Props {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string;
  readonly hint?: ReactNode;
  readonly type?: 'text' | 'password' | 'number';
  readonly autoComplete?: string;
  readonly inputMode?: 'text' | 'numeric';
  readonly multiline?: boolean;
  readonly rows?: number;
  readonly readOnly?: boolean;
  readonly mono?: boolean;
  readonly required?: boolean;
  readonly placeholder?: string;
  /** A control beside the input (a "Choose…" or "Copy" button), outside the label. */
  readonly action?: ReactNode;
}

/** A labelled input whose hint and error are read out with it (aria-describedby) and which says when it is wrong. */
export function TextField(props: Props) {
  const { id, label, value, onChange, error, hint, type = 'text', multiline = false } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    className: props.mono ? 'input input-mono' : 'input',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    readOnly: props.readOnly,
    required: props.required,
    placeholder: props.placeholder,
    spellCheck: false,
    autoCapitalize: 'off',
    autoCorrect: 'off',
  } as const;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className={props.action ? 'field-control field-control-with-action' : 'field-control'}>
        {multiline ? (
          <textarea {...common} rows={props.rows ?? 4} onChange={(event) => onChange(event.target.value)} />
        ) : (
          <input
            {...common}
            type={type === 'number' ? 'text' : type}
            inputMode={type === 'number' ? 'numeric' : props.inputMode}
            autoComplete={props.autoComplete ?? 'off'}
            onChange={(event) => onChange(event.target.value)}
          />
        )}
        {props.action}
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
