// Reads the recognizers' examples from one shipped rule file, as rows for a table-driven test.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ExamplesSchema } from '../../lib/rules/schema.ts';
import { RULES_DIR } from './recognizer-settings.ts';

export interface ExampleRow {
  type: string;
  expected: 'hold' | 'pass';
  body: string;
}

/** Every recognizer example in rules/<file>, in file order. */
export function recognizerExamples(file: string): ExampleRow[] {
  const doc = parse(readFileSync(`${RULES_DIR}${file}`, 'utf8')) as { recognizers: Record<string, { examples?: unknown }> };
  return Object.entries(doc.recognizers).flatMap(([type, settings]) => {
    const examples = ExamplesSchema.parse(settings.examples ?? {});
    const body = (e: (typeof examples.hold)[number]): string => (typeof e === 'string' ? e : e.body);
    return [
      ...examples.hold.map((e) => ({ type, expected: 'hold' as const, body: body(e) })),
      ...examples.pass.map((e) => ({ type, expected: 'pass' as const, body: body(e) })),
    ];
  });
}
