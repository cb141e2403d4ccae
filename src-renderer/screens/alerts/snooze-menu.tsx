import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Alert } from '../../../src-shared/domain/fleet-health';
import { ALERT_KIND_LABELS } from '../../../src-shared/domain/fleet-health';
import { SNOOZE_CHOICES } from '../../stores/alerts-view';

interface Props {
  readonly alert: Alert;
  readonly boxName: string;
  readonly snoozed: boolean;
  readonly onSnooze: (forMs: number | null) => void;
}

/**
 * A disclosure button with the snooze choices under it: plain buttons in the tab order, so it works with a keyboard
 * and a screen reader without a menu's roving focus. Escape closes it and returns focus to the button.
 */
export function SnoozeMenu({ alert, boxName, snoozed, onSnooze }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    close();
  };
  const choices = SNOOZE_CHOICES.filter((choice) => choice.ms !== null || snoozed);
  return (
    <div className="snooze" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="button button-small"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={`Snooze “${ALERT_KIND_LABELS[alert.kind]}” for ${boxName}`}
        onClick={() => setOpen(!open)}
      >
        Snooze
      </button>
      {open ? (
        <ul id={listId} className="snooze-choices" aria-label="Snooze notifications">
          {choices.map((choice) => (
            <li key={choice.label}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  onSnooze(choice.ms);
                  close();
                }}
              >
                {choice.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
