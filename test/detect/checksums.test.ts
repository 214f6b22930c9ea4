import { describe, expect, it } from 'vitest';
import {
  allSameCharacter,
  ibanChecksumValid,
  isCalendarDate,
  isLeapYear,
  luhnValid,
  nhsCheckDigitValid,
} from '../../lib/detect/checksums.ts';

describe('luhnValid', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['5555555555554444', true],
    ['5555555555554445', false],
    ['378282246310005', true],
    ['378282246310006', false],
    ['30569309025904', true],
    ['36168002586008', false],
    ['79927398713', true],
    ['79927398710', false],
    ['0', false],
    ['4111-1111-1111-1111', false],
    ['', false],
  ])('%s → %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });
});

describe('nhsCheckDigitValid', () => {
  it.each([
    ['4010232137', true],
    ['4010232138', false],
    ['9434765919', true],
    ['9434765918', false],
    ['2213951837', true],
    ['0032698674', true],
    ['3000000003', true],
    ['3000000000', false],
    ['401023213', false],
    ['40102321370', false],
    ['401 023 2137', false],
  ])('%s → %s', (digits, valid) => {
    expect(nhsCheckDigitValid(digits)).toBe(valid);
  });

  // 1×10 + 1×2 = 12 leaves remainder 1, so the check digit would be 10: no last digit is right.
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('100000001%i → false (check digit would be 10)', (last) => {
    expect(nhsCheckDigitValid(`100000001${last}`)).toBe(false);
  });
});

describe('ibanChecksumValid', () => {
  it.each([
    ['GB82WEST12345698765432', true],
    ['GB82WEST12345698765431', false],
    ['GB29NWBK60161331926819', true],
    ['gb29nwbk60161331926819', true],
    ['DE89370400440532013000', true],
    ['DE89370400440532013001', false],
    ['FR1420041010050500013M02606', true],
    ['NO9386011117947', true],
    ['CY17002001280000001200527601', false],
    ['GB82 WEST 1234 5698 7654 32', false],
    ['82GBWEST12345698765432', false],
    ['GB82', false],
  ])('%s → %s', (iban, valid) => {
    expect(ibanChecksumValid(iban)).toBe(valid);
  });
});

describe('allSameCharacter', () => {
  it.each([
    ['7777777777', true],
    ['0000000000', true],
    ['7777777778', false],
    ['', false],
  ])('%j → %s', (value, same) => {
    expect(allSameCharacter(value)).toBe(same);
  });
});

describe('calendar', () => {
  it.each([
    [2000, true],
    [2024, true],
    [1900, false],
    [2023, false],
  ])('isLeapYear(%i) → %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it.each([
    [1956, 3, 12, true],
    [2000, 2, 29, true],
    [1900, 2, 29, false],
    [2023, 2, 29, false],
    [2023, 4, 30, true],
    [2023, 4, 31, false],
    [2023, 12, 31, true],
    [2023, 13, 1, false],
    [2023, 0, 1, false],
    [2023, 1, 0, false],
    [2023, 1.5, 1, false],
  ])('isCalendarDate(%i, %i, %i) → %s', (year, month, day, valid) => {
    expect(isCalendarDate(year, month, day)).toBe(valid);
  });
});
