interface Props {
  readonly id: string;
  /** The field's name for assistive technology (the label is visually hidden: the placeholder says what it takes). */
  readonly label: string;
  readonly placeholder: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The id of the list it filters. */
  readonly controls?: string;
  /** Make the field a search landmark named by `label`. */
  readonly landmark?: boolean;
}

/** The filter field above a list: typed text narrows the list as it is typed, with no spell checking of addresses. */
export function ListFilter({ id, label, placeholder, value, onChange, controls, landmark = false }: Props) {
  return (
    <div className="filter" role={landmark ? 'search' : undefined} aria-label={landmark ? label : undefined}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="search"
        className="input"
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-controls={controls}
        spellCheck={false}
      />
    </div>
  );
}
