import type { ReactNode } from 'react';

/** The kinds of state a mark shows; each has its own shape, so colour is never the only sign. */
export type Tone = 'ok' | 'warning' | 'error' | 'down' | 'unknown' | 'info';

const GLYPH: Record<Tone, string> = {
  ok: '✓',
  warning: '!',
  error: '✕',
  down: '✕',
  unknown: '?',
  info: 'i',
};

/** An icon and its words: the icon is decoration, the text carries the meaning. */
export function StatusMark({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span className={`status-mark status-${tone}`}>
      <span className="status-icon" aria-hidden="true">
        {GLYPH[tone]}
      </span>
      <span className="status-text">{children}</span>
    </span>
  );
}

/** A value the box did not report: a dash on screen, "unknown" to a screen reader. */
export function Unknown() {
  return (
    <span className="muted">
      <span aria-hidden="true">—</span>
      <span className="sr-only">unknown</span>
    </span>
  );
}
