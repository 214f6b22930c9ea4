// Check digits and plausibility checks shared by the recognizers. One implementation each, so a
// fix reaches every recognizer that relies on it. All take the compact value (separators removed).

/** Luhn (mod 10) check used by payment cards: doubling every second digit from the right. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * NHS number check digit (modulus 11): the first nine digits weighted 10 down to 2; the check digit
 * is 11 minus the remainder, 11 meaning 0. A result of 10 means the number was never issued.
 */
export function nhsCheckDigitValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits.charCodeAt(9) - 48;
}

/**
 * ISO 13616 IBAN check (ISO 7064 mod 97-10): move the country code and check digits to the end,
 * read letters as 10–35, and the whole number must leave remainder 1 when divided by 97. Computed
 * digit by digit so no big integers are needed.
 */
export function ibanChecksumValid(iban: string): boolean {
  const value = iban.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(value)) return false;
  const rearranged = value.slice(4) + value.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const n = code >= 65 ? code - 55 : code - 48;
    remainder = (n > 9 ? remainder * 100 + n : remainder * 10 + n) % 97;
  }
  return remainder === 1;
}

/** True when every character is the same (0000000000): such values are placeholders, never issued. */
export function allSameCharacter(value: string): boolean {
  return value.length > 0 && [...value].every((ch) => ch === value[0]);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Whether year-month-day (month 1–12) names a day that exists in the Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (lengths[month - 1] ?? 0);
}
