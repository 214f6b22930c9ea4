// Small helpers for recognizer tests: what a recognizer matched, as the matched text, and inputs
// built to make a backtracking regular expression blow up.
import type { Recognizer } from '../../lib/detect/types.ts';

/** The text of each match, in order. */
export function matchedText(recognizer: Recognizer, text: string): string[] {
  return recognizer.find(text).map((m) => text.slice(m.start, m.end));
}

/**
 * Long runs that make a regular expression with nested or overlapping quantifiers backtrack
 * exponentially. A recognizer must return on each of these promptly (the test timeout is the
 * limit; nothing is timed). `context` is put in front so recognizers that need a context word
 * still examine every candidate.
 */
export function adversarialInputs(context: string): Array<[string, string]> {
  const size = 100_000;
  return [
    ['digits', '1'.repeat(size)],
    ['spaces', ' '.repeat(size)],
    ['dots', '.'.repeat(size)],
    ['email-like', 'a@a.'.repeat(size / 4)],
    ['spaced digits', '1 '.repeat(size / 2)],
    ['dashed digits', '12-'.repeat(size / 3)],
    ['slashed digits', '12/'.repeat(size / 3)],
    ['letter-digit groups', 'AB12 '.repeat(size / 5)],
    ['letters', 'A'.repeat(size)],
    ['context then digits', `${context} ${'1'.repeat(size)}`],
    ['context then digit groups', `${context} ${'1234 '.repeat(size / 5)}`],
    ['repeated context and digits', `${context} 20-45-77 `.repeat(size / 40)],
    ['digits in wrapped quoted lines', '12 3\n> '.repeat(size / 7)],
    ['digits between separator runs', `1${' ._/-\t\n>'}`.repeat(size / 9)],
    ['letter-spaced capitals', 'A '.repeat(size / 2)],
    ['letter-spaced with a double letter now and then', 'A B C DD '.repeat(size / 9)],
  ];
}
