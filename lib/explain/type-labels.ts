// Plain-English names of finding types, for councillors and IG officers.

const LABELS: Readonly<Record<string, string>> = {
  'uk-nino': 'a National Insurance number',
  'nhs-number': 'an NHS number',
  'email-address': 'an email address',
  'phone-number': 'a phone number',
  'postal-address': 'a postal address',
  'people-list': 'a list of people with their contact details',
  'date-of-birth': 'a date of birth',
  'bank-account': 'bank account details',
  'payment-card': 'a payment card number',
  iban: 'an international bank account number (IBAN)',
  'passport-number': 'a passport number',
  'driving-licence': 'a driving licence number',
  'special-category': 'sensitive personal information (such as health, ethnicity, religion or criminal allegations)',
  'security-classification': 'a security classification marking',
  'exempt-information': 'an exempt-information ("not for publication") marking',
  'confidentiality-notice': 'a confidentiality marking',
  'case-reference': 'a casework reference',
  'unreadable-attachment': 'content the gateway could not read (encrypted, damaged, too large, too slow to read, or built so that mail programs can show it differently)',
  'processing-error': 'a problem checking the message',
};

export function typeLabel(type: string): string {
  return LABELS[type] ?? type;
}
