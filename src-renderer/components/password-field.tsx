import { useMemo, useState } from 'react';
import { CopyButton } from './copy-button';
import { generatePassword } from './password-generate';
import { addressWords, passwordStrength } from './password-strength';

interface Props {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The address the password is for: its parts count as easy guesses. */
  readonly email: string;
  readonly error?: string;
}

/**
 * A new password: typed (hidden unless asked) or generated, with a strength meter. A generated password is shown
 * with a Copy button, since it has to reach the person who will use the mailbox. The value lives in the caller's
 * form only; nothing here keeps or logs it.
 */
export function PasswordField({ id, label, value, onChange, email, error }: Props) {
  const [visible, setVisible] = useState(false);
  const strength = useMemo(() => passwordStrength(value, addressWords(email)), [value, email]);
  const meterId = `${id}-strength`;
  const errorId = `${id}-error`;
  return (
    <div className="field password-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="field-control field-control-with-action">
        <input
          id={id}
          className="input input-mono"
          type={visible ? 'text' : 'password'}
          value={value}
          autoComplete="new-password"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? errorId : '', meterId].filter(Boolean).join(' ')}
          onChange={(event) => onChange(event.target.value)}
        />
        <button
          type="button"
          className="button"
          aria-pressed={visible}
          aria-controls={id}
          onClick={() => setVisible(!visible)}
        >
          {visible ? 'Hide' : 'Show'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            onChange(generatePassword());
            setVisible(true);
          }}
        >
          Generate
        </button>
        {visible && value !== '' ? <CopyButton text={value} what="the password" /> : null}
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      <div id={meterId} className="password-strength" data-score={value === '' ? 'none' : strength.score}>
        <meter
          className="password-meter"
          min={0}
          max={4}
          low={2}
          high={3}
          optimum={4}
          value={value === '' ? 0 : strength.score}
          aria-label="Password strength"
        />
        <span className="password-strength-label">
          Strength: {strength.label}
          {strength.advice ? `. ${strength.advice}` : '.'}
        </span>
      </div>
    </div>
  );
}
