// The Subject header as a person reads it, straight from the raw bytes (for when the message
// could not be parsed, and for rewriting the header in place).
import { decodeEncodedWords } from './encoded-words.ts';
import { bytesToText, unfoldedValue, type RawField, findFields } from './raw-headers.ts';

export function fieldText(raw: Buffer, field: RawField): string {
  return decodeEncodedWords(bytesToText(unfoldedValue(raw, field))).trim();
}

export function rawSubject(raw: Buffer): string {
  const field = findFields(raw, 'subject')[0];
  return field ? fieldText(raw, field) : '';
}
