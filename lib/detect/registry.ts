// Every recognizer the gateway knows, by finding type. The rule files turn each on or off and
// tune it; a type named in the rules but missing here is a rule error.
import type { RecognizerFactory } from './types.ts';
import { createBankAccount } from './recognizers/bank-account.ts';
import { createCaseReference } from './recognizers/case-reference.ts';
import { createConfidentialityNotice } from './recognizers/confidentiality-notice.ts';
import { createDateOfBirth } from './recognizers/date-of-birth.ts';
import { createDrivingLicence } from './recognizers/driving-licence.ts';
import { createEmailAddress } from './recognizers/email-address.ts';
import { createExemptInformation } from './recognizers/exempt-information.ts';
import { createIban } from './recognizers/iban.ts';
import { createNhsNumber } from './recognizers/nhs-number.ts';
import { createPassportNumber } from './recognizers/passport-number.ts';
import { createPaymentCard } from './recognizers/payment-card.ts';
import { createPeopleList } from './recognizers/people-list.ts';
import { createPhoneNumber } from './recognizers/phone-number.ts';
import { createPostalAddress } from './recognizers/postal-address.ts';
import { createSecurityClassification } from './recognizers/security-classification.ts';
import { createSpecialCategory } from './recognizers/special-category.ts';
import { createUkNino } from './recognizers/uk-nino.ts';

export const RECOGNIZER_FACTORIES: Readonly<Record<string, RecognizerFactory>> = {
  'uk-nino': createUkNino,
  'nhs-number': createNhsNumber,
  'email-address': createEmailAddress,
  'phone-number': createPhoneNumber,
  'postal-address': createPostalAddress,
  'people-list': createPeopleList,
  // Its second argument is a clock for tests; the rule set's context comes third.
  'date-of-birth': (settings, context) => createDateOfBirth(settings, undefined, context),
  'bank-account': createBankAccount,
  'payment-card': createPaymentCard,
  iban: createIban,
  'passport-number': createPassportNumber,
  'driving-licence': createDrivingLicence,
  'special-category': createSpecialCategory,
  'security-classification': createSecurityClassification,
  'exempt-information': createExemptInformation,
  'confidentiality-notice': createConfidentialityNotice,
  'case-reference': createCaseReference,
};
