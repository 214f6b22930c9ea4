// Reads Presidio's identifier test cases, extracted to JSON under ../shared/fixtures/identifiers/
// (beside the checkout; absent elsewhere, and then the corpus tests skip).
import { existsSync, readFileSync } from 'node:fs';

export type Span = [number, number];

export interface PresidioCase {
  text: string;
  /** Presidio's expected spans. */
  expected: Span[];
  /** The phone cases' matcher leniency (0 possible … 3 exact grouping), where the case sets one. */
  leniency?: number;
}

export const IDENTIFIERS_DIR = new URL('identifiers/', new URL('../../../shared/fixtures/', import.meta.url));

export const identifiersPresent = existsSync(IDENTIFIERS_DIR);

/** Spans as the extracted cases write them: "((0, 16), (17, 36))"; absent means none expected. */
export function parseSpans(written: unknown): Span[] {
  return [...String(written ?? '()').matchAll(/\((\d+), (\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The cases of one file, e.g. "test_email_recognizer"; none when the fixtures are absent. */
export function loadPresidioCases(file: string): PresidioCase[] {
  if (!identifiersPresent) return [];
  const raw = JSON.parse(readFileSync(new URL(`${file}.cases.json`, IDENTIFIERS_DIR), 'utf8')) as Array<Record<string, unknown>>;
  return raw.map((c) => ({
    // IBAN cases name their text `iban`; the others `text`.
    text: String(c['text'] ?? c['iban']),
    expected: parseSpans(c['expected_positions'] ?? c['expected_res']),
    ...(typeof c['leniency'] === 'number' ? { leniency: c['leniency'] } : {}),
  }));
}
