import { useRef, useState } from 'react';
import { copyText } from './copy-text';

interface Props {
  readonly text: string;
  /** What is copied, for the button's accessible name ("Copy the authorize command"). */
  readonly what: string;
}

/** A Copy button that says whether it worked, and what to do if the browser refused. */
export function CopyButton({ text, what }: Props) {
  const wrap = useRef<HTMLSpanElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span ref={wrap} className="copy">
      <button
        type="button"
        className="button button-small"
        aria-label={`Copy ${what}`}
        onClick={() => {
          const host = wrap.current;
          if (!host) return;
          void copyText(text, host).then((copied) => setState(copied ? 'copied' : 'failed'));
        }}
      >
        Copy
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? 'Copied.' : null}
        {state === 'failed' ? 'Could not copy here: select the text and press Ctrl+C.' : null}
      </span>
    </span>
  );
}
