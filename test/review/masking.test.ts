import { describe, expect, it } from 'vitest';
import type { HeldFinding } from '../../lib/ports/held-items.ts';
import { MAX_PART_CHARS, maskedText, type TextPiece } from '../../lib/review/masking.ts';

const NINO = 'JG 10 37 85 A';
const PHONE = '07700 900123';

function finding(text: string, value: string, type: string, partId = 'body'): HeldFinding {
  const start = text.indexOf(value);
  if (start < 0) throw new Error('test value not in text');
  return { type, category: 'personal', partId, start, end: start + value.length, score: 1 };
}

/** The text a reader sees: plain pieces as they are, values as their masks. */
const shown = (pieces: TextPiece[]): string => pieces.map((p) => ('text' in p ? p.text : `[${p.masked}]`)).join('');

describe('maskedText', () => {
  const text = `NI ${NINO}, phone ${PHONE}.`;

  it.each([
    ['one value', [finding(text, NINO, 'uk-nino')], 'NI [JG •• •• •• A], phone 07700 900123.'],
    ['two values', [finding(text, NINO, 'uk-nino'), finding(text, PHONE, 'phone-number')], 'NI [JG •• •• •• A], phone [07700 9•••••].'],
    ['a value in another part', [finding(text, NINO, 'uk-nino', 'subject')], text],
    ['an empty finding (unreadable attachment)', [{ ...finding(text, NINO, 'uk-nino'), end: 3 }], text],
  ])('%s', (_name, findings, expected) => {
    expect(shown(maskedText(text, 'body', findings).pieces)).toBe(expected);
  });

  it('numbers masked pieces by their place in the findings list', () => {
    const findings = [finding(text, PHONE, 'phone-number', 'subject'), finding(text, NINO, 'uk-nino')];
    expect(maskedText(text, 'body', findings).pieces.find((p) => 'finding' in p)).toMatchObject({ finding: 1 });
  });

  it('masks the whole of overlapping values, never showing the tail of the longer one', () => {
    const value = 'AB123456C';
    const t = `ref ${value} end`;
    const first: HeldFinding = { type: 'case-reference', category: 'casework', partId: 'body', start: 4, end: 9, score: 1 };
    const second: HeldFinding = { type: 'uk-nino', category: 'personal', partId: 'body', start: 6, end: 13, score: 1 };
    const out = shown(maskedText(t, 'body', [first, second]).pieces);
    for (const ch of '3456C') expect(out.replace(/^ref /, '').split(' end')[0]).not.toContain(ch);
    expect(out.endsWith(' end')).toBe(true);
  });

  it('cuts a long part before a value that crosses the limit', () => {
    const long = `${'x'.repeat(MAX_PART_CHARS - 5)} ${NINO} tail`;
    const out = maskedText(long, 'body', [finding(long, NINO, 'uk-nino')]);
    expect(out.truncated).toBe(true);
    expect(shown(out.pieces)).not.toContain('JG');
    expect(shown(out.pieces).length).toBeLessThanOrEqual(MAX_PART_CHARS);
  });

  it('shows a short part whole', () => {
    expect(maskedText('hello', 'body', [])).toEqual({ pieces: [{ text: 'hello' }], truncated: false });
  });
});
