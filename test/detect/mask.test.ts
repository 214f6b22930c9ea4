// Masked values: enough shape to see what was found, never enough to recover it.
import { describe, expect, it } from 'vitest';
import { maskValue } from '../../lib/detect/mask.ts';

describe('maskValue', () => {
  it.each([
    ['uk-nino', 'JG103785A', 'JG •• •• •• A'],
    ['uk-nino', 'JG 10 37 85 A', 'JG •• •• •• A'],
    ['phone-number', '07700 900123', '07700 9•••••'],
    ['phone-number', '07700 900 123', '07700 9•• •••'],
    ['phone-number', '0115 496 0123', '0115 49• ••••'],
    ['email-address', 'edith.clarke@example.com', 'e•••@example.com'],
    ['postal-address', '14 Acacia Avenue, West Bridgford NG2 5AB', '•• •••••• ••••••, •••• ••••••••• NG2 •••'],
    ['postal-address', '14 Acacia Avenue', '•• •••••• ••••••'],
    ['nhs-number', '401 023 2137', '401 ••• ••••'],
    ['payment-card', '4111 1111 1111 1111', '4111 1••• •••• ••••'],
    ['security-classification', 'OFFICIAL-SENSITIVE', 'OFFICIAL-SENSITIVE'],
    ['people-list', 'Margaret Okafor, 07700 900461\nJohn Whitfield, 07700 900462', '•••••••• ••••••, ••••• •••••• •••• •••••••••, ••••• ••••••'],
  ])('%s %s → %s', (type, value, masked) => {
    expect(maskValue(type, value)).toBe(masked);
  });

  it.each([
    ['uk-nino', 'JG 10 37 85 A', ['103785', '10 37 85']],
    ['phone-number', '07700 900123', ['900123']],
    ['email-address', 'edith.clarke@example.com', ['edith', 'clarke']],
    ['postal-address', '14 Acacia Avenue, NG2 5AB', ['Acacia', '14', '5AB']],
    ['date-of-birth', '12/03/1956', ['03', '1956']],
    ['iban', 'GB82 WEST 1234 5698 7654 32', ['5698', '7654']],
  ])('hides the identifying part of %s', (type, value, hidden) => {
    const masked = maskValue(type, value);
    for (const part of hidden) expect(masked).not.toContain(part);
  });
});
