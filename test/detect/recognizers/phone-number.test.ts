import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createPhoneNumber } from '../../../lib/detect/recognizers/phone-number.ts';
import { RuleError } from '../../../lib/errors.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createPhoneNumber(shippedSettings('phone-number'));

describe('phone-number', () => {
  it.each<[string, string[]]>([
    // UK numbers in national format, allocated ranges.
    ['The switchboard is 0115 981 9911.', ['0115 981 9911']],
    ['(0115) 981 9911', ['(0115) 981 9911']],
    ['London office 020 7946 0958', ['020 7946 0958']],
    ['Freephone 0800 123 4567', ['0800 123 4567']],
    // Ofcom's drama ranges: not allocated, still found.
    ['Call me on 07700 900123 tonight', ['07700 900123']],
    ['Her landline is 0115 496 0123.', ['0115 496 0123']],
    ['mobile: 07700-900-123', ['07700-900-123']],
    ['07700900123', ['07700900123']],
    // International format, any country.
    ['+44 7700 900123', ['+44 7700 900123']],
    ['+44 (0)115 981 9911', ['+44 (0)115 981 9911']],
    ['0044 115 981 9911', ['0044 115 981 9911']],
    ['Paris office +33 1 42 68 53 00', ['+33 1 42 68 53 00']],
    ['US office +1 415 555 0132', ['+1 415 555 0132']],
    // Several numbers side by side, and an extension left off the span.
    ['07700 900123 07700 900124', ['07700 900123', '07700 900124']],
    ['Tel: 0115 981 9911/07700 900123', ['0115 981 9911', '07700 900123']],
    ['0115 981 9911 ext. 204', ['0115 981 9911']],
    ['Home 0115 496 0123\nMobile 07700 900123', ['0115 496 0123', '07700 900123']],
    // Not phone numbers: public references, dates, money, bank and card numbers.
    ['Planning application 24/00873/FUL', []],
    ['Received on 12/03/2024 and 2024-03-12', []],
    ['The surgery on 01.02.2025 runs from 10.30 to 12.00', []],
    ['The fee of £1,250.00 was paid', []],
    ['Sort code 20-45-77, account 13794682', []],
    ['Sort code 40-47-84, account 01234567', []],
    ['Card 4111 1111 1111 1111', []],
    ['Council tax account 1234567890', []],
    ['NHS number 943 476 5919', []],
    ['Casework CW-2024-00123', []],
    // Not separate numbers: inside words, too long, too short, or another country's national format.
    ['abc07700900123', []],
    ['07700900123abc', []],
    ['077009001234567', []],
    ['0115 981', []],
    ['US office (415) 555-0132', []],
    // Where a number's opening starts: "(+", "+" or "(" count only after something that is not a
    // letter, digit or underscore; after one, the number starts further in, or not at all.
    ['tel:(+44 7700 900123', ['(+44 7700 900123']],
    ['x(+44 7700 900123', ['+44 7700 900123']],
    ['2(+44 7700 900123', ['+44 7700 900123']],
    ['_+44 7700 900123', []],
    ['a+44 7700 900123', []],
    ['see (07700 900461)', ['(07700 900461']],
    ['x(07700 900461', ['07700 900461']],
    ['Ref 12 (0115) 981 9911', ['(0115) 981 9911']],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it('scores an allocated number above an unallocated one, both enough to count', () => {
    const [valid] = recognizer.find('0115 981 9911');
    const [possible] = recognizer.find('0115 496 0123');
    expect(valid?.score).toBeGreaterThan(possible?.score ?? 1);
    expect(possible?.score).toBeGreaterThanOrEqual(0.5);
    expect(valid?.explanation).toEqual({ pattern: 'libphonenumber', baseScore: 0.75, validated: true });
    expect(possible?.explanation).toEqual({
      pattern: 'libphonenumber',
      baseScore: 0.55,
      note: 'possible number outside the allocated ranges',
    });
  });

  it('raises the score when a phone word is near', () => {
    const [plain] = recognizer.find('0115 496 0123');
    const [withWord] = recognizer.find('Mobile: 0115 496 0123');
    expect(withWord?.score).toBeGreaterThan(plain?.score ?? 1);
    expect(withWord?.explanation.contextWord).toBe('mobile');
  });

  it('drops a number near a negative context word when one is configured', () => {
    const withNegative = createPhoneNumber(shippedSettings('phone-number', { negativeContext: ['fax'] }));
    expect(matchedText(withNegative, 'Fax 0115 981 9911')).toEqual([]);
    expect(matchedText(withNegative, 'Tel 0115 981 9911')).toEqual(['0115 981 9911']);
  });

  it('rejects options it does not know', () => {
    expect(() => createPhoneNumber(shippedSettings('phone-number', { options: { defaultCountry: 'US' } }))).toThrow(RuleError);
  });

  it.each([
    ...adversarialInputs('phone'),
    ['a megabyte of digits', '1'.repeat(1 << 20)],
    ['a megabyte of spaces and dots', ' .'.repeat(1 << 19)],
    ['zeros in short groups', '01 '.repeat(20_000)],
    ['international prefixes in groups', '0044 '.repeat(20_000)],
    ['plus signs and digits', '+1'.repeat(50_000)],
  ])('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });

  // Some ten million characters of one digit run once overflowed the regex stack (a false hold).
  it.each([
    ['digits', '1234567890'],
    ['digits and spaces', '1234 '],
    ['digits and dashes', '12-34-'],
  ])('reads a 10 MB run of %s without overflowing, and finds a number at its end', (_name, unit) => {
    const text = `${unit.repeat(Math.ceil(10_000_000 / unit.length))} call 0115 981 9911`;
    const started = performance.now();
    expect(matchedText(recognizer, text)).toEqual(['0115 981 9911']);
    console.log(`phone-number: 10 MB of ${_name} in ${Math.round(performance.now() - started)} ms`);
  });

  it('finds every number in a long run of numbers, across the pieces it is read in', () => {
    // 700 numbers of 11 digits, single-spaced: one run of 7,700 digits, read 1,024 digits at a time.
    const numbers = Array.from({ length: 700 }, (_, i) => `0115 496 ${String(i).padStart(4, '0')}`);
    expect(matchedText(recognizer, numbers.join(' '))).toEqual(numbers);
  });
});

describe('phone-number over many messages', () => {
  it('keeps none of the texts it has read: its cache of verdicts holds copies of the numbers', () => {
    // A collection on demand, for this measure only.
    v8.setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const heapUsed = (): number => {
      collect();
      collect();
      return process.memoryUsage().heapUsed;
    };
    const filler = 'The parish council has agreed to share the cost of the new noticeboard. '.repeat(1400).slice(0, 100_000);
    const own = createPhoneNumber(shippedSettings('phone-number'));
    own.find(`${filler} Call 0115 981 9911 today.`);
    const before = heapUsed();
    // 200 messages of 100 KB, each with a number of its own: 20 MB of text were they kept.
    for (let i = 0; i < 200; i += 1) expect(own.find(`${filler} Call the office on 0115 981 ${1000 + i} today.`)).toHaveLength(1);
    expect(heapUsed() - before).toBeLessThan(5 * 1024 * 1024);
  });
});
