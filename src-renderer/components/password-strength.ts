import { ZxcvbnFactory, type Score } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** How guessable a password is, in words the meter shows. */
export interface PasswordStrength {
  readonly score: Score;
  readonly label: string;
  /** What to do about it; null when nothing needs saying. */
  readonly advice: string | null;
}

const LABELS: Record<Score, string> = {
  0: 'Very weak',
  1: 'Weak',
  2: 'Fair',
  3: 'Strong',
  4: 'Very strong',
};

/** The box refuses anything shorter (reference §5.4); the meter says so before the box has to. */
export const MIN_PASSWORD_LENGTH = 8;

// Built on first use: the common-password and word dictionaries take a moment to rank.
let factory: ZxcvbnFactory | null = null;

function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return factory;
}

/**
 * zxcvbn's estimate of a password, with the address's own parts as words an attacker would try first. The
 * library's feedback comes as untranslated keys, so the advice here is written from the score instead.
 */
export function passwordStrength(password: string, userInputs: readonly string[] = []): PasswordStrength {
  if (password === '') return { score: 0, label: 'Empty', advice: null };
  const { score } = estimator().check(password, [...userInputs]);
  const label = LABELS[score];
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { score, label, advice: `The box refuses passwords shorter than ${MIN_PASSWORD_LENGTH} characters.` };
  }
  if (score < 3) return { score, label, advice: 'Easy to guess: make it longer, or use Generate.' };
  return { score, label, advice: null };
}

/** Words of an address an attacker would try: its local part and the labels of its domain. */
export function addressWords(email: string): string[] {
  return email
    .toLowerCase()
    .split(/[@.+_-]/)
    .filter((word) => word.length >= 3);
}
