import { describe, expect, it } from 'vitest';
import { createPassportNumber } from '../../../lib/detect/recognizers/passport-number.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createPassportNumber(shippedSettings('passport-number'));

describe('passport-number', () => {
  it.each<[string, string[]]>([
    // Valid shapes with a passport word near.
    ['His passport number is 502135326.', ['502135326']],
    ['Passport: A12345678', ['A12345678']],
    ['passport_502135326.jpg', ['502135326']],
    ['passport no pa1234567 (Irish)', ['pa1234567']],
    ['Passports: AB1234567 and XY9876543', ['AB1234567', 'XY9876543']],
    ['502135326 is the number on her passport', ['502135326']],
    // Same shapes without a passport word: not counted.
    ['Please quote 502135326 when you call', []],
    ['Reference AB1234567', []],
    // Invalid shapes even with the word.
    ['Passport 50213532', []],
    ['Passport 5021353261', []],
    ['Passport ABC123456', []],
    ['Passport AB 1234567', []],
    ['Passport 1234567AB', []],
    ['Passport XYZAB1234567QRS', []],
    // Near-misses from council mail.
    ['The passport office phone is 0300 222 0000', []],
    ['Passport photos cost £1,234.56 in total', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it('scores a match with its passport word above the shipped minimum', () => {
    const [match] = recognizer.find('passport 502135326');
    expect(match?.score).toBeCloseTo(0.75, 5);
    expect(match?.explanation).toEqual({ pattern: 'passport-number', baseScore: 0.4, contextWord: 'passport' });
  });

  it.each(adversarialInputs('passport'))('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
