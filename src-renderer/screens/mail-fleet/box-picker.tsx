import type { Box } from '../../../src-shared/domain/box';

interface Props {
  readonly boxes: readonly Box[];
  readonly chosen: ReadonlySet<string>;
  readonly onChange: (chosen: Set<string>) => void;
  readonly error?: string;
}

/** Which boxes a change goes to: a checkbox per box, and all or none at once. */
export function BoxPicker({ boxes, chosen, onChange, error }: Props) {
  const toggle = (boxId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(boxId);
    else next.delete(boxId);
    onChange(next);
  };
  return (
    <fieldset className="fieldset box-picker" aria-describedby={error ? 'box-picker-error' : undefined}>
      <legend className="field-label">Boxes</legend>
      <div className="transfer-row">
        <button type="button" className="button button-small" onClick={() => onChange(new Set(boxes.map((b) => b.id)))}>
          Select all
        </button>
        <button type="button" className="button button-small" onClick={() => onChange(new Set())}>
          Select none
        </button>
        <span className="muted">
          {chosen.size} of {boxes.length} chosen
        </span>
      </div>
      <ul className="choices box-choices">
        {boxes.map((box) => (
          <li key={box.id}>
            <label className="choice">
              <input
                type="checkbox"
                checked={chosen.has(box.id)}
                onChange={(event) => toggle(box.id, event.target.checked)}
              />
              {box.name}
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p id="box-picker-error" className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
