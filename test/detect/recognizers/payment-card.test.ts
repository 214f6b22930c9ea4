import { describe, expect, it } from 'vitest';
import { cardScheme, createPaymentCard } from '../../../lib/detect/recognizers/payment-card.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createPaymentCard(shippedSettings('payment-card'));

describe('payment-card', () => {
  it.each<[string, string[]]>([
    // Valid: known scheme, right length, Luhn check digit; no context word needed.
    ['4111111111111111', ['4111111111111111']],
    ['Card 4111 1111 1111 1111 exp 09/27', ['4111 1111 1111 1111']],
    ['4111-1111-1111-1111', ['4111-1111-1111-1111']],
    ['5555 5555 5555 4444', ['5555 5555 5555 4444']],
    ['2223 0000 4840 0011', ['2223 0000 4840 0011']],
    ['Amex 3782 822463 10005', ['3782 822463 10005']],
    ['Diners 3056 930902 5904', ['3056 930902 5904']],
    ['6011111111111117', ['6011111111111117']],
    ['6759649826438453', ['6759649826438453']],
    ['4111 1111 1111 1111 123', ['4111 1111 1111 1111']],
    ['4012888888881881 and 4111111111111111', ['4012888888881881', '4111111111111111']],
    // Invalid: Luhn fails.
    ['4111 1111 1111 1112', []],
    ['36168002586008', []],
    // Invalid: prefix of no scheme (UATP airline accounts deliberately left out), or wrong length.
    ['1234567812345670', []],
    ['122000000000003', []],
    ['5555 5555 5555 444', []],
    // Any separators between the groups, mixed or not, and a wrapped quoted line.
    ['4111 1111-1111 1111', ['4111 1111-1111 1111']],
    ['4111.1111.1111.1111', ['4111.1111.1111.1111']],
    ['4111 1111\n> 1111 1111', ['4111 1111\n> 1111 1111']],
    // Invalid: inside a longer run.
    ['41111111111111110000', []],
    ['x4111111111111111', []],
    // Near-misses from council mail.
    ['Call 0115 981 9911 or 07700 900123', []],
    ['Invoice total £1,234.56, order 1748503543012', []],
    ['Planning ref 24/00873/FUL', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it('scores a valid number 1.0 whether or not a card word is near', () => {
    expect(recognizer.find('4111111111111111')[0]).toMatchObject({ score: 1, explanation: { validated: true } });
    expect(recognizer.find('card 4111111111111111')[0]).toMatchObject({ score: 1, explanation: { contextWord: 'card' } });
  });

  it.each<[string, string | undefined]>([
    ['4111111111111111', 'visa'],
    ['4222222222222', 'visa'],
    ['5105105105105100', 'mastercard'],
    ['2720990000000007', 'mastercard'],
    ['2721000000000000', undefined],
    ['378282246310005', 'amex'],
    ['37828224631000', undefined],
    ['30569309025904', 'diners'],
    ['3530111333300000', 'jcb'],
    ['6200000000000005', 'unionpay'],
    ['5019717010103742', 'maestro'],
    ['9111111111111111', undefined],
  ])('cardScheme(%s) → %s', (digits, scheme) => {
    expect(cardScheme(digits)).toBe(scheme);
  });

  it.each(adversarialInputs('credit card'))('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
