// How `gateway rules test` names a failing example: by its own first words on one line.
import { describe, expect, it } from 'vitest';
import { quoteExample } from '../../lib/rules/examples.ts';

describe('quoteExample', () => {
  it.each<[string, Parameters<typeof quoteExample>[0], string]>([
    ['a short body as written', 'Her NI number is JG 10 37 85 A.', 'Her NI number is JG 10 37 85 A.'],
    ['line breaks and runs of spaces as single spaces', 'OFFICIAL-SENSITIVE\n\n  Budget   figures', 'OFFICIAL-SENSITIVE Budget figures'],
    [
      'a long body cut at a word, with an ellipsis',
      'Please find attached the list of residents who attended the surgery on Saturday morning at the library.',
      'Please find attached the list of residents who attended the…',
    ],
    ['a mapping by its body', { subject: 'Claim', body: 'Our ref CW-2024-00123' }, 'Our ref CW-2024-00123'],
    ['a mapping with an empty body by its subject', { subject: 'OFFICIAL-SENSITIVE', body: ' ' }, 'OFFICIAL-SENSITIVE'],
    ['one long word cut at 60 characters', 'x'.repeat(80), `${'x'.repeat(60)}…`],
  ])('quotes %s', (_what, example, quoted) => {
    expect(quoteExample(example)).toBe(quoted);
  });
});
