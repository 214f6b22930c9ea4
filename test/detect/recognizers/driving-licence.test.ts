import { describe, expect, it } from 'vitest';
import { createDrivingLicence, licenceDateValid } from '../../../lib/detect/recognizers/driving-licence.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createDrivingLicence(shippedSettings('driving-licence'));

describe('driving-licence', () => {
  it.each<[string, string[]]>([
    // Valid: surname (padded with 9s), encoded date, initials, digit, check characters.
    ['MORGA657054SM9IJ', ['MORGA657054SM9IJ']],
    ['licence_MORGA657054SM9IJ.jpeg', ['MORGA657054SM9IJ']],
    ['Licence MORGA607054SM9IJ was used', ['MORGA607054SM9IJ']],
    ['morga607054sm9ij', ['morga607054sm9ij']],
    ['FO999512018AA1AB', ['FO999512018AA1AB']],
    ['JONES710153J99EF', ['JONES710153J99EF']],
    ['SMITH802290AB1CD', ['SMITH802290AB1CD']],
    ['SMITH862310AB1CD', ['SMITH862310AB1CD']],
    // Invalid dates: month 00, 13, 50 or 63; day 00 or 32; 29 February in a year that has none.
    ['MORGA600054SM9IJ', []],
    ['MORGA613054SM9IJ', []],
    ['MORGA650054SM9IJ', []],
    ['MORGA663054SM9IJ', []],
    ['MORGA601004SM9IJ', []],
    ['MORGA601324SM9IJ', []],
    ['SMITH802291AB1CD', []],
    ['SMITH804310AB1CD', []],
    // Invalid shapes: wrong length, surname starting with 9 or letters after padding, first
    // initial a 9, inside a longer token.
    ['MORGA65705SM9IJ', []],
    ['MORGA6570544SM9IJ', []],
    ['99999657054SM9IJ', []],
    ['MO9G9657054SM9IJ', []],
    ['MORGA6570549M9IJ', []],
    ['XMORGA657054SM9IJ', []],
    // Near-misses from council mail.
    ['Planning ref 24/00873/FUL', []],
    ['ORDER12345678901', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it.each<[string, number]>([
    ['MORGA657054SM9IJ', 0.75],
    ['Driving licence MORGA657054SM9IJ', 1],
  ])('scores %j at %d', (text, score) => {
    expect(recognizer.find(text)[0]?.score).toBeCloseTo(score, 5);
  });

  it.each<[string, boolean]>([
    ['MORGA657054SM9IJ', true],
    ['SMITH002290AB1CD', true], // 29 February 2000 (1900 had none)
    ['SMITH802290AB1CD', true],
    ['SMITH802291AB1CD', false],
    ['MORGA613054SM9IJ', false],
  ])('licenceDateValid(%s) → %s', (value, valid) => {
    expect(licenceDateValid(value)).toBe(valid);
  });

  it.each(adversarialInputs('driving licence'))('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
