// Reads one recognizer's settings from the shipped rule files (real YAML, real schema), so
// recognizer tests run with exactly what the gateway ships.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RecognizerSettingsSchema } from '../../lib/rules/schema.ts';
import type { RecognizerSettings } from '../../lib/detect/types.ts';

export const RULES_DIR = new URL('../../rules/', import.meta.url).pathname;

export function shippedSettings(type: string, overrides: Partial<RecognizerSettings> = {}): RecognizerSettings {
  for (const file of readdirSync(RULES_DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    const doc = parse(readFileSync(join(RULES_DIR, file), 'utf8')) as { recognizers?: Record<string, unknown> } | null;
    const raw = doc?.recognizers?.[type];
    if (raw !== undefined) {
      const { examples: _examples, ...settings } = RecognizerSettingsSchema.parse(raw);
      return { ...settings, ...overrides };
    }
  }
  throw new Error(`no settings for recognizer ${type} under rules/`);
}
